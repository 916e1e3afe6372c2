import KTrace
import Testing

@testable import SignalModel

@Suite struct ReplayTests {
    typealias D = DSL

    @Test func strategySpecParsing() throws {
        #expect(try SignalStrategySpec.parse("single-stop") == SignalStrategySpec(name: .singleStop))
        #expect(throws: SignalStrategyError.unknownStrategy("idle-lazy")) { try SignalStrategySpec.parse("idle-lazy") }
        #expect(throws: SignalStrategyError.unexpectedParameters("netbsd8")) {
            try SignalStrategySpec.parse("netbsd8:x=1")
        }
        for name in SignalStrategyName.allCases { #expect(SignalStrategySpec(name: name).makeStrategy().name == name) }
    }

    /// The example with line 44 recorded as `none`: netbsd8 would have reported the
    /// duplicate stop there, so fidelity fails on exactly that line.
    /// Which events the signal model reads: every signal/process kind, nothing else
    /// (the batch paths skip the rest with this test alone).
    @Test func signalEventKinds() {
        let signalKinds: [EventKind] = [
            .fork(child: 2), .ptrace(request: .attach, pid: 2, signal: 0), .lwpKill(pid: 2, lid: 1, signal: 17),
            .kill(pid: 2, signal: 9), .kpsignal2(pid: 2, signal: 17), .trapsignal(pid: 2, lid: 1, signal: 5),
            .sigpost(pid: 2, lid: 1, signal: 17, caller: .kpsignal2), .issignal(pid: 2, lid: 1, signal: 17),
            .sigswitch(pid: 2, lid: 1, signal: 17), .procStop(pid: 2, signal: 17), .procStopDone(pid: 2, signal: 17),
            .procUnstop(pid: 2), .postsig(pid: 2, lid: 1, signal: 17),
            .waitReturn(child: 2, status: .stopped(signal: 17), errno: 0, options: []), .exit(status: 0),
            .atfTestCaseStart(program: "p", testCase: "c"),
            .atfTestCaseEnd(program: "p", testCase: "c", result: "passed", reason: nil),
        ]
        let otherKinds: [EventKind] = [
            .tlbInvalidate(pmap: nil, va: 0x1000), .tlbFill(pmap: .kernel, va: 0x1000), .pmapUpdate(pmap: .kernel),
            .shootdownDone(waitNs: nil), .idleEnter, .schedSwitch(prevPid: 1, nextPid: 2),
            .linuxSignalGenerate(pid: 2, signal: 9, code: 0, group: true, result: 0),
            .linuxSignalDeliver(signal: 9, code: 0, defaultAction: true), .linuxExit(groupDead: true), .ignored,
        ]
        for kind in signalKinds { #expect(SignalReplayer.isNetBSDSignalEvent(kind), "\(kind)") }
        for kind in otherKinds { #expect(!SignalReplayer.isNetBSDSignalEvent(kind), "\(kind)") }
    }

    @Test func fidelityMismatchLineByLine() throws {
        var events = DbregsRace.events
        let index = try #require(events.firstIndex { $0.line == 44 })
        events[index].kind = D.wait(601, .none, options: .noHang)
        let mismatches = try #require(D.analyze(events).fidelityMismatches)
        #expect(mismatches.lines == [44])
        #expect(mismatches.first?.kind == .fidelityMismatch)
        #expect(
            mismatches.first?.message
                == "netbsd8 replay: wait by 600 for 601 returns stopped:SIGSTOP; the trace recorded none")
    }

    /// Workload only (no recorded reactions): kill(SIGSTOP), wait, continue, lwp_kill, wait, continue, wait.
    /// netbsd8: stop (kill), stop (lwp_kill), then the self-post stops it again when
    /// continued: the third wait (line 17) reports SIGSTOP again → duplicate at 17.
    /// single-stop: the third wait blocks until the exit → exited:0.
    @Test func workloadOnlyTrace() {
        let (t, c): (Int32, Int32) = (600, 601)
        let events = [
            D.ev(10, 0, t, .fork(child: c)),
            D.ev(11, 1, c, D.ptrace(.traceMe, c)),
            D.ev(12, 1, c, .kill(pid: c, signal: D.stop)),
            D.ev(13, 0, t, D.wait(c, .stopped(signal: D.stop))),
            D.ev(14, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(15, 1, c, .lwpKill(pid: c, lid: 1, signal: D.stop)),
            D.ev(16, 0, t, D.wait(c, .stopped(signal: D.stop))),
            D.ev(17, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(18, 0, t, D.wait(c, .exited(code: 0))),
            D.ev(19, 1, c, .exit(status: 0)),
        ]
        let netbsd8 = D.replay(events, "netbsd8")
        #expect(
            netbsd8.waits.map(\.result) == [
                .stopped(signal: D.stop), .stopped(signal: D.stop), .stopped(signal: D.stop),
            ])
        #expect(netbsd8.findings.kinds == [.doubleSigpost, .duplicateWaitReturn])
        #expect(netbsd8.findings.lines == [15, 18])
        let single = D.replay(events, "single-stop")
        #expect(single.waits.map(\.result) == [.stopped(signal: D.stop), .stopped(signal: D.stop), .exited(code: 0)])
        #expect(single.findings.isEmpty)
        // The recorded trace (no reactions) matches single-stop, not netbsd8: fidelity fails on line 18.
        #expect(D.analyze(events).fidelityMismatches?.lines == [18])
    }

    /// Two LWPs: LWP 2 _lwp_kills LWP 1. netbsd8 posts proc_stop wake-ups to LWP 2
    /// (not double posts) and re-posts to LWP 1 (double post at the lwp_kill's line).
    @Test func twoLWPWakeUpsAreNotDoublePosts() {
        let (t, c): (Int32, Int32) = (600, 601)
        let events = [
            D.ev(10, 0, t, .fork(child: c)),
            D.ev(11, 1, c, D.ptrace(.traceMe, c)),
            // Recorded reactions only tell the replay which LWPs exist and where they run.
            D.ev(12, 1, c, .sigswitch(pid: c, lid: 1, signal: D.trap)),
            D.ev(13, 2, c, .sigswitch(pid: c, lid: 2, signal: D.trap)),
            D.ev(14, 2, c, .lwpKill(pid: c, lid: 1, signal: D.stop)),
            D.ev(16, 0, t, D.wait(c, .stopped(signal: D.stop))),
        ]
        let outcome = D.replay(events, "netbsd8")
        let wakeUps = outcome.events.filter {
            if case .sigpost(_, 2, _, .procStop) = $0.kind { return true }
            return false
        }
        #expect(wakeUps.count == 1)
        #expect(outcome.findings.kinds == [.doubleSigpost])
        #expect(outcome.findings.lines == [14])
        #expect(outcome.counts.stops == 1)
        #expect(outcome.waits.first?.result == .stopped(signal: D.stop))
    }

    /// `explore lwp-kill-other --strategy netbsd8` counterexample 1, line for line: LWP 1
    /// raises SIGSTOP (line 7) and, before it returns to user space (its `issignal` is
    /// line 13), LWP 2 on CPU 2 `_lwp_kill`s it (line 10): that post merges with the
    /// pending SIGSTOP. Worked by hand (docs/signal-model.md "Replay", netbsd8): LWP 1 takes SIGSTOP once
    /// and stops; the signal's latest generation is the `_lwp_kill` aimed at LWP 1, so
    /// `proc_stop` re-posts it (double post, kpsignal2 line 10 + proc_stop) — stop 1, wait
    /// 19. After the continue (20) LWP 1 takes the re-post: stop 2, no further re-post;
    /// wait 27 reports it again (duplicate). Continue (28), exit (30): nothing pending,
    /// wait 31 `exited:0`, wait 33 ECHILD. Stops 2, as recorded. Settling LWP 1 right
    /// after its `kill` instead stopped it before LWP 2's call (a stopped process's LWP
    /// calling `_lwp_kill`), and the self-post then gave a third stop at the exit.
    @Test func otherLWPCallsBeforeTheCallerReturns() {
        let (t, c): (Int32, Int32) = (600, 601)
        let events = [
            D.ev(5, 0, t, .fork(child: c)),
            D.ev(6, 1, c, D.ptrace(.traceMe, c)),
            D.ev(7, 1, c, .kill(pid: c, signal: D.stop)),
            D.ev(8, 1, c, .kpsignal2(pid: c, signal: D.stop)),
            D.ev(9, 1, c, .sigpost(pid: c, lid: 1, signal: D.stop, caller: .kpsignal2)),
            D.ev(10, 2, c, .lwpKill(pid: c, lid: 1, signal: D.stop)),
            D.ev(11, 2, c, .kpsignal2(pid: c, signal: D.stop)),
            D.ev(12, 2, c, .sigpost(pid: c, lid: 1, signal: D.stop, caller: .kpsignal2)),
            D.ev(13, 1, c, .issignal(pid: c, lid: 1, signal: D.stop)),
            D.ev(14, 1, c, .sigswitch(pid: c, lid: 1, signal: D.stop)),
            D.ev(15, 1, c, .procStop(pid: c, signal: D.stop)),
            D.ev(16, 1, c, .sigpost(pid: c, lid: 2, signal: D.stop, caller: .procStop)),
            D.ev(17, 1, c, .sigpost(pid: c, lid: 1, signal: D.stop, caller: .procStop)),
            D.ev(18, 1, c, .procStopDone(pid: c, signal: D.stop)),
            D.ev(19, 0, t, D.wait(c, .stopped(signal: D.stop))),
            D.ev(20, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(21, 1, c, .procUnstop(pid: c)),
            D.ev(22, 1, c, .issignal(pid: c, lid: 1, signal: D.stop)),
            D.ev(23, 1, c, .sigswitch(pid: c, lid: 1, signal: D.stop)),
            D.ev(24, 1, c, .procStop(pid: c, signal: D.stop)),
            D.ev(25, 1, c, .sigpost(pid: c, lid: 2, signal: D.stop, caller: .procStop)),
            D.ev(26, 1, c, .procStopDone(pid: c, signal: D.stop)),
            D.ev(27, 0, t, D.wait(c, .stopped(signal: D.stop))),
            D.ev(28, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(29, 1, c, .procUnstop(pid: c)),
            D.ev(30, 1, c, .exit(status: 0)),
            D.ev(31, 0, t, D.wait(c, .exited(code: 0))),
            D.ev(32, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(33, 0, t, D.wait(c, .none, errno: Errno.echild)),
        ]
        let recorded = D.analyze(events)
        #expect(recorded.counts.stops == 2)
        #expect(recorded.fidelityMismatches == [])
        let replay = D.replay(events, "netbsd8")
        #expect(replay.counts.stops == 2)
        #expect(replay.counts.doublePosts == 1)
        #expect(replay.counts.duplicateWaitReturns == 1)
        #expect(replay.counts.lostSignals == 0)
        // The double post carries the line of the process's latest call (the lwp_kill).
        #expect(replay.findings.kinds == [.doubleSigpost, .duplicateWaitReturn])
        #expect(replay.findings.lines == [10, 27])
        // LWP 1 stops once for both generations: one issignal before the continue.
        let takenBeforeContinue = replay.events.filter {
            if case .issignal = $0.kind { return $0.line < 20 }
            return false
        }
        #expect(takenBeforeContinue.map(\.line) == [10])
        #expect(
            replay.waits.map(\.result) == [
                .stopped(signal: D.stop), .stopped(signal: D.stop), .exited(code: 0), WaitStatus.none,
            ])
        // Wake-up posts: LWP 2 is named first at line 16, after the first stop.
        #expect(replay.counts.posts == 4)
    }
}
