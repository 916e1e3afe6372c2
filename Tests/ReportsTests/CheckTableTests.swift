import Analysis
import Foundation
import Reports
import Testing

/// The check table is the one place that says which findings belong to which check:
/// the verdicts and every report's listing of findings must agree with it.
@Suite struct CheckTableTests {
    static let ptrace = Golden.repositoryRoot.appendingPathComponent("Tests/Fixtures/ptrace-dbregs-race.trace").path

    /// The trace records 6 waits for 601; this expects 2, the second one wrong.
    func analysedWithWrongWaits() throws -> TraceResult {
        var options = AnalysisOptions()
        options.waitExpectation = try WaitExpectation.parse("wait 601 stopped:SIGSTOP\nwait 601 exited:5\n")
        return try analyzeTrace(path: Self.ptrace, options: options)
    }

    @Test func waitMismatchesAreListedUnderTheCheckTheyFail() throws {
        let trace = try analysedWithWrongWaits()
        let mismatches = trace.findings.filter { $0.kind == .waitMismatch }.map(\.message)
        #expect(!mismatches.isEmpty)
        #expect(trace.checks.first { $0.name == .signalWaitsAsExpected }?.result == .failed)
        #expect(trace.checks.first { $0.name == .replayFidelity }?.result == .passed)

        let cases = try #require(ATFRun(AnalysisResult(traces: [trace])).programs.first).testCases
        #expect(cases.first { $0.name == "signal_waits_as_expected" }?.stdout == mismatches)
        #expect(cases.first { $0.name == "replay_fidelity" }?.stdout == [])

        let junit = JUnitReport().render(AnalysisResult(traces: [trace]))
        let testCases = junit.components(separatedBy: "<testcase ")
        let waits = try #require(testCases.first { $0.contains("name=\"signal_waits_as_expected\"") })
        let fidelity = try #require(testCases.first { $0.contains("name=\"replay_fidelity\"") })
        #expect(waits.contains("<system-out>") && waits.contains("expectation line 2 expects exited:5"))
        #expect(!fidelity.contains("<system-out>"))
    }

    @Test func everyFindingKindBelongsToExactlyOneCheck() {
        for kind in FindingKind.allCases {
            let owners = Check.all.filter { $0.findingKinds.contains(kind) }.map(\.name)
            #expect(owners.count == 1, "\(kind.rawValue) is owned by \(owners)")
        }
    }

    @Test func everyReportedCheckIsInTheTable() throws {
        let trace = try analysedWithWrongWaits()
        #expect(trace.checks.map(\.name) == Check.all.map(\.name))
        for check in trace.checks {
            #expect(Check.named(check.name) != nil)
            #expect(Check.description(of: check.name) != check.name.rawValue)
        }
    }
}
