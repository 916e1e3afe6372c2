import Foundation
import TestSupport
import Testing

@testable import Analysis

/// README.md "Exit status": `replay_fidelity` is skipped for traces the NetBSD model does not describe
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
    static let repository = RepositoryPaths.root

    @Test(arguments: [
        ("traces/linux/ptrace-stop.trace.gz", 6, 8, 7),
        ("traces/linux/ptrace-tgkill.trace.gz", 7, 10, 6),
        ("traces/linux/both-ptrace-tgkill.trace.gz", 5, 8, 4),
        ("Tests/Fixtures/linux/ptrace-stop-heldout.trace.gz", 3, 5, 4),
        // Shell jobs (and the machine's other work): cancelled SIGSTOP, SIGPIPE shown as SIGKILL.
        ("traces/linux/shell-signals.trace.gz", 0, 69, 75),
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
        let signalFindings = result.findings.filter { $0.kind != .redundantShootdown }
        #expect(signalFindings.isEmpty, "\(signalFindings.map(\.message))")
        let checks = Dictionary(uniqueKeysWithValues: result.checks.map { ($0.name, $0.result) })
        #expect(checks["signal_no_lost_signals"] == .passed)
        #expect(checks["signal_no_duplicate_wait"] == .passed)
        #expect(checks["signal_no_double_post"] == .skipped)
    }
}

/// A Linux capture gets the `linux` baseline: the Linux TLB model fills the `tlb` section
/// and answers `replay_fidelity`; `replay --strategy linux,netbsd8,idle-lazy` shows what
/// each rule would have sent (docs/tlb-model.md "Linux captures").
@Suite struct LinuxBaselineTests {
    static func analyse(_ path: String, strategies: [String] = []) throws -> TraceResult {
        var options = AnalysisOptions()
        options.strategies = strategies
        return try analyzeTrace(
            path: LinuxPtraceCaptureTests.repository.appendingPathComponent(path).path, options: options)
    }

    static func check(_ result: TraceResult, _ name: CheckName) -> CheckResult? {
        result.checks.first { $0.name == name }
    }

    /// `zcat F | awk -f tools/capture/linux/count-tlb.awk`: requests=202 targets=163 ipis=163
    /// needed=161 notloaded=2, latency p50 13000 p99 18000 max 20000.
    @Test func busyCaptureThroughTheAnalysis() throws {
        let result = try Self.analyse("traces/linux/tlb-busy-2cpu.trace.gz")
        #expect(result.tlb.remoteFlushRequests == 202)
        #expect(result.tlb.shootdownIPIs == 163)
        #expect(result.tlb.targets == 163)
        #expect(result.tlb.redundantTargets == 2)
        #expect(result.tlb.redundantByClass == ["not-loaded": 2])
        #expect(result.tlb.ipiLatencyNs?.p50 == 13000)
        #expect(result.findings.filter { $0.kind == .redundantShootdown }.count == 2)
        #expect(Self.check(result, "tlb_no_redundant_shootdowns")?.result == .failed)
        #expect(Self.check(result, "replay_fidelity")?.result == .passed)
        // Nothing in a Linux capture can fail these: skipped with the reason, not passed.
        for name: CheckName in ["tlb_no_stale_translations", "trace_variant_consistent"] {
            let check = try #require(Self.check(result, name))
            #expect(check.result == .skipped)
            #expect(check.reason.contains("Linux capture"))
        }
    }

    /// Without the TGID column the `linux` replay cannot tell which mm a CPU runs.
    @Test func fidelitySkippedWithoutTGIDs() throws {
        let result = try Self.analyse("Tests/Fixtures/linux/tlb-busy-notgid.trace.gz")
        let fidelity = try #require(Self.check(result, "replay_fidelity"))
        #expect(fidelity.result == .skipped)
        #expect(fidelity.reason.contains("record-tgid"))
    }

    /// On the quiet machine cpu1 idles after the sleeping thread ran there. Linux sent 15
    /// flush IPIs (14 to cpu1 running the process, 1 to a CPU that had left it; raw lines
    /// as above); the `linux` replay interrupts the 14, `idle-lazy` too; `netbsd8` keeps the
    /// process's pmap loaded on idle cpu1 and interrupts it for (almost) every request:
    /// 214 of the 215, 200 of them while it idles.
    @Test func replayTableOnALinuxCapture() throws {
        let result = try Self.analyse(
            "traces/linux/tlb-sleep-quiet-2cpu.trace.gz",
            strategies: ["linux", "netbsd8", "idle-lazy", "no-wait-idle", "none", "deferred-unmap"])
        #expect(result.baseline?.strategy == "linux")
        #expect(
            result.replays.map(\.strategy) == [
                "linux", "netbsd8", "idle-lazy", "no-wait-idle", "none", "deferred-unmap",
            ])
        #expect(result.replays.map(\.tlb.targets) == [14, 214, 14, 214, 0, 0])
        #expect(result.replays.map(\.tlb.idleTargets) == [0, 200, 0, 200, 0, 0])
        #expect(result.replays[5].notes.contains { $0.contains("not modelled on Linux captures") })
        #expect(Self.check(result, "replay_fidelity")?.result == .passed)
    }
}
