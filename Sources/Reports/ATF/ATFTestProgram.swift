import Analysis

/// `kreplay atf` as an ATF test program: one test case per (trace, check).
///
/// Pure: it is told the traces and produces the `-l` listing, finds test cases by ident and
/// turns a trace's result into the results file, the test case's output and its exit status.
/// Reading the configuration and the traces is ``ATFConfiguration``'s and the command's job.
public struct ATFTestProgram: Sendable, Equatable {
    /// One test case: a check of a trace.
    public struct TestCase: Sendable, Equatable {
        /// Valid ATF identifier, e.g. `ffs_read_4cpu__tlb_no_redundant_shootdowns`.
        public var ident: String
        public var trace: String
        public var check: CheckName
    }

    /// What running one test case produced.
    public struct Outcome: Sendable, Equatable {
        /// The verdict after expectations.
        public var check: CheckResult
        /// Contents of the results file (`-r`).
        public var resultsFileText: String
        /// Lines for standard output: the findings behind the verdict.
        public var stdout: [String]
        /// The process exit status the ATF interface requires with that verdict.
        public var exitStatus: Int32
    }

    /// Trace paths, in order; relative paths are taken relative to the current directory.
    public var traces: [String]
    /// Check name → why it is expected to fail (applied to every trace).
    public var expectations: [CheckName: String]
    /// When true, the listing asks kyua/atf-run to skip test cases whose trace file is missing
    /// (`require.files`; absolute trace paths only).
    public var requireTraceFiles: Bool

    public init(traces: [String], expectations: [CheckName: String] = [:], requireTraceFiles: Bool = true) {
        self.traces = traces
        self.expectations = expectations
        self.requireTraceFiles = requireTraceFiles
    }

    /// All test cases, trace by trace, checks in table order (docs/checks.md); idents made unique with `_2`, `_3`….
    public var testCases: [TestCase] {
        var seen: [String: Int] = [:]
        var cases: [TestCase] = []
        for trace in traces {
            var stem = ATFNames.identifier(ATFNames.stem(ofTrace: trace))
            let uses = (seen[stem] ?? 0) + 1
            seen[stem] = uses
            if uses > 1 { stem += "_\(uses)" }
            for check in Check.standard {
                cases.append(TestCase(ident: stem + "__" + check.name.rawValue, trace: trace, check: check.name))
            }
        }
        return cases
    }

    /// The test case named `ident`.
    public func testCase(named ident: String) -> TestCase? {
        testCases.first { $0.ident == ident }
    }

    /// What `-l` prints: the `application/X-atf-tp` version 1 list (kyua `engine/atf_list.cpp`).
    public func listText() -> String {
        var blocks: [String] = []
        for testCase in testCases {
            let description = Check.description(of: testCase.check)
            var block = "ident: \(testCase.ident)\n"
            block += "descr: \(ATFNames.oneLine("\(description) (\(testCase.trace))"))\n"
            if requireTraceFiles && testCase.trace.hasPrefix("/") {
                block += "require.files: \(testCase.trace)\n"
            }
            block += "timeout: 300\n"
            block += "X-kreplay-check: \(testCase.check)\n"
            block += "X-kreplay-trace: \(ATFNames.oneLine(testCase.trace))\n"
            blocks.append(block)
        }
        return "Content-Type: application/X-atf-tp; version=\"1\"\n\n" + blocks.joined(separator: "\n")
    }

    /// The verdict of `testCase` given its trace's analysis (`nil` with `error` when the trace
    /// could not be analysed at all).
    public func outcome(of testCase: TestCase, trace: TraceResult?, error: String? = nil) -> Outcome {
        var check: CheckResult
        var stdout: [String] = []
        if let trace {
            check =
                trace.checks.first { $0.name == testCase.check }
                ?? CheckResult(
                    name: testCase.check, result: .skipped, reason: "the analysis did not compute this check")
            check = applyExpectations([check], expectations)[0]
            stdout = Check.findingLines(of: trace, check: testCase.check)
            if let inputError = trace.input.error, testCase.check == .traceWellFormed {
                stdout.append("\(trace.path): \(inputError)")
            }
        } else {
            let reason = "cannot analyse \(testCase.trace): \(error ?? "unknown error")"
            check = CheckResult(name: testCase.check, result: .failed, reason: reason)
        }
        return Outcome(
            check: check, resultsFileText: ATFResultFile.text(for: check), stdout: stdout,
            exitStatus: ATFResultFile.exitStatus(for: check.result))
    }
}
