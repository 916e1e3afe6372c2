import Analysis

/// One self-contained HTML page (no network, works from `file://`), per trace in the order a
/// reader asks: checks and counts, the strategy comparison (bars, difference against the
/// trace's baseline: netbsd8, or linux on a Linux capture), the Linux capture figures when the result has them, the zoomable timeline, then
/// the findings grouped per IPI or signal episode.
///
/// The timelines' data is one `<script type="application/json" id="kreplay-data">` block
/// (``TimelineData``) that a small inline script (``TimelineScript``) draws. The page stays
/// under 4 MiB whatever the traces' size: the timeline is bounded when collected, and past
/// ``dataBudget`` a trace's timeline keeps only its whole-trace counts.
public struct HTMLReport: ReportRenderer {
    /// Bytes of timeline data a page holds by default (all traces together).
    public static let defaultDataBudget = 3 << 20

    /// Per-event data keyed by trace path; traces without one get no timeline.
    public var timelines: [String: Timeline]
    /// Bytes of timeline data the page may hold: past it, a trace's timeline keeps only its
    /// whole-trace counts (and the page says so).
    public var dataBudget: Int

    public init(timelines: [String: Timeline] = [:], dataBudget: Int = HTMLReport.defaultDataBudget) {
        self.timelines = timelines
        self.dataBudget = dataBudget
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
        var data: [String] = []
        var spent = 0
        for (index, trace) in result.traces.enumerated() {
            let timeline = timelines[trace.path] ?? trace.timeline
            var entry = timeline.map { TimelineData(timeline: $0, path: trace.path) }
            var json = entry?.json() ?? "null"
            if var shrunk = entry, spent + json.utf8.count > dataBudget {
                shrunk.overviewOnly = true
                json = shrunk.json()
                entry = shrunk
                if spent + json.utf8.count > dataBudget {
                    // Not even the whole-trace counts fit: no timeline for this trace.
                    entry = nil
                    json = "null"
                }
            }
            spent += json.utf8.count
            data.append(json)
            html += TraceSection(trace: trace, index: index, timeline: timeline, data: entry).render()
        }
        html += "<script type=\"application/json\" id=\"kreplay-data\">{\"kreplay\":" + jsonString(result.kreplay)
        html += ",\"traces\":[" + data.joined(separator: ",\n") + "]}</script>\n"
        html += "<script>\n\(TimelineScript.source)\n</script>\n"
        html += "</body>\n</html>\n"
        return html
    }
}
