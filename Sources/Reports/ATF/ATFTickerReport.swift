import Analysis

/// The text `atf-report` prints by default (its `ticker` writer) for the tps stream of
/// ``ATFTpsReport``: one line per test case, then known bugs, failures and the summary.
///
/// Follows `ticker_writer` in atf's `atf-report/atf-report.cpp`; kreplay's checks take no
/// measurable time of their own, so every duration is `[0.000000s]`. Lines are not wrapped
/// (atf-report wraps only to a terminal's width).
public struct ATFTickerReport: ReportRenderer {
    public var clock: ATFClock
    /// Printed as `Tests root: …` when set, as atf-report does for `info: tests.root`.
    public var testsRoot: String?

    public init(clock: ATFClock = .now, testsRoot: String? = nil) {
        self.clock = clock
        self.testsRoot = testsRoot
    }

    public func render(_ result: AnalysisResult) -> String {
        let run = ATFRun(result)
        let duration = "[0.000000s]"
        var out = ""
        if let testsRoot { out += "Tests root: \(testsRoot)\n\n" }
        var knownBugs: [(String, String)] = []
        var failed: [String] = []
        for (index, program) in run.programs.enumerated() {
            out += "\(program.name) (\(index + 1)/\(run.programs.count)): \(program.testCases.count) test cases\n"
            for testCase in program.testCases {
                out += "    \(testCase.name): \(duration) "
                switch testCase.outcome {
                case .passed:
                    out += "Passed.\n"
                case .failed:
                    out += "Failed: \(testCase.reason)\n"
                    failed.append("\(program.name):\(testCase.name)")
                case .skipped:
                    out += "Skipped: \(testCase.reason)\n"
                case .expectedFailure:
                    out += "Expected failure: \(testCase.reason)\n"
                    knownBugs.append(("\(program.name):\(testCase.name)", testCase.reason))
                }
            }
            out += "\(duration)\n\n"
        }
        if !knownBugs.isEmpty {
            // atf-report keeps these in a std::map: sorted by name.
            out += "Test cases for known bugs:\n"
            for (name, reason) in knownBugs.sorted(by: { $0.0 < $1.0 }) {
                out += "    \(name): \(reason)\n"
            }
            out += "\n"
        }
        if !failed.isEmpty {
            out += "Failed test cases:\n    \(failed.joined(separator: ", "))\n\n"
        }
        out += "Summary for \(run.programs.count) test programs:\n"
        out += "    \(run.count(.passed)) passed test cases.\n"
        out += "    \(run.count(.failed)) failed test cases.\n"
        out += "    \(run.count(.expectedFailure)) expected failed test cases.\n"
        out += "    \(run.count(.skipped)) skipped test cases.\n"
        return out
    }
}
