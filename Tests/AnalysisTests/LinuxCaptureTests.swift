import Foundation
import Testing

@testable import Analysis

/// SPEC §7: `replay_fidelity` is skipped for traces the NetBSD model does not describe
/// (Linux captures) — also when the capture has no `# tracer:` line (`trace_pipe`) and
/// whatever its syscalls returned.
@Suite struct LinuxCaptureTests {
    func fidelity(_ text: String) throws -> CheckResult? {
        try analyzeTrace(text: text, options: AnalysisOptions()).checks.first { $0.name == "replay_fidelity" }
    }

    @Test(arguments: [
        "a-1 [000] d..2. 1.000010: sys_wait4 -> 0x0\n",
        "a-1 [000] d..2. 1.000010: sys_wait4 -> 0xfffffffffffffff6\n",
        "# machine: arch=amd64 ncpu=2\na-1 [000] d..2. 1.000010: sys_exit_wait4: 0x0\n",
    ])
    func linuxSyscallsSkipFidelity(text: String) throws {
        let check = try #require(try fidelity(text))
        #expect(check.result == .skipped)
        #expect(check.reason.contains("Linux capture"))
    }

    /// The same wait as a NetBSD `wait_return` is judged.
    @Test func netbsdWaitIsJudged() throws {
        let text = """
            # machine: arch=amd64 ncpu=2
            t-10 [000] .... 1.000000: wait_return: child=-1 status=none errno=ECHILD

            """
        #expect(try fidelity(text)?.result == .passed)
    }
}

/// The real ptrace captures of `traces/linux` (tools/capture/linux/ptstop.c, pttgkill.c)
/// through the whole analysis. Expected counts from the raw lines:
/// stops `zcat F | grep -cE 'signal_generate: sig=17 .*code=(4|5) '`,
/// wait returns `zcat F | grep 'sys_wait4 -> ' | grep -vcE -- '-> (0x0|0xfffffffffffffff[0-9a-f])$'`,
/// posts `zcat F | grep -c 'signal_generate:.* res=0$'`. Every generation is taken by a stop,
/// a delivery or the tracee's death: no lost signal, no duplicate wait return.
@Suite struct LinuxPtraceCaptureTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: [
        ("traces/linux/ptrace-stop.trace.gz", 6, 8, 7),
        ("traces/linux/ptrace-tgkill.trace.gz", 7, 10, 6),
        ("traces/linux/both-ptrace-tgkill.trace.gz", 5, 8, 4),
        ("Tests/Fixtures/linux/ptrace-stop-heldout.trace.gz", 3, 5, 4),
        ("Tests/Fixtures/linux/ptrace-tgkill-notgid.trace.gz", 6, 9, 5),
    ])
    func countsMatchTheRawLines(path: String, stops: Int, waitReturns: Int, posts: Int) throws {
        let result = try analyzeTrace(
            path: Self.repository.appendingPathComponent(path).path, options: AnalysisOptions())
        #expect(result.malformedLines == 0)
        #expect(result.signal.stops == stops)
        #expect(result.signal.waitReturns == waitReturns)
        #expect(result.signal.posts == posts)
        #expect(result.signal.lostSignals == 0)
        #expect(result.signal.duplicateWaitReturns == 0)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let checks = Dictionary(uniqueKeysWithValues: result.checks.map { ($0.name, $0.result) })
        #expect(checks["signal_no_lost_signals"] == .passed)
        #expect(checks["signal_no_duplicate_wait"] == .passed)
    }
}
