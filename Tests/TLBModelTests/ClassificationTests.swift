import KTrace
import TLBModel
import Testing

/// One hand-worked trace per §2.1 class. Line numbers: header is line 1, the
/// n-th event (0-based) is line n + 2.
@Suite struct ClassificationTests {
    /// Line 7: a shootdown of a page nobody filled (PTE used bit clear):
    /// unused-pte for cpu1, and netbsd8 would send nothing → fidelity mismatch at line 7.
    /// (cpu0 fills another page, line 3, so the trace is not a fill-less one.)
    @Test func unusedPTEIsRedundantAndAFidelityMismatch() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=2",
                [
                    "0 pmap_kenter_pa: va=0xb000",  // 2
                    "0 tlb_fill: pmap=kernel va=0xb000",  // 3
                    "0 pmap_kenter_pa: va=0xa000",  // 4
                    "0 pmap_kremove: va=0xa000 len=4096",  // 5
                    "0 pmap_update: pmap=kernel",  // 6
                    "0 tlb_shootdown_ipi: mask=0x2 pages=1",  // 7
                ]))
        #expect(analysis.findings.map(\.line) == [7])
        #expect(analysis.findings.first?.findingClass == "unused-pte")
        #expect(analysis.findings.first?.cpu == 1)
        #expect(analysis.counts.redundantByClass == ["unused-pte": 1])
        #expect(!analysis.classificationLimited)
        guard case .mismatched(let mismatches) = analysis.fidelity else {
            Issue.record("expected a fidelity mismatch, got \(analysis.fidelity)")
            return
        }
        #expect(mismatches.map(\.line) == [7])
        #expect(mismatches.first?.kind == .fidelityMismatch)
    }

    /// docs/tlb-model.md "Classification": a trace with no tlb_fill at all is classified by idleness only,
    /// even when it records mappings: cpu1 (running) is unknown, cpu2 (idle) redundant:idle.
    @Test func fillLessTraceIsLimitedEvenWithMappings() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=3",
                [
                    "2 idle_enter:",  // 2
                    "0 pmap_kenter_pa: va=0xa000",  // 3
                    "0 pmap_kremove: va=0xa000 len=4096",  // 4
                    "0 pmap_update: pmap=kernel",  // 5
                    "0 tlb_shootdown_ipi: mask=0x6 pages=1",  // 6
                ]))
        #expect(analysis.classificationLimited)
        #expect(
            analysis.findings.filter { $0.kind == .redundantShootdown }.map {
                "\($0.line):\($0.cpu):\($0.findingClass)"
            } == ["6:2:idle"])
        #expect(analysis.counts.unknownTargets == 1)
        #expect(analysis.counts.redundantTargets == 1)
    }

    /// cpu1 caches A (line 3): the IPI at line 6 is needed; cpu1 invalidates A
    /// (line 7); the second IPI of the same packet (line 8) is a duplicate.
    /// Both IPIs belong to the drain at line 5 and merge to {1} × 1 page: fidelity holds.
    @Test func secondIPIAfterTheInvalidationIsADuplicate() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=2",
                [
                    "0 pmap_kenter_pa: va=0xa000",  // 2
                    "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                    "0 pmap_kremove: va=0xa000 len=4096",  // 4
                    "0 pmap_update: pmap=kernel",  // 5
                    "0 tlb_shootdown_ipi: target=1 pages=1",  // 6
                    "1 tlb_invalidate: pmap=kernel va=0xa000",  // 7
                    "0 tlb_shootdown_ipi: target=1 pages=1",  // 8
                ]))
        #expect(analysis.counts.shootdownIPIs == 2)
        #expect(analysis.counts.targets == 2)
        #expect(analysis.counts.redundantTargets == 1)
        #expect(analysis.findings.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" } == ["8:cpu1:duplicate"])
        #expect(analysis.fidelity == .reproduced)
    }

    /// ncpu=4, one used kernel page B filled by cpu0 only, IPI to {1,2,3} at line 9:
    /// cpu1 flushed fully at line 2 and never filled B → duplicate ("or ever"; its
    /// message says it never cached B, not "after its last use": issue 16);
    /// cpu2 has no history → not-cached; cpu3 also flushed but is idle → idle wins.
    @Test func precedenceIdleBeforeDuplicateBeforeNotCached() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=4",
                [
                    "1 tlb_invalidate: pmap=kernel all=1",  // 2
                    "3 tlb_invalidate: pmap=kernel all=1",  // 3
                    "3/0 idle_enter:",  // 4
                    "0 pmap_kenter_pa: va=0xb000",  // 5
                    "0 tlb_fill: pmap=kernel va=0xb000",  // 6
                    "0 pmap_kremove: va=0xb000 len=4096",  // 7
                    "0 pmap_update: pmap=kernel",  // 8
                    "0 tlb_shootdown_ipi: mask=0xe pages=1",  // 9
                ]))
        #expect(
            analysis.findings.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" }
                == ["9:cpu1:duplicate", "9:cpu2:not-cached", "9:cpu3:idle"])
        #expect(analysis.counts.idleTargets == 1)
        #expect(analysis.fidelity == .reproduced)
        #expect(
            analysis.findings[0].message
                == "IPI to cpu1 redundant: cpu1 never cached kernel va 0xb000 and already invalidated it")
    }

    /// A user pmap: cpu0 and cpu1 run pmap 0x5000, cpu2 runs 0x6000. The recorded
    /// IPI (line 9) hits {1,2}: cpu1 holds the page → needed; cpu2 loaded another
    /// pmap at line 4 (a CR3 switch counts as a full flush of user translations) →
    /// duplicate. NetBSD 8 targets only the CPUs with 0x5000 loaded: {1} → mismatch.
    @Test func userPmapShootdownsTargetTheCPUsThatLoadedIt() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=3",
            [
                "0 pmap_activate: pmap=0x5000",  // 2
                "1 pmap_activate: pmap=0x5000",  // 3
                "2 pmap_activate: pmap=0x6000",  // 4
                "0 pmap_enter: pmap=0x5000 va=0x1000",  // 5
                "1 tlb_fill: pmap=0x5000 va=0x1000",  // 6
                "0 pmap_remove: pmap=0x5000 sva=0x1000 eva=0x2000",  // 7
                "0 pmap_update: pmap=0x5000",  // 8
                "0 tlb_shootdown_ipi: mask=0x6 pages=1",  // 9
            ])
        let analysis = TestTrace.analyze(text)
        #expect(analysis.findings.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" } == ["9:cpu2:duplicate"])
        guard case .mismatched(let mismatches) = analysis.fidelity else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(mismatches.map(\.line) == [9])
        let replay = try TestTrace.replay(text, "netbsd8").counts
        #expect(replay.ipis == 1)
        #expect(replay.targets == 1)
    }

    /// No tlb_fill anywhere (a Linux capture): cpu2 idle (idle_enter), cpu3 idle
    /// (sched_switch to pid 0), cpu1 unknown. Not a NetBSD pmap trace: fidelity n/a.
    @Test func withoutFillsOnlyIdlenessClassifies() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=4",
                [
                    "2/0 idle_enter:",  // 2
                    "3/0 sched_switch: prev_comm=cc1 prev_pid=77 prev_prio=120 prev_state=S ==> "
                        + "next_comm=swapper/3 next_pid=0 next_prio=120",  // 3
                    "0/100 ipi_send_cpumask: cpumask=1-3 callsite=flush_tlb_mm_range callback=flush_tlb_func",  // 4
                    "1/55 tlb_flush: pages:-1 reason:remote shootdown (1)",  // 5
                ]))
        #expect(analysis.classificationLimited)
        #expect(analysis.counts.unknownTargets == 1)
        #expect(analysis.counts.redundantTargets == 2)
        #expect(
            analysis.findings.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" } == ["4:cpu2:idle", "4:cpu3:idle"])
        #expect(!analysis.notes.isEmpty)
        guard case .notApplicable = analysis.fidelity else {
            Issue.record("expected n/a, got \(analysis.fidelity)")
            return
        }
    }

    /// cpu1 caches A, the IPI reaches it but its handler never invalidates; A is
    /// mapped again and cpu1 touches it at line 8: a stale translation use.
    @Test func recordedStaleTranslationUseIsTiedToTheFill() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=2",
                [
                    "0 pmap_kenter_pa: va=0xa000",  // 2
                    "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                    "0 pmap_kremove: va=0xa000 len=4096",  // 4
                    "0 pmap_update: pmap=kernel",  // 5
                    "0 tlb_shootdown_ipi: target=1 pages=1",  // 6
                    "0 pmap_kenter_pa: va=0xa000",  // 7
                    "1/77 tlb_fill: pmap=kernel va=0xa000",  // 8
                ]))
        #expect(analysis.counts.staleUses == 1)
        let stale = analysis.findings.filter { $0.kind == .staleTranslation }
        #expect(stale.map { "\($0.line):cpu\($0.cpu):\($0.pid)" } == ["8:cpu1:77"])
    }
}
