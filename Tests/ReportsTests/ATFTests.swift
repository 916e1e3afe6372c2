import Analysis
import Foundation
import Reports
import Testing

@Suite struct ExpectationTests {
    let checks = [
        CheckResult(name: "a", result: .failed, reason: "broken"), CheckResult(name: "b", result: .passed),
        CheckResult(name: "c", result: .skipped, reason: "nothing to look at"),
        CheckResult(name: "d", result: .failed, reason: "not expected"),
    ]

    @Test func failureBecomesExpectedFailure() {
        let out = applyExpectations(checks, ["a": "PR kern/53124"])
        #expect(out[0] == CheckResult(name: "a", result: .expectedFailure, reason: "PR kern/53124"))
        #expect(Array(out[1...]) == Array(checks[1...]))
    }

    @Test func passBecomesFailure() {
        let out = applyExpectations(checks, ["b": "should fail"])
        #expect(out[1] == CheckResult(name: "b", result: .failed, reason: "expected failure did not happen"))
    }

    @Test func skippedStaysSkippedAndEmptyReasonGetsOne() {
        let out = applyExpectations(checks, ["c": "x", "a": ""])
        #expect(out[2] == checks[2])
        #expect(out[0].result == .expectedFailure && !out[0].reason.isEmpty)
    }

    @Test func parsesCheckEqualsReason() {
        let (parsed, invalid, error) = parseExpectations(["replay_fidelity=x=y", "signal_waits_as_expected=z"])
        #expect(parsed == ["replay_fidelity": "x=y", "signal_waits_as_expected": "z"])
        #expect(invalid == nil && error == nil)
        // Only the check table's names, and a reason.
        for bad in ["=x", "a=x", "trace_well_formed=", "trace_well_formed", "TRACE_WELL_FORMED=x"] {
            let refused = parseExpectations(["replay_fidelity=ok", bad])
            #expect(refused.invalid == bad)
            #expect(refused.error?.description.contains("checks: tlb_no_redundant_shootdowns, ") == true)
        }
        let unknown = parseExpectations(["a=x"]).error?.description
        #expect(unknown?.hasPrefix("bad expectation 'a=x': unknown check 'a'") == true)
    }
}

@Suite struct ATFProtocolTests {
    let program = ATFTestProgram(traces: ["/t/ffs-read-4cpu.trace", "/u/ptrace-dbregs-race.trace.gz"])

    @Test func listHasHeaderAndOneBlockPerCheck() {
        let text = program.listText()
        #expect(text.hasPrefix("Content-Type: application/X-atf-tp; version=\"1\"\n\nident: ffs_read_4cpu__"))
        let idents = text.split(separator: "\n").filter { $0.hasPrefix("ident: ") }.map { $0.dropFirst(7) }
        #expect(idents.count == 16)
        #expect(idents.allSatisfy { $0.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber } })
        #expect(idents.contains("ptrace_dbregs_race__signal_no_duplicate_wait"))
        #expect(text.contains("require.files: /u/ptrace-dbregs-race.trace.gz\n"))
        // Blocks separated by exactly one blank line, each property "name: value".
        for block in text.components(separatedBy: "\n\n").dropFirst() {
            #expect(block.split(separator: "\n").allSatisfy { $0.contains(": ") })
        }
    }

    @Test func duplicateStemsGetUniqueIdents() {
        let idents = ATFTestProgram(traces: ["a/x.trace", "b/x.trace"]).testCases.map(\.ident)
        #expect(Set(idents).count == idents.count)
    }

    @Test func parsesKyuaAndAtfRunCommandLines() throws {
        let kyua = try ATFInvocation.parse(["-vtraces=/a b", "-vunprivileged-user=nobody", "-r/tmp/res", "tc"])
        #expect(kyua.action == .run(testCase: "tc", part: .body))
        #expect(kyua.resultsFile == "/tmp/res")
        #expect(kyua.variables == ["traces": "/a b", "unprivileged-user": "nobody"])
        let atfRun = try ATFInvocation.parse(["-r", "/r", "-s", "/src", "-v", "x=1", "tc:cleanup"])
        #expect(atfRun.action == .run(testCase: "tc", part: .cleanup))
        #expect(atfRun.sourceDirectory == "/src")
        #expect(try ATFInvocation.parse(["-s/src", "-l"]).action == .list)
        #expect(throws: ATFInvocation.UsageError.self) { try ATFInvocation.parse([]) }
        #expect(throws: ATFInvocation.UsageError.self) { try ATFInvocation.parse(["tc:middle"]) }
        #expect(throws: ATFInvocation.UsageError.self) { try ATFInvocation.parse(["-l", "tc"]) }
        #expect(throws: ATFInvocation.UsageError.self) { try ATFInvocation.parse(["-vnovalue", "tc"]) }
    }

    @Test func outcomesWriteResultsFileAndExitStatus() throws {
        let trace = ExampleResults.ffs
        let failing = try #require(program.testCase(named: "ffs_read_4cpu__tlb_no_redundant_shootdowns"))
        let outcome = program.outcome(of: failing, trace: trace)
        #expect(outcome.resultsFileText == "failed: 8 of 9 shootdown targets redundant (6 idle, 2 not-cached)\n")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.stdout.count == 8)
        let skipped = try #require(program.testCase(named: "ffs_read_4cpu__signal_no_lost_signals"))
        #expect(
            program.outcome(of: skipped, trace: trace).resultsFileText == "skipped: no signal events in the trace\n")
        let passing = try #require(program.testCase(named: "ffs_read_4cpu__replay_fidelity"))
        #expect(program.outcome(of: passing, trace: trace).resultsFileText == "passed\n")
        #expect(program.outcome(of: passing, trace: nil, error: "no such file").exitStatus == 1)

        var expecting = program
        expecting.expectations = ["tlb_no_redundant_shootdowns": "kern/53124", "replay_fidelity": "x"]
        let expected = expecting.outcome(of: failing, trace: trace)
        #expect(expected.resultsFileText == "expected_failure: kern/53124\n" && expected.exitStatus == 0)
        let unexpected = expecting.outcome(of: passing, trace: trace)
        #expect(unexpected.resultsFileText == "failed: expected failure did not happen\n" && unexpected.exitStatus == 1)
    }

    @Test func configFileListsTracesAndExpectations() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-conf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("t"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["b.trace.gz", "a.trace.gz", "c.txt"] {
            try "".write(to: dir.appendingPathComponent("t/\(name)"), atomically: true, encoding: .utf8)
        }
        try "trace = t/*.trace.gz  # comment\nexpect = replay_fidelity=known\n".write(
            to: dir.appendingPathComponent(ATFConfiguration.fileName), atomically: true, encoding: .utf8)
        let config = try ATFConfiguration.load(
            variables: ["expect_trace_well_formed": "y"], sourceDirectory: dir.path, currentDirectory: "/")
        #expect(config.traces.map { ($0 as NSString).lastPathComponent } == ["a.trace.gz", "b.trace.gz"])
        #expect(config.expectations == ["replay_fidelity": "known", "trace_well_formed": "y"])
        // A name the check table lacks is a configuration error naming the valid checks.
        #expect(throws: ATFConfiguration.ConfigError.self) {
            try ATFConfiguration.load(variables: ["expect_x": "y"], sourceDirectory: dir.path, currentDirectory: "/")
        }
        let override = try ATFConfiguration.load(
            variables: ["traces": "/p/q.trace r.trace"], sourceDirectory: dir.path, currentDirectory: "/cwd")
        #expect(override.traces == ["/p/q.trace", "/cwd/r.trace"])
    }
}
