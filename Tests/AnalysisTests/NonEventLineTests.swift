import Testing

@testable import Analysis

/// Found while looking for per-line costs of lines that are not events (issue 16).
@Suite struct NonEventLineTests {
    /// `lost_events` summed lost-event lines with `+`, so two lines claiming Int.max
    /// events trapped. The sum saturates, in a trace and across merged traces.
    @Test func hugeLostEventCountsSaturate() throws {
        let line = "CPU:1 [9223372036854775807 EVENTS DROPPED]\n"
        let result = try analyzeTrace(text: "cpus=2\n" + line + line, options: AnalysisOptions())
        #expect(result.input.lostEventReports == 2)
        #expect(result.input.lostEvents == Int.max)
        let merged = MergedResult(results: [AnalysisResult(traces: [result, result])])
        #expect(merged.totals.lostEvents == Int.max)
    }

    /// Every distinct `# key: value` before the first event was kept: memory grew with
    /// a flood of them. 256 unknown keys are kept (`kreplay-trace` is one), the others
    /// are warned about and dropped.
    @Test func unknownHeaderKeysAreCapped() throws {
        let keys = (0..<300).map { "# k\($0): v\n" }.joined()
        let text = "# kreplay-trace: version=1\n" + keys + "a-1 [000] 1.000000: idle_enter:\n"
        let result = try analyzeTrace(text: text, options: AnalysisOptions())
        #expect(result.input.commentLines == 301)
        #expect(result.input.warningCount == 300 - 255)
        #expect(result.input.warnings.first == "line 257: header key ignored: more than 256 unknown header keys")
        #expect(result.events == 1)
    }
}
