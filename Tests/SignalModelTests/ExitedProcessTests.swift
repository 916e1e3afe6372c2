import KTrace
import Testing

@testable import SignalModel

/// The streaming analysis and replays drop a process's state once it exited (rules)
/// or its exit was collected (kernel), so memory follows the live processes. These
/// tests fail if that drops something a later event still needs.
@Suite struct ExitedProcessTests {
    typealias D = DSL

    /// Sessions like `synth mixed`: tracer T forks tracee T+1 (2 LWPs), which stops
    /// itself and `_lwp_kill`s itself three times; it exits, T collects the exit, and
    /// T's next wait gets ECHILD. Tracers never exit. After `distinct` sessions the
    /// pids are forked again (reuse); some sessions `kill` the reaped tracee (ESRCH
    /// in a kernel) and some wait for any child after it.
    static func sessions(_ count: Int, distinct: Int) -> [Event] {
        var events: [Event] = []
        func add(_ cpu: Int, _ pid: Int32, _ kind: EventKind) {
            events.append(D.ev(10 + events.count, cpu, pid, kind))
        }
        for index in 0..<count {
            let tracer = Int32(1000 + 2 * (index % distinct))
            let tracee = tracer + 1
            add(0, tracer, .fork(child: tracee))
            add(1, tracee, D.ptrace(.traceMe, tracee))
            add(1, tracee, .kill(pid: tracee, signal: D.stop))
            add(0, tracer, D.wait(tracee, .stopped(signal: D.stop)))
            add(0, tracer, D.ptrace(.continueExecution, tracee))
            for kill in 0..<3 {
                let lid = Int32(1 + (index + kill) % 2)
                add(Int(lid), tracee, .lwpKill(pid: tracee, lid: lid, signal: D.stop))
                add(0, tracer, D.wait(tracee, .stopped(signal: D.stop)))
                add(0, tracer, D.ptrace(.continueExecution, tracee))
                add(0, tracer, D.wait(tracee, .stopped(signal: D.stop), options: index % 3 == 0 ? .noHang : []))
                add(0, tracer, D.ptrace(.continueExecution, tracee))
            }
            add(1, tracee, .exit(status: Int32(index % 7)))
            add(0, tracer, D.wait(tracee, .exited(code: Int32(index % 7))))
            add(0, tracer, D.wait(tracee, .none, errno: Errno.echild))
            if index % 4 == 1 {
                add(0, tracer, .kill(pid: tracee, signal: D.kill))
                add(0, tracer, D.wait(-1, .none, errno: Errno.echild))
            }
        }
        return events
    }

    static func replay(_ events: [Event], _ strategy: String, forgets: Bool) -> SignalReplayOutcome {
        var replayer = SignalReplayer(strategy: try! SignalStrategySpec.parse(strategy), config: D.config())
        replayer.keepsEvents = true
        replayer.forgetsExitedProcesses = forgets
        for event in events { replayer.consume(event) }
        return replayer.finish()
    }

    static func analyze(_ events: [Event], forgets: Bool) -> SignalAnalysis {
        var analyzer = SignalAnalyzer(config: D.config())
        analyzer.forgetsExitedProcesses = forgets
        for event in events { analyzer.consume(event) }
        return analyzer.finish()
    }

    /// Every strategy replays 25 sessions (pids reused after 10) exactly as it does
    /// when nothing is forgotten: the same re-derived events, waits, findings, notes.
    @Test(arguments: SignalStrategySpec.names)
    func replayIsTheSameWithAndWithoutForgetting(strategy: String) {
        let events = Self.sessions(25, distinct: 10)
        let kept = Self.replay(events, strategy, forgets: false)
        let forgot = Self.replay(events, strategy, forgets: true)
        let (forgotEvents, keptEvents) = (forgot.events.map { "\($0)" }, kept.events.map { "\($0)" })
        let firstDifference = zip(forgotEvents, keptEvents).first { $0 != $1 }
        #expect(firstDifference == nil, "first differing event: \(firstDifference?.0 ?? "")")
        #expect(forgotEvents.count == keptEvents.count)
        #expect(forgot.waits == kept.waits)
        #expect(forgot.findings == kept.findings)
        #expect(forgot.counts == kept.counts)
        #expect(forgot.notes == kept.notes)
        #expect(kept.events.count > 25 * 30)
    }

    /// The rules on a recorded stream (netbsd8's re-derived one, reactions and all)
    /// find the same with and without forgetting exited processes.
    @Test func analysisIsTheSameWithAndWithoutForgetting() {
        let recorded = Self.replay(Self.sessions(25, distinct: 10), "netbsd8", forgets: false).events
        let kept = Self.analyze(recorded, forgets: false)
        let forgot = Self.analyze(recorded, forgets: true)
        #expect(forgot.findings == kept.findings)
        #expect(forgot.counts == kept.counts)
        #expect(forgot.notes == kept.notes)
        #expect(forgot.fidelityMismatches == kept.fidelityMismatches)
        // Three duplicates per session, but a WNOHANG wait (every third session) hides them.
        #expect(kept.counts.duplicateWaitReturns == 16 * 3)
        #expect(kept.fidelityMismatches == [])
    }

