import Analysis

/// One trace's part of the HTML page, in the order a reader asks: checks and counts, the
/// strategy comparison, Linux capture figures, the timeline, the findings.
struct TraceSection {
    var trace: TraceResult
    /// Position of the trace's entry in the `kreplay-data` block.
    var index: Int
    var timeline: Timeline?
    var data: TimelineData?

    func render() -> String {
        var html = "<section class=\"trace\">\n<h2>\(escapeHTML(trace.path))</h2>\n"
        html += "<p class=\"sub\">variant \(escapeHTML(trace.variant)) · \(trace.ncpu) CPUs · \(trace.events) events"
        html += trace.malformedLines > 0 ? " · \(trace.malformedLines) malformed lines" : ""
        html += trace.input.error.map { " · input error: \(escapeHTML($0))" } ?? ""
        html += "</p>\n" + checks() + CountsStrip(trace: trace).render()
        for note in trace.notes { html += "<p class=\"note\">\(escapeHTML(note))</p>\n" }
        if !trace.replays.isEmpty {
            html += "<h3>Strategies: which fix helps?</h3>\n"
            html += StrategyBars(ReplayTable(trace.replays, baseline: trace.baseline)).render()
        }
        // A capture without flush IPIs (signals only) has no figures to plot: no empty heading.
        let linuxPanel = LinuxFigures(trace).map { LinuxPanel(figures: $0).render() } ?? ""
        if !linuxPanel.isEmpty { html += "<h3>Linux capture</h3>\n" + linuxPanel }
        if let timeline, let data {
            html += "<h3>Timeline</h3>\n" + timelineBlock(timeline, data)
        } else if timeline != nil {
            html += "<h3>Timeline</h3>\n<p class=\"note\">Timeline left out: the page's data budget was spent on "
            html += "the traces before this one.</p>\n"
        }
        html += "<div class=\"findings-part\">\n<h3 class=\"findings\">Findings</h3>\n"
        html += FindingSections(trace: trace, context: timeline?.findingContext).render() + "</div>\n"
        return html + "</section>\n"
    }

    private func checks() -> String {
        var html = "<table class=\"checklist\">\n"
        for check in trace.checks {
            html += "<tr><td><span class=\"badge \(check.result.rawValue)\">\(check.result.rawValue)</span></td>"
            html +=
                "<td class=\"mono\">\(escapeHTML(check.name.rawValue))</td><td>\(escapeHTML(check.reason))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func timelineBlock(_ timeline: Timeline, _ data: TimelineData) -> String {
        var html = legend(timeline)
        html += "<div class=\"tl\" data-trace=\"\(index)\">\n<div class=\"tl-bar\">"
        for (act, label) in [
            ("in", "zoom in"), ("out", "zoom out"), ("left", "◀"), ("right", "▶"), ("detail", "zoom to detail"),
            ("all", "whole trace"),
        ] {
            html += "<button type=\"button\" data-act=\"\(act)\">\(label)</button>"
        }
        html += "<span class=\"tl-status\">The timeline needs JavaScript.</span></div>\n"
        let what = "\(timeline.ipiCount) shootdowns on \(timeline.cpus) CPUs"
        html += "<canvas class=\"tl-mini\" role=\"img\" aria-label=\"whole trace: targets per time bucket\"></canvas>\n"
        html += "<canvas class=\"tl-main\" role=\"img\" aria-label=\"per-CPU timeline of \(what)\"></canvas>\n"
        html += "<div class=\"tl-hover mono\"></div>\n</div>\n"
        html += "<p class=\"note\">" + coverage(timeline, overviewOnly: data.overviewOnly) + "</p>\n"
        return html
    }

    /// What the drawing holds, said plainly.
    private func coverage(_ timeline: Timeline, overviewOnly: Bool) -> String {
        var text = "Bars count every event of the trace per CPU and time bucket"
        if let overview = timeline.overview {
            text += " (\(overview.buckets) buckets of \(durationText(overview.bucketNs)))"
        }
        text +=
            ": \(timeline.ipiCount) shootdowns. Wheel or buttons zoom, drag pans, double-click shows the whole trace. "
        if overviewOnly {
            return text + "Single events are left out: the page's data budget was spent on the traces before."
        }
        if timeline.isSampled, let span = timeline.span, span.end > span.start {
            let covered = timeline.windows.reduce(Int64(0)) { $0 + ($1.endNs - $1.startNs) }
            let percent = Double(covered) / Double(span.end - span.start) * 100
            text += "The trace is too big to keep every event: single events (\(timeline.ipis.count) of "
            text += "\(timeline.ipiCount) shootdowns) are kept in \(timeline.windows.count) windows spread over the "
            text += "trace (one run of events in \(timeline.detailStride), \(String(format: "%.1f", percent))% of its "
            text += "time), marked blue above the lanes; zoom into one to see them."
        } else {
            text += "Every event is kept: zoom in to see single IPIs."
        }
        if timeline.classificationLimited {
            text += " Classes are idle-only (no tlb_fill in the trace): other targets are unknown."
        }
        return text
    }

    private func legend(_ timeline: Timeline) -> String {
        var html = "<div class=\"legend\">"
        var used = Set(timeline.ipis.flatMap { $0.targets.map(\.classification) })
        used.formUnion(timeline.overview?.received.keys.map { $0 } ?? [])
        for classification in HTMLStyle.classes where used.contains(classification) {
            let label =
                classification == "needed" || classification == "unknown"
                ? classification : "redundant: \(classification)"
            html +=
                "<span><i style=\"background:\(HTMLStyle.color(forClass: classification))\"></i>\(escapeHTML(label))</span>"
        }
        html += "<span><i class=\"box\" style=\"background:rgba(148,163,184,.45)\"></i>idle</span>"
        html += "<span><i class=\"box\" style=\"background:#111827;width:8px\"></i>IPIs sent (initiator)</span>"
        html += "<span><i class=\"box\" style=\"background:#2563eb;width:3px\"></i>unmap</span>"
        html += "<span style=\"color:#b91c1c\">▼ process stop</span><span style=\"color:#7c3aed\">◆ wait return</span>"
        html += "<span>dashed: full flush</span>"
        return html + "</div>\n"
    }
}

/// `1.02 ms`, `512 ns`, …
func durationText(_ ns: Int64) -> String {
    if ns >= 1_000_000_000 { return String(format: "%.3g s", Double(ns) / 1e9) }
    if ns >= 1_000_000 { return String(format: "%.3g ms", Double(ns) / 1e6) }
    if ns >= 1000 { return String(format: "%.3g µs", Double(ns) / 1e3) }
    return "\(ns) ns"
}
