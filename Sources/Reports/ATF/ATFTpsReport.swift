import Analysis

/// The `application/X-atf-tps` version 3 stream `atf-run` writes (grammar: docs/atf-tps.md).
///
/// ```
/// Content-Type: application/X-atf-tps; version="3"
///
/// info: atf.version, kreplay 0.1.0
/// tps-count: 1
/// tp-start: 1521000000.0, traces/ffs-read-4cpu.trace, 8
/// tc-start: 1521000000.0, replay_fidelity
/// tc-end: 1521000000.0, replay_fidelity, passed
/// …
/// tp-end: 1521000000.0, traces/ffs-read-4cpu.trace
/// info: time.end, Wed Mar 14 04:00:00 UTC 2018
/// ```
public struct ATFTpsReport: ReportRenderer {
    public var clock: ATFClock
    /// Reported as `info: tests.root, …` when set (atf-report's ticker prints it).
    public var testsRoot: String?

    public init(clock: ATFClock = .now, testsRoot: String? = nil) {
        self.clock = clock
        self.testsRoot = testsRoot
    }

    public func render(_ result: AnalysisResult) -> String {
        let run = ATFRun(result)
        var out = "Content-Type: application/X-atf-tps; version=\"3\"\n\n"
        out += "info: atf.version, kreplay \(result.kreplay)\n"
        if let testsRoot { out += "info: tests.root, \(testsRoot)\n" }
        out += "info: time.start, \(clock.dateString())\n"
        out += "tps-count: \(run.programs.count)\n"
        for program in run.programs {
            out += "tp-start: \(clock.atfTimestamp()), \(program.name), \(program.testCases.count)\n"
            for testCase in program.testCases {
                out += "tc-start: \(clock.atfTimestamp()), \(testCase.name)\n"
                for line in testCase.stdout {
                    out += "tc-so:" + ATFNames.oneLine(line, fallback: "") + "\n"
                }
                out += "tc-end: \(clock.atfTimestamp()), \(testCase.name), \(testCase.outcome.rawValue)"
                out += testCase.outcome == .passed ? "\n" : ", \(testCase.reason)\n"
            }
            out += "tp-end: \(clock.atfTimestamp()), \(program.name)\n"
        }
        out += "info: time.end, \(clock.dateString())\n"
        return out
    }
}
