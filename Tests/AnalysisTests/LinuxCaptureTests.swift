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
