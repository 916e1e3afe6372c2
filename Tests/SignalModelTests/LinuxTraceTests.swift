import Foundation
import KTrace
import TestSupport
import Testing

@testable import SignalModel

/// Linux captures follow Linux's signal and ptrace rules (docs/signal-model.md "Linux captures"). Each hand-made
/// trace below is a few lines in the layout this machine's kernel prints (record-tgid
/// on); the expected answers are worked out by hand in the comments.
@Suite struct LinuxTraceTests {
    static func analyze(_ lines: [String]) -> SignalAnalysis {
        let text = "# tracer: nop\n" + lines.map { $0 + "\n" }.joined()
        let parsed = TraceText.parse(text)
        #expect(parsed.summary.malformedCount == 0, "\(parsed.summary.malformed)")
        var analyzer = SignalAnalyzer(config: parsed.config)
        for event in parsed.events { analyzer.consume(event) }
        return analyzer.finish()
    }

    /// `t-20 (20)` on cpu1 running `what` at `time` (µs).
    static func line(_ comm: String, _ pid: Int, _ tgid: Int, cpu: Int, _ time: Int, _ what: String) -> String {
        "\(comm)-\(pid) (\(tgid)) [00\(cpu)] d..1. 100.\(String(format: "%06d", time)): \(what)"
    }

    static func tracer(_ time: Int, _ what: String) -> String { line("tracer", 10, 10, cpu: 0, time, what) }
    static func tracee(_ time: Int, _ what: String, pid: Int = 20) -> String {
        line("tracee", pid, 20, cpu: 1, time, what)
    }

    /// Lines 2-6: PTRACE_TRACEME; raise(SIGSTOP) = tgkill(20, 20, SIGSTOP), generation res=0
    /// (line 4, tied to the tgkill at 3); the stop's SIGCHLD code=4 (res=1: ignored by the
    /// tracer) at 5 takes it. Line 6 wait4 returns 20: a wait return. 7-8 PTRACE_CONT, 0 and
    /// a WNOHANG wait4 returning 0: no wait return. 9 exit (group dead), 10 SIGCHLD code=1,
    /// 11 wait4 → 20, 12 wait4 → -ECHILD (not a wait return). stops 1, wait returns 2,
    /// posts 1 (the res=0 generation), nothing lost.
    @Test func ptraceStopTakesTheSignal() {
        let analysis = Self.analyze([
            Self.tracee(1, "sys_ptrace(request: 0, pid: 0, addr: 0, data: 0)"),
            Self.tracee(2, "sys_tgkill(tgid: 0x14, pid: 0x14, sig: 0x13)"),
            Self.tracee(3, "signal_generate: sig=19 errno=0 code=-6 comm=tracee pid=20 grp=0 res=0"),
            Self.tracee(4, "signal_generate: sig=17 errno=0 code=4 comm=tracer pid=10 grp=1 res=1"),
            Self.tracer(5, "sys_wait4 -> 0x14"),
            Self.tracer(6, "sys_ptrace(request: 7, pid: 0x14, addr: 0, data: 0)"),
            Self.tracer(7, "sys_wait4 -> 0x0"),
            Self.tracee(8, "sched_process_exit: comm=tracee pid=20 prio=120 group_dead=true"),
            Self.tracee(9, "signal_generate: sig=17 errno=0 code=1 comm=tracer pid=10 grp=1 res=1"),
            Self.tracer(10, "sys_wait4 -> 0x14"),
            Self.tracer(11, "sys_wait4 -> 0xfffffffffffffff6"),
        ])
        #expect(analysis.findings.isEmpty, "\(analysis.findings)")
        #expect(analysis.counts.stops == 1)
        #expect(analysis.counts.waitReturns == 2)
        #expect(analysis.counts.posts == 1)
        #expect(analysis.counts.lostSignals == 0)
    }

