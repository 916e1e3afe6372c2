import Analysis

/// One self-contained HTML page (no network): per trace its counts and checks, a per-CPU
/// timeline (when the pipeline supplied a ``Timeline``), the findings table and the strategy
/// comparison as bars.
public struct HTMLReport: ReportRenderer {
    /// Per-event data keyed by trace path; traces without one get no timeline.
    public var timelines: [String: Timeline]

    public init(timelines: [String: Timeline] = [:]) {
        self.timelines = timelines
    }

    public func render(_ result: AnalysisResult) -> String {
        let run = ATFRun(result)
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>kreplay report</title>\n<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        html += "<h1>kreplay report</h1>\n<p class=\"sub\">kreplay \(escapeHTML(result.kreplay)) · "
        html += "\(result.traces.count) traces · \(run.programs.reduce(0) { $0 + $1.testCases.count }) checks</p>\n"
        html += "<div class=\"checks summary\">"
        html += "<span class=\"badge passed\">\(run.count(.passed)) passed</span>"
        html += "<span class=\"badge failed\">\(run.count(.failed)) failed</span>"
        html += "<span class=\"badge expected_failure\">\(run.count(.expectedFailure)) expected failures</span>"
        html += "<span class=\"badge skipped\">\(run.count(.skipped)) skipped</span></div>\n"
        for trace in result.traces {
            html += section(trace)
        }
        html += "</body>\n</html>\n"
        return html
    }

    private func section(_ trace: TraceResult) -> String {
        var html = "<h2>\(escapeHTML(trace.path))</h2>\n"
        html += "<p class=\"sub\">variant \(escapeHTML(trace.variant)) · \(trace.ncpu) CPUs · \(trace.events) events"
        html += trace.malformedLines > 0 ? " · \(trace.malformedLines) malformed lines" : ""
        html += trace.input.error.map { " · input error: \(escapeHTML($0))" } ?? ""
        html += "</p>\n<div class=\"checks\">"
        for check in trace.checks {
            let reason = check.reason.isEmpty ? check.result.rawValue : "\(check.result.rawValue): \(check.reason)"
            html += "<span class=\"badge \(check.result.rawValue)\" title=\"\(escapeHTML(reason))\">"
            html += "\(escapeHTML(check.name.rawValue))</span>"
        }
        html += "</div>\n" + counts(trace)
        for note in trace.notes { html += "<p class=\"note\">\(escapeHTML(note))</p>\n" }
        if let timeline = timelines[trace.path] ?? trace.timeline {
            html += "<h3>Timeline</h3>\n" + legend(timeline)
            html += TimelineSVG(timeline: timeline, path: trace.path).render()
        }
        html += "<h3>Findings (\(trace.findings.count))</h3>\n" + findings(trace)
        if !trace.replays.isEmpty {
            html +=
                "<h3>Strategies</h3>\n"
                + StrategyBars(replays: ReplayTable(trace.replays, baseline: trace.baseline).replays).render()
        }
        return html
    }

    private func counts(_ trace: TraceResult) -> String {
        let tlb = trace.tlb
        let signal = trace.signal
        let items: [(String, String)] = [
            ("unmaps", "\(tlb.unmaps)"), ("shootdown IPIs", "\(tlb.shootdownIPIs)"),
            ("IPIs per unmap", tlb.ipisPerUnmap.map { String(format: "%.2f", $0) } ?? "–"),
            ("targets", "\(tlb.targets)"),
            ("redundant", "\(tlb.redundantTargets)"), ("idle targets", "\(tlb.idleTargets)"),
            ("full flushes", "\(tlb.fullFlushes)"), ("stale uses", "\(tlb.staleUses)"),
            ("initiator wait", micros(tlb.initiatorWaitNs)), ("posts", "\(signal.posts)"), ("stops", "\(signal.stops)"),
            ("wait returns", "\(signal.waitReturns)"), ("duplicate waits", "\(signal.duplicateWaitReturns)"),
            ("lost signals", "\(signal.lostSignals)"),
        ]
        return "<div class=\"counts\">" + items.map { "<span>\($0.0) <b>\($0.1)</b></span>" }.joined() + "</div>\n"
    }

    private func legend(_ timeline: Timeline) -> String {
        var html = "<div class=\"legend\">"
        let used = Set(timeline.ipis.flatMap { $0.targets.map(\.classification) })
        for classification in HTMLStyle.classes where used.contains(classification) {
            html += "<span><i style=\"background:\(HTMLStyle.color(forClass: classification))\"></i>IPI → "
            html += "\(escapeHTML(classification))</span>"
        }
        if timeline.ipis.contains(where: { $0.pages == 0 }) { html += "<span>dashed: full flush</span>" }
        html += "<span><i class=\"box\" style=\"background:#eef0f3;border:1px solid #d1d5db\"></i>idle</span>"
        html += "<span><i class=\"box\" style=\"background:#2563eb;width:5px\"></i>unmap</span>"
        html += "<span><i class=\"box\" style=\"background:#111827;border-radius:6px;width:10px;height:10px\"></i>"
        html += "shootdown initiator</span>"
        if !timeline.stops.isEmpty { html += "<span style=\"color:#b91c1c\">▼ process stop</span>" }
        return html + "</div>\n"
    }

    private func findings(_ trace: TraceResult) -> String {
        guard !trace.findings.isEmpty else { return "<p class=\"note\">No findings.</p>\n" }
        var html = "<table>\n<tr><th>line</th><th>kind</th><th>class</th><th>cpu</th><th>pid</th><th>time (s)</th>"
        html += "<th>message</th></tr>\n"
        for finding in trace.findings.sorted(by: { $0.line < $1.line }) {
            let worst = severity(finding) < 7 ? " class=\"worst\"" : ""
            html +=
                "<tr\(worst)><td class=\"num mono\">\(finding.line)</td><td class=\"mono\">\(finding.kind.rawValue)</td>"
            html +=
                "<td class=\"mono\">\(escapeHTML(finding.findingClass.rawValue))</td><td class=\"num\">\(finding.cpu)</td>"
            html += "<td class=\"num\">\(finding.pid)\(finding.lid.map { "/\($0)" } ?? "")</td>"
            html +=
                "<td class=\"num mono\">\(seconds(finding.timeNs))</td><td>\(escapeHTML(finding.message))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
