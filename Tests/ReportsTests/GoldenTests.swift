import Analysis
import Foundation
import Reports
import Testing

@Suite struct GoldenTests {
    let options = ReportOptions(
        clock: .fixed(seconds: 1_521_000_000, microseconds: 5), testsRoot: "/work/kreplay",
        timelines: ExampleResults.timelines)

    @Test(arguments: ReportFormat.allCases)
    func formatMatchesGolden(_ format: ReportFormat) throws {
        let output = format.render(ExampleResults.both, options: options)
        let ext = [
            "text": "txt", "json": "json", "atf-tps": "tps", "atf-report": "txt", "junit": "xml", "html": "html",
        ]
        try Golden.check(output, "examples.\(format.rawValue).\(ext[format.rawValue]!)")
    }

    @Test func expectedFailureGolden() throws {
        var result = ExampleResults.both
        let expectations: [CheckName: String] = [
            "signal_no_duplicate_wait": "PR kern/53124-style race: wait(2) returns twice",
            "signal_no_lost_signals": "should fail but does not",
        ]
        result.traces[1].checks = applyExpectations(result.traces[1].checks, expectations)
        for format in [ReportFormat.atfTps, .atfReport, .junit, .text] {
            try Golden.check(format.render(result, options: options), "expect.\(format.rawValue).txt")
        }
    }
}

@Suite struct GoldenCheckTests {
    /// A golden file that is not there fails the test instead of being written (and then matching).
    @Test(.disabled(if: Golden.updating, "KREPLAY_UPDATE_GOLDEN writes golden files"))
    func missingGoldenFails() throws {
        let name = "no-such-golden-\(UInt64.random(in: 0...UInt64.max)).txt"
        defer { try? FileManager.default.removeItem(at: Golden.directory.appendingPathComponent(name)) }
        withKnownIssue { try Golden.check("anything", name) }
        #expect(!FileManager.default.fileExists(atPath: Golden.directory.appendingPathComponent(name).path))
    }
}