    /// Line 3 wait4 → 20 after the stop's SIGCHLD (2); line 4 wait4 → 20 again with no
    /// SIGCHLD from 20 and no exit in between: duplicate at line 4. Line 6 after a new
    /// SIGCHLD (5): not a duplicate.
    @Test func secondReturnWithoutStateChangeIsDuplicate() {
        let analysis = Self.analyze([
            Self.tracee(1, "signal_generate: sig=17 errno=0 code=4 comm=tracer pid=10 grp=1 res=1"),
            Self.tracer(2, "sys_wait4 -> 0x14"),
            Self.tracer(3, "sys_wait4 -> 0x14"),
            Self.tracee(4, "signal_generate: sig=17 errno=0 code=4 comm=tracer pid=10 grp=1 res=1"),
            Self.tracer(5, "sys_wait4 -> 0x14"),
        ])
        #expect(analysis.findings.map(\.kind) == [.duplicateWaitReturn])
        #expect(analysis.findings.map(\.line) == [4])
        #expect(analysis.counts.duplicateWaitReturns == 1)
        #expect(analysis.counts.waitReturns == 3)
        #expect(analysis.counts.stops == 2)
    }

    /// Without any SIGCHLD generation in the capture (signal events off) a child's state
    /// changes are invisible: the repeated return (3) is not judged, a note says why.
    @Test func duplicatesNeedSIGCHLDInTheCapture() {
        let analysis = Self.analyze([Self.tracer(1, "sys_wait4 -> 0x14"), Self.tracer(2, "sys_wait4 -> 0x14")])
        #expect(analysis.findings.isEmpty)
        #expect(analysis.counts.duplicateWaitReturns == 0)
        #expect(analysis.counts.waitReturns == 2)
        #expect(analysis.notes.contains { $0.contains("not judged") })
    }

    /// tgkill(20, 21, SIGUSR1) at line 2, generation res=0 for thread 21 at 3; thread 21
    /// exits at 4 without taking it: lost, tied to the tgkill line 2. The process-directed
    /// SIGUSR2 (5, grp=1) is delivered to thread 22 of the same process (6): taken.
    @Test func threadDirectedSignalLostAtThreadExit() {
        let analysis = Self.analyze([
            Self.tracer(1, "sys_tgkill(tgid: 0x14, pid: 0x15, sig: 0xa)"),
            Self.tracer(2, "signal_generate: sig=10 errno=0 code=-6 comm=tracee pid=21 grp=0 res=0"),
            Self.tracee(3, "sched_process_exit: comm=tracee pid=21 prio=120 group_dead=false", pid: 21),
            Self.tracer(4, "signal_generate: sig=12 errno=0 code=0 comm=tracee pid=20 grp=1 res=0"),
            Self.tracee(5, "signal_deliver: sig=12 errno=0 code=0 sa_handler=401136 sa_flags=14000000", pid: 22),
            Self.tracee(6, "sched_process_exit: comm=tracee pid=20 prio=120 group_dead=true"),
        ])
        #expect(analysis.findings.map(\.kind) == [.lostSignal])
        #expect(analysis.findings.map(\.line) == [2])
        #expect(analysis.counts.lostSignals == 1)
        #expect(analysis.counts.posts == 2)
    }

