import Testing

@testable import Analysis

/// Found while looking for per-line costs of lines that are not events (issue 16):
/// `lost_events` summed lost-event lines with `+`, so two lines claiming Int.max
/// events trapped. The sum saturates, in a trace and across merged traces.
@Suite struct LostEventsOverflowTests {
    @Test func hugeLostEventCountsSaturate() throws {
        let line = "CPU:1 [9223372036854775807 EVENTS DROPPED]\n"
        let result = try analyzeTrace(text: "cpus=2\n" + line + line, options: AnalysisOptions())
        #expect(result.input.lostEventReports == 2)
        #expect(result.input.lostEvents == Int.max)
        let merged = MergedResult(results: [AnalysisResult(traces: [result, result])])
        #expect(merged.totals.lostEvents == Int.max)
    }
}
