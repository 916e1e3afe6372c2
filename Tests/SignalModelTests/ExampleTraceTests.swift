import KTrace
import Testing

@testable import SignalModel

/// `ptrace-dbregs-race` must give exactly what its `.expected.md` says.
@Suite struct ExampleTraceTests {
    @Test func analysisMatchesExpectedFindings() {
        let analysis = DSL.analyze(DbregsRace.events)
        #expect(analysis.findings.kinds == [.doubleSigpost, .duplicateWaitReturn])
        #expect(analysis.findings.lines == [35, 44])
        #expect(analysis.findings[0].message.contains("kpsignal2 at line 31"))
        #expect(analysis.findings[0].message.contains("proc_stop at line 35"))
        #expect(
            analysis.findings[1].message
                == "wait by 600 reported SIGSTOP stop of 601 again (first at line 37); no SIGSTOP generated for 601 "
                + "in between (last generation: lwp_kill at line 29)")
        var counts = SignalCounts()
        (counts.posts, counts.stops, counts.waitReturns) = (4, 4, 6)
        (counts.duplicateWaitReturns, counts.lostSignals, counts.doublePosts) = (1, 0, 1)
        #expect(analysis.counts == counts)
        #expect(analysis.hasSignalEvents)
        // A passed verdict alone never makes a wait-mismatch; it is only noted.
        #expect(analysis.hasWaitExpectation)
        #expect(analysis.notes.contains { $0.contains("passed although the wait at line 44") })
    }

    @Test func netbsd8ReplayReproducesRecordedWaits() {
        #expect(DSL.analyze(DbregsRace.events).fidelityMismatches == [])
        let replay = DSL.replay(DbregsRace.events, "netbsd8")
        #expect(replay.counts.posts == 4)
        #expect(replay.counts.stops == 4)
        #expect(replay.counts.duplicateWaitReturns == 1)
        #expect(replay.findings.kinds == [.doubleSigpost, .duplicateWaitReturn])
        // The re-derived self-post is tied to the lwp_kill that caused it; the duplicate to its wait.
        #expect(replay.findings.lines == [29, 44])
    }

    @Test func singleStopHasThreeStopsAndWnohangReturnsNone() {
        let replay = DSL.replay(DbregsRace.events, "single-stop")
        #expect(replay.counts.stops == 3)
        #expect(replay.counts.duplicateWaitReturns == 0)
        #expect(replay.counts.lostSignals == 0)
        #expect(replay.counts.waitReturns == 6)
        #expect(replay.waits.first { $0.line == 44 }?.result == WaitStatus.none)
        #expect(replay.findings.isEmpty)
        // PT_CONTINUE at line 45 hits a running tracee: kept and noted.
        #expect(replay.notes.contains { $0.hasPrefix("line 45: PT_CONTINUE for 601") })
    }

    @Test func dedupPendingChangesNothingHere() {
        let replay = DSL.replay(DbregsRace.events, "dedup-pending")
        #expect(replay.counts.stops == 4)
        #expect(replay.counts.duplicateWaitReturns == 1)
    }

    @Test func dropSecondLosesTheLwpKill() {
        let replay = DSL.replay(DbregsRace.events, "drop-second")
        #expect(replay.counts.lostSignals == 1)
        #expect(replay.counts.duplicateWaitReturns == 0)
        #expect(replay.findings.kinds == [.lostSignal])
        #expect(replay.findings.first?.line == 29)
        // The wait at line 37 blocks until the exit; the WNOHANG wait finds nothing.
        #expect(replay.waits.first { $0.line == 37 }?.result == .exited(code: 5))
        #expect(replay.waits.first { $0.line == 44 }?.result == WaitStatus.none)
    }
}
