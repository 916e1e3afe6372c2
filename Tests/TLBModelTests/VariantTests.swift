import KTrace
import TLBModel
import Testing

/// docs/tlb-model.md "Kernel variants": the events must fit the header's variant; Xen hypercalls classify like IPIs.
@Suite struct VariantTests {
    static let ipiTrace = TestTrace.build(
        "# machine: arch=amd64 variant=amd64-xen ncpu=2",
        [
            "0 pmap_kenter_pa: va=0xa000",  // 2
            "1 tlb_fill: pmap=kernel va=0xa000",  // 3
            "0 pmap_kremove: va=0xa000 len=4096",  // 4
            "0 pmap_update: pmap=kernel",  // 5
            "0 tlb_shootdown_ipi: target=1 pages=1",  // 6
        ])

    /// A Xen PV kernel sending a LAPIC IPI (line 6): variant-mismatch there.
    @Test func xenVariantWithIPIsIsAMismatch() {
        let findings = TestTrace.analyze(Self.ipiTrace).findings
        #expect(findings.map { "\($0.kind.rawValue):\($0.line):cpu\($0.cpu)" } == ["variant-mismatch:6:cpu0"])
        #expect(findings.first?.message.contains("-DXEN") == true)
    }

    /// The same trace declared native: consistent, and cpu1 needed the IPI.
    @Test func nativeVariantWithIPIsIsConsistent() {
        let text = Self.ipiTrace.replacingOccurrences(of: "variant=amd64-xen", with: "variant=amd64")
        #expect(TestTrace.analyze(text).findings.isEmpty)
    }

    /// Native amd64 issuing xen_mmuext (line 6): variant-mismatch.
    @Test func nativeVariantWithHypercallsIsAMismatch() {
        let text = Self.ipiTrace.replacingOccurrences(of: "variant=amd64-xen", with: "variant=amd64")
            .replacingOccurrences(
                of: "tlb_shootdown_ipi: target=1 pages=1", with: "xen_mmuext: op=invlpg_multi mask=0x2 va=0xa000")
        let findings = TestTrace.analyze(text).findings
        #expect(findings.map { "\($0.kind.rawValue):\($0.line)" } == ["variant-mismatch:6"])
    }

    /// A consistent Xen trace: one invlpg_multi per page (lines 9, 10) to {1,2}.
    /// Line 9 (A): cpu1 holds A → needed; cpu2 idle → idle.
    /// Line 10 (B): cpu1 never filled B, no flush → not-cached; cpu2 idle.
    /// The two hypercalls of the drain at line 8 merge to {1,2} × 2 pages, what
    /// netbsd8's Xen path derives: fidelity holds.
    @Test func xenHypercallsAreClassifiedLikeIPIs() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 variant=amd64-xen ncpu=3",
            [
                "2/0 idle_enter:",  // 2
                "0 pmap_kenter_pa: va=0x1000",  // 3
                "0 pmap_kenter_pa: va=0x2000",  // 4
                "1 tlb_fill: pmap=kernel va=0x1000",  // 5
                "0 tlb_fill: pmap=kernel va=0x2000",  // 6
                "0 pmap_kremove: va=0x1000 len=8192",  // 7
                "0 pmap_update: pmap=kernel",  // 8
                "0 xen_mmuext: op=invlpg_multi mask=0x6 va=0x1000",  // 9
                "0 xen_mmuext: op=invlpg_multi mask=0x6 va=0x2000",  // 10
            ])
        let analysis = TestTrace.analyze(text)
        #expect(analysis.counts.shootdownIPIs == 2)
        #expect(analysis.counts.targets == 4)
        #expect(analysis.counts.idleTargets == 2)
        #expect(
            analysis.findings.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" }
                == ["9:cpu2:idle", "10:cpu1:not-cached", "10:cpu2:idle"])
        #expect(analysis.fidelity == .reproduced)
        // No tlb_shootdown_done: the cost model's wait, two synchronous hypercalls.
        #expect(analysis.counts.initiatorWaitNs == 3_000)
        let replay = try TestTrace.replay(text, "netbsd8").counts
        #expect(replay.ipis == 1)
        #expect(replay.targets == 2)
        #expect(replay.idleTargets == 1)
    }
}
