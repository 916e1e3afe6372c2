import Analysis

/// The replays of one trace as horizontal bars, one group per figure, the trace's baseline
/// (`netbsd8`, or `linux` on a Linux capture) in grey and every other row's difference against it.
struct StrategyBars {
    /// The rows in order, the baseline row included (``ReplayTable/replays``).
    var replays: [ReplayResult]
    /// The baseline's strategy name (``ReplayTable/baselineName``).
    var baselineName: String

    init(_ table: ReplayTable) {
        replays = table.replays
        baselineName = table.baselineName
    }

    private static let metrics: [(name: String, isTime: Bool)] = [
        ("shootdown IPIs", false), ("targets interrupted", false), ("idle targets", false),
        ("invalidations", false), ("full flushes", false), ("initiator wait", true), ("CPU time on shootdowns", true),
        ("stale translation uses", false), ("process stops", false), ("duplicate wait returns", false),
        ("lost signals", false),
    ]

    func render() -> String {
        let base = replays.first { $0.strategy == baselineName }.map(ReplayTable.values)
        let rows = replays.map { ($0, ReplayTable.values($0)) }
        var html = "<div class=\"bars\">\n"
        for (column, metric) in StrategyBars.metrics.enumerated() {
            let maximum = rows.map { $0.1[column] }.max() ?? 0
            guard maximum > 0 else { continue }
            html += "<div class=\"metric\"><b>\(metric.name)</b>\n"
            for (replay, values) in rows {
                let value = values[column]
                let unsafe = replay.tlb.staleUses > 0 || replay.signal.lostSignals > 0
                let kind = replay.strategy == baselineName ? " baseline" : unsafe ? " unsafe" : ""
                let percent = Double(value) / Double(maximum) * 100
                var delta = ""
                if let base, replay.strategy != baselineName {
                    let diff = value - base[column]
                    let text = metric.isTime ? micros(diff) : String(diff)
                    let better = diff < 0 ? "better" : diff > 0 ? "worse" : ""
                    delta =
                        diff == 0
                        ? " <span class=\"d\">=</span>"
                        : " <span class=\"d \(better)\">(\(diff > 0 ? "+" : "")\(text))</span>"
                }
                html += "<div class=\"bar\(kind)\"><span class=\"mono\">\(escapeHTML(replay.strategy))</span>"
                html +=
                    "<span class=\"track\"><span class=\"fill\" style=\"display:block;width:\(Int(percent.rounded()))%\"></span></span>"
                html += "<span class=\"v\">\(metric.isTime ? micros(value) : String(value))\(delta)</span></div>\n"
            }
            html += "</div>\n"
        }
        html += "</div>\n"
        let name = escapeHTML(baselineName)
        html += "<p class=\"sub\">Grey: \(name) baseline. Red: strategy unsafe on this trace (stale translations or "
        html += "lost signals). Parentheses: difference against \(name).</p>\n"
        return html
    }
}
