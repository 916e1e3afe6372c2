import Analysis

/// A result seen as ATF sees a run: one test program per trace, one test case per check.
///
/// The tps, ticker and JUnit renderers all walk this one value, so they cannot disagree.
public struct ATFRun: Sendable, Equatable {
    /// One test case: a check of one trace.
    public struct TestCase: Sendable, Equatable {
        public var name: String
        public var outcome: CheckOutcome
        /// One line, never empty unless the outcome is `passed` (ATF rejects empty reasons).
        public var reason: String
        /// What the test case "printed": the findings behind the verdict.
        public var stdout: [String]
    }

    /// One test program: a trace.
    public struct Program: Sendable, Equatable {
        public var name: String
        public var tracePath: String
        /// Sorted by name, as atf-run iterates its `std::map` of test cases.
        public var testCases: [TestCase]
    }

    public var programs: [Program]

    /// Builds the run from an analysis result.
    public init(_ result: AnalysisResult) {
        programs = result.traces.map { trace in
            let cases = trace.checks.map { check in
                TestCase(
                    name: ATFNames.identifier(check.name.rawValue), outcome: check.result,
                    reason: check.result == .passed ? "" : ATFNames.oneLine(check.reason),
                    stdout: Check.findingLines(of: trace, check: check.name))
            }
            return Program(
                name: ATFNames.testProgram(trace: trace.path), tracePath: trace.path,
                testCases: cases.sorted { $0.name < $1.name })
        }
    }

    /// How many test cases ended with `outcome`.
    public func count(_ outcome: CheckOutcome) -> Int {
        programs.reduce(0) { $0 + $1.testCases.filter { $0.outcome == outcome }.count }
    }
}
