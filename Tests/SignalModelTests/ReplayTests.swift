import KTrace
import Testing

@testable import SignalModel

@Suite struct ReplayTests {
    typealias D = DSL

    @Test func strategySpecParsing() throws {
        #expect(try SignalStrategySpec.parse("single-stop") == SignalStrategySpec(name: "single-stop"))
        #expect(throws: SignalStrategyError.unknownStrategy("idle-lazy")) { try SignalStrategySpec.parse("idle-lazy") }
        #expect(throws: SignalStrategyError.unexpectedParameters("netbsd8")) {
            try SignalStrategySpec.parse("netbsd8:x=1")
        }
        for name in SignalStrategySpec.names { #expect(SignalStrategySpec(name: name).makeStrategy()?.name == name) }
    }

    /// The example with line 44 recorded as `none`: netbsd8 would have reported the
    /// duplicate stop there, so fidelity fails on exactly that line.
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
}