    /// Line numbers count the `# tracer:` line as 1. SIGSTOP pending for 20 (line 2, res=0)
    /// is discarded by the SIGCONT generation at 3 (res=1: ignored — the flush happens
    /// anyway); a SIGCONT pending (4, res=0) is discarded by the SIGTSTP at 5, which stops
    /// the untraced process: its SIGCHLD code=5 at 6 takes the SIGTSTP. A SIGTSTP at 7 with
    /// res=2 (merged) is not judged; the SIGTSTP of line 8 (res=0) is still pending when
    /// 20 exits (9): lost, at line 8.
    @Test func cancelledAndGroupStopsAreTaken() {
        let analysis = Self.analyze([
            Self.tracer(1, "signal_generate: sig=19 errno=0 code=0 comm=tracee pid=20 grp=1 res=0"),
            Self.tracer(2, "signal_generate: sig=18 errno=0 code=0 comm=tracee pid=20 grp=1 res=1"),
            Self.tracer(3, "signal_generate: sig=18 errno=0 code=0 comm=tracee pid=20 grp=1 res=0"),
            Self.tracer(4, "signal_generate: sig=20 errno=0 code=0 comm=tracee pid=20 grp=1 res=0"),
            Self.tracee(5, "signal_generate: sig=17 errno=0 code=5 comm=tracer pid=10 grp=1 res=0"),
            Self.tracer(6, "signal_generate: sig=20 errno=0 code=0 comm=tracee pid=20 grp=1 res=2"),
            Self.tracer(7, "signal_generate: sig=20 errno=0 code=0 comm=tracee pid=20 grp=1 res=0"),
            Self.tracee(8, "sched_process_exit: comm=tracee pid=20 prio=120 group_dead=true"),
        ])
        #expect(analysis.findings.map(\.line) == [8])
        #expect(analysis.counts.lostSignals == 1)
        #expect(analysis.counts.stops == 1)
        // SIGCHLD res=0 to the tracer (line 6) is still pending at the end: a note, not a loss.
        #expect(analysis.notes.contains { $0.contains("SIGCHLD") && $0.contains("still pending") })
    }

    /// SIGPIPE (2, res=0, default action) shows up delivered as SIGKILL (3): the process
    /// dies of it, and the SIGUSR1 still pending (4, res=0) dies with it. Nothing lost.
    @Test func fatalSignalAsSIGKILLAndPendingAtDeath() {
        let analysis = Self.analyze([
            Self.tracer(1, "signal_generate: sig=13 errno=0 code=0 comm=tracee pid=20 grp=1 res=0"),
            Self.tracer(2, "signal_generate: sig=10 errno=0 code=0 comm=tracee pid=20 grp=0 res=0"),
            Self.tracee(3, "signal_deliver: sig=9 errno=0 code=0 sa_handler=0 sa_flags=0"),
            Self.tracee(4, "sched_process_exit: comm=tracee pid=20 prio=120 group_dead=true"),
        ])
        #expect(analysis.findings.isEmpty, "\(analysis.findings)")
    }

    /// The fixture `Tests/Fixtures/signal/linux-signal-generate.trace` (trace-cmd layout):
    /// kill(4243, SIGUSR1) at 6, generation at 7 (tied to line 6), delivered at 8 (and again
    /// at 9: no rule for that on Linux); SIGUSR2 generated at 10 (res=0) never delivered
    /// before 4243 exits (12): lost at 10. SIGCHLD res=1 at 11 is not judged. wait4 → 0x1093
    /// (13) returns a child; → -ECHILD (14) does not.
    @Test func traceCmdFixture() throws {
        let url = RepositoryPaths.fixtures.appendingPathComponent("signal/linux-signal-generate.trace")
        var options = ReadOptions()
        options.override = { $0.signalNumbering = .linux }
        let parsed = TraceText.parse(try String(contentsOf: url, encoding: .utf8), options: options)
        var analyzer = SignalAnalyzer(config: parsed.config)
        for event in parsed.events { analyzer.consume(event) }
        let analysis = analyzer.finish()
        #expect(analysis.findings.map(\.kind) == [.lostSignal])
        #expect(analysis.findings.map(\.line) == [10])
        #expect(analysis.counts.waitReturns == 1)
        #expect(analysis.fidelityMismatches == nil)
    }

