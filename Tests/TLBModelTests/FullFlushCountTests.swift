import KTrace
import TLBModel
import Testing

/// Analysis `full_flushes` (docs/tlb-model.md "Classification", §6) counts full-flush *shootdowns*: one per
/// `pmap_update` drain, however many IPI lines record it — the unit the replay uses.
@Suite struct FullFlushCountTests {
    /// tp_maxva 2. Drain 1 (line 9): 3 used pages > 2 → full flush, written as two
    /// per-target IPI lines (10, 11). Drain 2 (line 22): 3 more used pages, one
    /// `mask=` IPI (line 23). Two shootdowns, three IPI lines: full_flushes 2 (not 3),
    /// tp_maxva_overflows 2; netbsd8 derives the same two flushes.
    static let trace = TestTrace.build(
        "# machine: arch=amd64 ncpu=3 tp_maxva=2",
        [
            "0 pmap_kenter_pa: va=0xa000",  // 2
            "0 pmap_kenter_pa: va=0xb000",  // 3
            "0 pmap_kenter_pa: va=0xc000",  // 4
            "0 tlb_fill: pmap=kernel va=0xa000",  // 5
            "0 tlb_fill: pmap=kernel va=0xb000",  // 6
            "1 tlb_fill: pmap=kernel va=0xc000",  // 7
            "0 pmap_kremove: va=0xa000 len=12288",  // 8
            "0 pmap_update: pmap=kernel",  // 9
            "0 tlb_shootdown_ipi: target=1 pages=0",  // 10
            "0 tlb_shootdown_ipi: target=2 pages=0",  // 11
            "1 tlb_invalidate: all=1",  // 12
            "2 tlb_invalidate: all=1",  // 13
            "0 tlb_shootdown_done: wait_ns=777",  // 14
            "0 pmap_kenter_pa: va=0xd000",  // 15
            "0 pmap_kenter_pa: va=0xe000",  // 16
            "0 pmap_kenter_pa: va=0xf000",  // 17
            "0 tlb_fill: pmap=kernel va=0xd000",  // 18
            "0 tlb_fill: pmap=kernel va=0xe000",  // 19
            "0 tlb_fill: pmap=kernel va=0xf000",  // 20
            "0 pmap_kremove: va=0xd000 len=12288",  // 21
            "0 pmap_update: pmap=kernel",  // 22
            "0 tlb_shootdown_ipi: mask=0x6 pages=0",  // 23
            "1 tlb_invalidate: all=1",  // 24
            "2 tlb_invalidate: all=1",  // 25
            "0 tlb_shootdown_done: wait_ns=777",  // 26
        ])

    @Test func oneFullFlushPerShootdownNotPerIPILine() throws {
        let analysis = TestTrace.analyze(Self.trace)
        #expect(analysis.counts.shootdownIPIs == 3)
        #expect(analysis.counts.targets == 4)
        #expect(analysis.counts.fullFlushes == 2)
        #expect(analysis.counts.tpMaxvaOverflows == 2)
        #expect(analysis.fidelity == .reproduced)
        let replay = try TestTrace.replay(Self.trace, "netbsd8")
        #expect(replay.counts.ipis == 2)
        #expect(replay.counts.fullFlushes == analysis.counts.fullFlushes)
    }

    /// Per-page IPIs (pages=1 each, no overflow) are no full flush at all.
    @Test func perTargetIPIsWithPagesAreNoFullFlush() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=3",
                [
                    "0 pmap_kenter_pa: va=0xa000",  // 2
                    "0 tlb_fill: pmap=kernel va=0xa000",  // 3
                    "0 pmap_kremove: va=0xa000 len=4096",  // 4
                    "0 pmap_update: pmap=kernel",  // 5
                    "0 tlb_shootdown_ipi: target=1 pages=1",  // 6
                    "0 tlb_shootdown_ipi: target=2 pages=1",  // 7
                ]))
        #expect(analysis.counts.shootdownIPIs == 2)
        #expect(analysis.counts.fullFlushes == 0)
    }

    /// One drain, then two full-flush shootdowns, each closed by its own
    /// `tlb_shootdown_done`: two full flushes (the done ends the first one).
    @Test func aDoneEndsTheShootdown() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=3",
                [
                    "0 pmap_kenter_pa: va=0xa000",  // 2
                    "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                    "0 pmap_kremove: va=0xa000 len=4096",  // 4
                    "0 pmap_update: pmap=kernel",  // 5
                    "0 tlb_shootdown_ipi: mask=0x6 pages=0",  // 6
                    "0 tlb_shootdown_done: wait_ns=100",  // 7
                    "0 tlb_shootdown_ipi: mask=0x6 pages=0",  // 8
                    "0 tlb_shootdown_done: wait_ns=100",  // 9
                ]))
        #expect(analysis.counts.shootdownIPIs == 2)
        #expect(analysis.counts.fullFlushes == 2)
    }
}