    /// The exit is collected by a `wait` after the exit, once: the kernel keeps the
    /// exited process until then (forgetting it at the exit would give ECHILD).
    @Test func waitAfterTheChildExitedGetsItsStatus() {
        let (t, c): (Int32, Int32) = (600, 601)
        let events = [
            D.ev(10, 0, t, .fork(child: c)),
            D.ev(11, 1, c, .exit(status: 3)),
            D.ev(12, 0, t, D.wait(c, .exited(code: 3))),
            D.ev(13, 0, t, D.wait(c, .none, errno: Errno.echild)),
            D.ev(14, 0, t, D.wait(-1, .none, errno: Errno.echild)),
        ]
        let outcome = D.replay(events, "netbsd8")
        #expect(outcome.waits.map(\.result) == [.exited(code: 3), WaitStatus.none, WaitStatus.none])
        #expect(outcome.waits.map(\.errno) == [0, Errno.echild, Errno.echild])
    }

    /// A `kill` of a reaped pid reaches nothing (the kernel says ESRCH): the replay
    /// must not take the pid for a process it has never seen and post to it.
    @Test func killOfAReapedPidPostsNothing() {
        let (t, c): (Int32, Int32) = (600, 601)
        let events = [
            D.ev(10, 0, t, .fork(child: c)),
            D.ev(11, 1, c, .exit(status: 0)),
            D.ev(12, 0, t, D.wait(c, .exited(code: 0))),
            D.ev(13, 0, t, .kill(pid: c, signal: D.usr1)),
            D.ev(14, 0, t, D.wait(-1, .none, errno: Errno.echild)),
        ]
        let outcome = D.replay(events, "netbsd8")
        #expect(!outcome.events.contains { $0.line >= 13 && $0.pid == c })
        #expect(!outcome.events.contains { if case .sigpost = $0.kind { true } else { false } })
        #expect(outcome.waits.map(\.errno) == [0, Errno.echild])
    }

    /// A pid forked again after its exit was collected is a new process: it stops,
    /// and its tracer collects the stop.
    @Test func pidForkedAgainAfterReapIsANewProcess() {
        let (t, c): (Int32, Int32) = (600, 601)
        let events = [
            D.ev(10, 0, t, .fork(child: c)),
            D.ev(11, 1, c, .exit(status: 0)),
            D.ev(12, 0, t, D.wait(c, .exited(code: 0))),
            D.ev(13, 0, t, .fork(child: c)),
            D.ev(14, 1, c, D.ptrace(.traceMe, c)),
            D.ev(15, 1, c, .kill(pid: c, signal: D.stop)),
            D.ev(16, 0, t, D.wait(c, .stopped(signal: D.stop))),
        ]
        let outcome = D.replay(events, "netbsd8")
        #expect(outcome.waits.map(\.result) == [.exited(code: 0), .stopped(signal: D.stop)])
    }

    /// Only the exiting process's state goes: another tracee's report (and a report
    /// whose waiter exited) still makes the next report of the same stop a duplicate.
    @Test func anotherProcessExitKeepsItsState() {
        let (t, a, b): (Int32, Int32, Int32) = (600, 601, 603)
        let events = [
            D.ev(10, 1, a, .kill(pid: a, signal: D.stop)),
            D.ev(11, 1, a, .procStopDone(pid: a, signal: D.stop)),
            D.ev(12, 0, t, D.wait(a, .stopped(signal: D.stop))),
            D.ev(13, 2, b, .exit(status: 0)),
            D.ev(14, 0, t, .exit(status: 0)),
            D.ev(15, 1, a, .procStopDone(pid: a, signal: D.stop)),
            D.ev(16, 0, t, D.wait(a, .stopped(signal: D.stop))),
        ]
        let findings = D.analyze(events).findings
        #expect(findings.kinds == [.duplicateWaitReturn])
        #expect(findings.lines == [16])
    }

    /// A generation the process never took is judged at its exit, before its state goes.
    @Test func exitStillJudgesOpenGenerations() {
        let c: Int32 = 601
        let events = [
            D.ev(10, 0, 600, .kill(pid: c, signal: D.usr1)),
            D.ev(11, 1, c, .exit(status: 0)),
        ]
        let findings = D.analyze(events).findings
        #expect(findings.kinds == [.lostSignal])
        #expect(findings.first?.message.hasSuffix("before 601 exited at line 11") == true)
    }
}