    /// 50,000 children (far more than `LinuxSignalRules.reapedWindow`): each forked,
    /// sent SIGUSR1 (10), takes it, exits, its SIGCHLD (code=1) wakes the parent whose
    /// wait4 reaps it. The rules' per-task records stay bounded: dropped at the exit,
    /// the wait records a window of reaped children later. Nothing is lost or duplicate.
    @Test func retainedStateStaysBoundedOverManyChildren() {
        var rules = LinuxSignalRules()
        let children = 50_000
        let chunk = 5_000
        var peak = 0
        for start in stride(from: 0, to: children, by: chunk) {
            var text = "# tracer: nop\n"
            for index in start..<(start + chunk) {
                let pid = 1_000 + index
                let hex = String(pid, radix: 16)
                let time = 1_000_000 + index * 10
                func at(_ offset: Int) -> String {
                    let value = time + offset
                    let micros = String(value % 1_000_000)
                    return "\(value / 1_000_000)." + String(repeating: "0", count: 6 - micros.count) + micros
                }
                text +=
                    "sh-10 (10) [000] d..1. \(at(0)): sched_process_fork: comm=sh pid=10 child_comm=c child_pid=\(pid)\n"
                text +=
                    "sh-10 (10) [000] d..1. \(at(1)): signal_generate: sig=10 errno=0 code=-6 comm=c pid=\(pid) grp=0 "
                    + "res=0\n"
                text +=
                    "c-\(pid) (\(pid)) [001] d..1. \(at(2)): signal_deliver: sig=10 errno=0 code=-6 sa_handler=401136 "
                    + "sa_flags=14000000\n"
                text +=
                    "c-\(pid) (\(pid)) [001] d..1. \(at(3)): sched_process_exit: comm=c pid=\(pid) prio=120 "
                    + "group_dead=1\n"
                text +=
                    "c-\(pid) (\(pid)) [001] d..1. \(at(4)): signal_generate: sig=17 errno=0 code=1 comm=sh pid=10 "
                    + "grp=1 res=0\n"
                text +=
                    "sh-10 (10) [000] d..1. \(at(5)): signal_deliver: sig=17 errno=0 code=1 sa_handler=0 sa_flags=0\n"
                text += "sh-10 (10) [000] d..1. \(at(6)): sys_wait4 -> 0x\(hex)\n"
            }
            let parsed = TraceText.parse(text)
            #expect(parsed.summary.malformedCount == 0, "\(parsed.summary.malformed)")
            for (index, event) in parsed.events.enumerated() {
                rules.consume(event)
                // Sampled: the count walks the wait records.
                if index % 97 == 0 { peak = max(peak, rules.retainedRecordCount) }
            }
            peak = max(peak, rules.retainedRecordCount)
        }
        // Per live task a few records (the parent's and one child's), per reaped child
        // in the window two (its serial and its waiter's record), its ring slots and counts.
        #expect(peak <= 6 * LinuxSignalRules.reapedWindow + 16)
        rules.finish()
        #expect(rules.counts.posts == 2 * children)
        #expect(rules.counts.waitReturns == children)
        #expect(rules.counts.lostSignals == 0)
        #expect(rules.counts.duplicateWaitReturns == 0)
        #expect(rules.findings.isEmpty)
    }

    /// A child reaped twice (its exit reported by two wait4s, nothing in between) is still
    /// a duplicate after its records moved to the reaped window.
    @Test func reapedChildReportedAgainIsDuplicate() {
        let analysis = Self.analyze([
            Self.tracee(1, "signal_generate: sig=17 errno=0 code=5 comm=tracer pid=10 grp=1 res=1"),
            Self.tracer(2, "sys_wait4 -> 0x14"),
            Self.tracee(3, "sched_process_exit: comm=tracee pid=20 prio=120 group_dead=true"),
            Self.tracee(4, "signal_generate: sig=17 errno=0 code=1 comm=tracer pid=10 grp=1 res=1"),
            Self.tracer(5, "sys_wait4 -> 0x14"),
            Self.tracer(6, "sys_wait4 -> 0x14"),
        ])
        #expect(analysis.findings.map(\.line) == [7])
        #expect(analysis.counts.duplicateWaitReturns == 1)
    }
}
