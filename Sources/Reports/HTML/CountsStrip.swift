import Analysis

/// A trace's counts as one strip of `name value` items under its checks.
///
/// A NetBSD trace shows the pmap figures (unmaps, IPIs per unmap, full flushes, stale uses,
/// initiator wait). A Linux capture records none of them (no `pmap_*`, no `tlb_fill`, no
/// shootdown wait): it shows the figures of its own protocol instead — flush requests, how
/// many sent no IPI, IPIs per request — and a note names what the capture cannot say
/// (docs/reports.md, "The HTML report").
struct CountsStrip {
    var trace: TraceResult

    func render() -> String {
        let items = trace.tlb.remoteFlushRequests == nil ? netbsdItems() : linuxItems()
        var html =
            "<div class=\"counts\">" + items.map { "<span>\(escapeHTML($0.0)) <b>\($0.1)</b></span>" }.joined()
            + "</div>\n"
        if trace.tlb.remoteFlushRequests != nil {
            html += "<p class=\"note\">Not in a Linux capture: unmaps and full flushes (no pmap events), stale uses "
            html += "(no TLB fills), initiator wait (not traced), signal posts and double posts (no post "
            html += "tracepoint).</p>\n"
        }
        return html
    }

    private func netbsdItems() -> [(String, String)] {
        let tlb = trace.tlb
        var items: [(String, String)] = [
            ("unmaps", "\(tlb.unmaps)"), ("shootdown IPIs", "\(tlb.shootdownIPIs)"),
            ("IPIs per unmap", tlb.ipisPerUnmap.map { String(format: "%.2f", $0) } ?? "–"),
            ("targets", "\(tlb.targets)"), ("redundant", "\(tlb.redundantTargets)"),
        ]
        items += classItems()
        items += [
            ("idle targets", "\(tlb.idleTargets)"), ("full flushes", "\(tlb.fullFlushes)"),
            ("stale uses", "\(tlb.staleUses)"), ("initiator wait", micros(tlb.initiatorWaitNs)),
            ("posts", "\(trace.signal.posts)"),
        ]
        return items + signalItems() + [("double posts", "\(trace.signal.doublePosts)"), lostItem()]
    }

    private func linuxItems() -> [(String, String)] {
        let tlb = trace.tlb
        let requests = tlb.remoteFlushRequests ?? 0
        var items: [(String, String)] = [
            ("flush requests", "\(requests)"), ("sent no IPI", "\(tlb.requestsWithoutIPI ?? 0)"),
            ("shootdown IPIs", "\(tlb.shootdownIPIs)"),
            (
                "IPIs per flush request",
                requests > 0 ? String(format: "%.2f", Double(tlb.shootdownIPIs) / Double(requests)) : "– (no request)"
            ),
            ("targets", "\(tlb.targets)"), ("redundant", "\(tlb.redundantTargets)"),
        ]
        items += classItems()
        items.append(("idle targets", "\(tlb.idleTargets)"))
        if let latency = tlb.ipiLatencyNs, latency.count > 0 {
            items.append(("IPI latency p50 / p99", "\(micros(latency.p50)) / \(micros(latency.p99))"))
        }
        return items + signalItems() + [lostItem()]
    }

    private func classItems() -> [(String, String)] {
        var items = trace.tlb.redundantByClass.sorted(by: { $0.key < $1.key }).map { ("· \($0.key)", "\($0.value)") }
        if trace.tlb.unknownTargets > 0 { items.append(("unknown", "\(trace.tlb.unknownTargets)")) }
        return items
    }

    private func signalItems() -> [(String, String)] {
        let signal = trace.signal
        return [
            ("stops", "\(signal.stops)"), ("wait returns", "\(signal.waitReturns)"),
            ("duplicate waits", "\(signal.duplicateWaitReturns)"),
        ]
    }

    private func lostItem() -> (String, String) { ("lost signals", "\(trace.signal.lostSignals)") }
}
