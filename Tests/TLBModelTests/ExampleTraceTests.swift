import KTrace
import TLBModel
import Testing

/// `ffs-read-4cpu.trace` (the shared example), worked by hand in
/// `ffs-read-4cpu.expected.md`: three kernel shootdowns from cpu0 to mask 0xe.
/// Line 16 (window 1): only cpu0 filled → cpu1 not-cached, cpu2/3 idle.
/// Line 34 (window 2): cpu1 filled 0x…3000 → needed; cpu2/3 idle.
/// Line 62 (32 KiB): 8 used pages > tp_maxva 6 → full flush; cpu1 not-cached, cpu2/3 idle.
@Suite struct ExampleTraceTests {
    let text: String

    init() throws { text = try fixture("ffs-read-4cpu.trace") }

    @Test func countsMatchTheHandWorkedExpectations() {
        let analysis = TestTrace.analyze(text)
        let counts = analysis.counts
        #expect(counts.shootdownIPIs == 3)
        #expect(counts.targets == 9)
        #expect(counts.unmaps == 3)
        #expect(counts.redundantTargets == 8)
        #expect(counts.idleTargets == 6)
        #expect(counts.fullFlushes == 1)
        #expect(counts.tpMaxvaOverflows == 1)
        #expect(counts.staleUses == 0)
        #expect(counts.unknownTargets == 0)
        // Recorded tlb_shootdown_done: 6000 + 6000 + 8000.
        #expect(counts.initiatorWaitNs == 20_000)
        #expect(counts.redundantByClass == ["idle": 6, "not-cached": 2])
        #expect(analysis.hasTLBEvents)
        #expect(!analysis.classificationLimited)
        #expect(analysis.fidelity == .reproduced)
    }

    @Test func findingsAreTiedToTheIPILinesWithTheTargetCPU() {
        let findings = TestTrace.analyze(text).findings
        let summary = findings.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" }
        #expect(
            summary == [
                "16:cpu1:not-cached", "16:cpu2:idle", "16:cpu3:idle",
                "34:cpu2:idle", "34:cpu3:idle",
                "62:cpu1:not-cached", "62:cpu2:idle", "62:cpu3:idle",
            ])
        #expect(findings.allSatisfy { $0.kind == .redundantShootdown && $0.pid == 512 })
        #expect(
            findings[1].message
                == "IPI to cpu2 redundant: cpu2 idle since t=10.000000 and never cached "
                + "kernel va 0xffff800040000000 (+1 more page)")
        #expect(
            findings[0].message
                == "IPI to cpu1 redundant: cpu1 never cached kernel va 0xffff800040000000 (+1 more page)")
        #expect(findings[5].message.hasSuffix("kernel va 0xffff800041000000 (+7 more pages) (full flush)"))
    }

    @Test func idleLazyKeepsOnlyTheBusyTargetAndStaysSafe() throws {
        // cpu2 and cpu3 idle at every drain: each shootdown goes to cpu1 only.
        let counts = try TestTrace.replay(text, "idle-lazy").counts
        #expect(counts.ipis == 3)
        #expect(counts.targets == 3)
        #expect(counts.idleTargets == 0)
        #expect(counts.staleUses == 0)
        #expect(counts.fullFlushes == 1)
        // Window 1 and 2: 2 local + 2 on cpu1 each.
        #expect(counts.invalidations == 8)
        // Per window: send 400 + cpu1 (1000 + 200) + wait 1200 + local 200 = 3000;
        // 32 KiB: 400 + cpu1 (1000 + 2000) + wait 3000 + local flush 2000 = 8400.
        #expect(counts.cpuNs == 14_400)
        #expect(counts.initiatorWaitNs == 5_400)
    }

    @Test func noneSendsNothingAndIsSafeOnThisTrace() throws {
        let outcome = try TestTrace.replay(text, "none")
        #expect(outcome.counts.ipis == 0)
        #expect(outcome.counts.targets == 0)
        #expect(outcome.counts.staleUses == 0)
        #expect(outcome.findings.isEmpty)
    }
}
