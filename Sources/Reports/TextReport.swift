import Analysis

/// The human summary (`--format text`): per trace its counts, its worst findings as
/// `path:line: message`, each check's verdict, and the replays side by side with netbsd8.
public struct TextReport: ReportRenderer {
    /// How many findings to show per trace (the worst first).
    public var maxFindings: Int

    public init(maxFindings: Int = 10) {
        self.maxFindings = maxFindings
    }

    public func render(_ result: AnalysisResult) -> String {
        var out = ""
        for (index, trace) in result.traces.enumerated() {
            if index > 0 { out += "\n" }
            out += render(trace)
        }
        let run = ATFRun(result)
        out += "\n\(result.traces.count) traces: \(run.count(.passed)) checks passed, \(run.count(.failed)) failed, "
        out += "\(run.count(.expectedFailure)) expected failures, \(run.count(.skipped)) skipped\n"
        return out
    }

    private func render(_ trace: TraceResult) -> String {
        var out = "\(trace.path): variant \(trace.variant), \(trace.ncpu) CPUs, \(trace.events) events"
        out += trace.malformedLines > 0 ? ", \(trace.malformedLines) malformed lines\n" : "\n"
        out += inputLines(trace)
        let tlb = trace.tlb
        if tlb.remoteFlushRequests != nil {
            out += linuxTLBLine(tlb)
        } else {
            out += netbsdTLBLine(tlb)
        }
        let signal = trace.signal
        out += "  signal: \(signal.posts) posts, \(signal.stops) stops, \(signal.waitReturns) wait returns "
        out += "(\(signal.duplicateWaitReturns) duplicate), \(signal.lostSignals) lost signals\n"
        if !trace.unknownEvents.isEmpty {
            let names = trace.unknownEvents.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
            out += "  unknown events: \(names.joined(separator: ", "))\n"
        }
        for note in trace.notes { out += "  note: \(note)\n" }
        out += findings(trace)
        out += "  checks:\n"
        for check in trace.checks {
            let reason = check.reason.isEmpty ? "" : ": \(ATFNames.oneLine(check.reason))"
            out += "    \(check.name): \(check.result.rawValue)\(check.result == .passed ? "" : reason)\n"
        }
        if !trace.replays.isEmpty {
            out += "  replays:\n"
            out += ReplayTable(trace.replays, baseline: trace.baseline).render(indent: "    ")
        }
        return out
    }

    private func netbsdTLBLine(_ tlb: TLBCounts) -> String {
        var out = "  tlb: \(tlb.unmaps) unmaps, \(tlb.shootdownIPIs) shootdown IPIs"
        if let perUnmap = tlb.ipisPerUnmap { out += String(format: " (%.2f per unmap)", perUnmap) }
        out += ", \(tlb.targets) targets "
        out += "(\(tlb.redundantTargets) redundant, \(tlb.idleTargets) idle"
        out += tlb.unknownTargets > 0 ? ", \(tlb.unknownTargets) unknown), " : "), "
        out +=
            "\(tlb.fullFlushes) full flushes, \(tlb.staleUses) stale uses, initiator wait \(micros(tlb.initiatorWaitNs))\n"
        return out
    }

    /// A Linux capture's TLB protocol (docs/tlb-model.md "Linux captures"): requests, IPIs, classes, latency.
    private func linuxTLBLine(_ tlb: TLBCounts) -> String {
        guard let requests = tlb.remoteFlushRequests else { return "" }
        var out = "  tlb: \(requests) flush requests (\(tlb.requestsWithoutIPI ?? 0) sent no IPI), "
        out += "\(tlb.shootdownIPIs) shootdown IPIs, \(tlb.targets) targets"
        let classes = tlb.redundantByClass.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        out += " (\(tlb.redundantTargets) redundant" + (classes.isEmpty ? "" : ": " + classes.joined(separator: ", "))
        out += ", \(tlb.idleTargets) idle"
        out += tlb.unknownTargets > 0 ? ", \(tlb.unknownTargets) unknown)" : ")"
        if let latency = tlb.ipiLatencyNs, latency.count > 0 {
            out += ", IPI latency p50 \(micros(latency.p50)) p99 \(micros(latency.p99)) max \(micros(latency.max))"
            out += " (\(latency.count) IPIs)"
        }
        return out + "\n"
    }

    /// How reading went, when anything was skipped or broken (nothing is lost silently).
    private func inputLines(_ trace: TraceResult) -> String {
        let input = trace.input
        let skipped = input.malformedLines + input.unknownLines
        guard skipped > 0 || input.error != nil || input.warningCount > 0 else { return "" }
        var out = "  input: \(input.lines) lines read: \(input.eventLines) events, \(input.malformedLines) malformed, "
        out += "\(input.unknownLines) unknown, \(input.commentLines) comments, \(input.blankLines) blank; "
        out += "\(input.bytes) bytes"
        out += input.container == "plain" ? "\n" : " from \(input.compressedBytes) \(input.container) bytes\n"
        if input.warningCount > 0 { out += "  input: \(input.warningCount) warnings\n" }
        if let error = input.error {
            // The error names the file (and byte offset) itself; a --strict stop names its line.
            let location = input.errorLine.map { "\(trace.path):\($0): " } ?? ""
            out += "  input: stopped: \(location)\(error)\n"
            out += "  input: \(input.events) events analysed before it\n"
        }
        return out
    }

    private func findings(_ trace: TraceResult) -> String {
        guard !trace.findings.isEmpty else { return "  findings: none\n" }
        // Severity once per finding, then sort (severity, position) pairs: no finding is
        // copied or re-examined per comparison.
        let order = trace.findings.indices.map { (severity(trace.findings[$0]), $0) }.sorted { $0 < $1 }
        let worst = order.map { trace.findings[$0.1] }
        let shown = worst.prefix(max(0, maxFindings))
        var out = "  findings: \(trace.findings.count)"
        out += shown.count < worst.count ? " (worst \(shown.count) shown)\n" : "\n"
        for finding in shown {
            let kind =
                finding.findingClass.isEmpty
                ? finding.kind.rawValue : "\(finding.kind.rawValue):\(finding.findingClass)"
            let location = "\(trace.path):\(finding.line): "
            let explanation =
                finding.message.hasPrefix(location)
                ? String(finding.message.dropFirst(location.count)) : finding.message
            out += "    \(location)[\(kind)] \(explanation)\n"
        }
        return out
    }
}

/// Lower is worse: correctness bugs first, then trace problems, then waste.
func severity(_ finding: Finding) -> Int {
    switch finding.kind {
    case .staleTranslation: return 0
    case .lostSignal: return 1
    case .duplicateWaitReturn: return 2
    case .doubleSigpost: return 3
    case .waitMismatch: return 4
    case .variantMismatch: return 5
    case .fidelityMismatch: return 6
    case .redundantShootdown:
        return finding.findingClass == .idle ? 7 : 8
    }
}

/// Nanoseconds as microseconds with three decimals: `12.000µs`.
func micros(_ ns: Int64) -> String {
    let sign = ns < 0 ? "-" : ""
    let magnitude = ns.magnitude
    let fraction = String(magnitude % 1000)
    return sign + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction + "µs"
}
