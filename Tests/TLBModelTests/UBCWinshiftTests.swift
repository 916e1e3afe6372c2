import KTrace
import TLBModel
import Testing

/// `ubc-winshift:shift=N` (docs/tlb-model.md "Strategies"): every 2^N window touched is unmapped exactly
/// once — at the unmap of the read that completes it, else when the reader moves to
/// another window, else at the end of the trace. Worked by hand with the default
/// costs (send 400, handle 1000, idle wake 2000, invlpg 100, flush 2000), tp_maxva 6.
@Suite struct UBCWinshiftTests {
    /// Four sequential 8 KiB windows on cpu0 (offsets 0, 8K, 16K, 24K), each: alloc,
    /// 2 kenter + 2 fills, release, kremove, pmap_update (lines 9, 18, 27, 36), recorded
    /// IPI to cpu1. Then cpu1 goes idle (line 38): only an unmap replayed at the end
    /// of the trace finds it idle.
    static let fourWindows: String = {
        var events: [String] = []
        for window in 0..<4 {
            let va = 0xffff_8000_4000_0000 + UInt64(window) * 0x2000
            let second = String(va + 0x1000, radix: 16)
            let first = String(va, radix: 16)
            events += [
                "0 ubc_alloc: va=0x\(first) offset=\(window * 8192) len=8192",
                "0 pmap_kenter_pa: va=0x\(first) pa=0x1000 prot=rw",
                "0 tlb_fill: pmap=kernel va=0x\(first)",
                "0 pmap_kenter_pa: va=0x\(second) pa=0x2000 prot=rw",
                "0 tlb_fill: pmap=kernel va=0x\(second)",
                "0 ubc_release: va=0x\(first)",
                "0 pmap_kremove: va=0x\(first) len=8192",
                "0 pmap_update: pmap=kernel",
                "0 tlb_shootdown_ipi: mask=0x2 pages=2",
            ]
        }
        events.append("1/0 idle_enter:")  // line 38
        return TestTrace.build("# machine: arch=amd64 ncpu=2 ubc_winshift=13", events)
    }()

    static let cases: [ExpectedReplay] = [
        // Per window: send 400 + cpu1 1000+200 + wait 1200 + local 200 = 3000.
        ExpectedReplay(
            strategy: "netbsd8", ipis: 4, targets: 4, idle: 0, invalidations: 16, fullFlushes: 0, waitNs: 4_800,
            cpuNs: 12_000),
        // The trace's own window size: each read completes its window — netbsd8 again.
        ExpectedReplay(
            strategy: "ubc-winshift:shift=13", ipis: 4, targets: 4, idle: 0, invalidations: 16, fullFlushes: 0,
            waitNs: 4_800,
            cpuNs: 12_000),
        // Two 16 KiB windows, completed by the reads at 8K and 24K: unmapped at lines
        // 17 and 35, drained at 18 and 36, 4 pages each:
        // 400 + 1000+400 + wait 1400 + local 400 = 3600 each.
        ExpectedReplay(
            strategy: "ubc-winshift:shift=14", ipis: 2, targets: 2, idle: 0, invalidations: 16, fullFlushes: 0,
            waitNs: 2_800,
            cpuNs: 7_200),
        // One 32 KiB window, completed by the read at 24K (drained line 36, cpu1 busy):
        // 8 used pages > 6 → full flush: 400 + 1000+2000 + wait 3000 + local 2000 = 8400.
        ExpectedReplay(
            strategy: "ubc-winshift:shift=15", ipis: 1, targets: 1, idle: 0, invalidations: 0, fullFlushes: 1,
            waitNs: 3_000,
            cpuNs: 8_400),
        // One 128 KiB window never completed: unmapped at the end, cpu1 idle by then:
        // 400 + 1000+2000+2000 + wait 5000 + local flush 2000 = 12400.
        ExpectedReplay(
            strategy: "ubc-winshift", ipis: 1, targets: 1, idle: 1, invalidations: 0, fullFlushes: 1, waitNs: 5_000,
            cpuNs: 12_400),
    ]

    @Test(arguments: cases)
    func everyBigWindowIsUnmappedOnce(_ expected: ExpectedReplay) throws {
        // ncpu=2: every IPI has one target.
        expected.check(try TestTrace.replay(Self.fourWindows, expected.strategy).counts)
    }

    /// A seek: a read at 0 (window 0 of 128 KiB), cpu1 goes idle (line 8), a read at
    /// 256 KiB (window 2, line 9) unmaps window 0 there — cpu1 idle: 400 +
    /// 1000+2000+200 + wait 3200 + local 200 = 7000. cpu1 wakes (line 14); window 2 is
    /// unmapped at the end, cpu1 busy: 400 + 1200 + wait 1200 + local 200 = 3000.
    /// Neither read's own kremove (lines 7, 15) unmaps anything.
    @Test func aSeekUnmapsTheWindowLeftAndTheEndTheLastOne() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2 ubc_winshift=13",
            [
                "0 ubc_alloc: va=0xa0000 offset=0 len=8192",  // 2
                "0 pmap_kenter_pa: va=0xa0000 pa=0x1000 prot=rw",  // 3
                "0 tlb_fill: pmap=kernel va=0xa0000",  // 4
                "0 pmap_kenter_pa: va=0xa1000 pa=0x2000 prot=rw",  // 5
                "0 tlb_fill: pmap=kernel va=0xa1000",  // 6
                "0 pmap_kremove: va=0xa0000 len=8192",  // 7
                "1/0 idle_enter:",  // 8
                "0 ubc_alloc: va=0xa0000 offset=262144 len=8192",  // 9
                "0 pmap_kenter_pa: va=0xa0000 pa=0x3000 prot=rw",  // 10
                "0 tlb_fill: pmap=kernel va=0xa0000",  // 11
                "0 pmap_kenter_pa: va=0xa1000 pa=0x4000 prot=rw",  // 12
                "0 tlb_fill: pmap=kernel va=0xa1000",  // 13
                "1/0 idle_exit:",  // 14
                "0 pmap_kremove: va=0xa0000 len=8192",  // 15
                "0 pmap_update: pmap=kernel",  // 16
            ])
        let counts = try TestTrace.replay(text, "ubc-winshift").counts
        #expect(counts.ipis == 2)
        #expect(counts.idleTargets == 1)
        #expect(counts.invalidations == 8)
        #expect(counts.fullFlushes == 0)
        #expect(counts.initiatorWaitNs == 4_400)
        #expect(counts.cpuNs == 10_000)
        #expect(counts.staleUses == 0)
    }

    /// Re-reading a window after it was unmapped maps it again: two map/unmap pairs.
    /// Shift 14: the read at 8K completes window 0 (drained line 9); the read at 0
    /// opens it again, never completed: unmapped at the end. 2 pages each:
    /// 400 + 1200 + wait 1200 + local 200 = 3000 per IPI.
    @Test func aRereadWindowIsMappedAndUnmappedAgain() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2 ubc_winshift=13",
            [
                "0 ubc_alloc: va=0xa0000 offset=8192 len=8192",  // 2
                "0 pmap_kenter_pa: va=0xa0000 pa=0x1000 prot=rw",  // 3
                "0 tlb_fill: pmap=kernel va=0xa0000",  // 4
                "0 pmap_kenter_pa: va=0xa1000 pa=0x2000 prot=rw",  // 5
                "0 tlb_fill: pmap=kernel va=0xa1000",  // 6
                "0 ubc_release: va=0xa0000",  // 7
                "0 pmap_kremove: va=0xa0000 len=8192",  // 8
                "0 pmap_update: pmap=kernel",  // 9
                "0 ubc_alloc: va=0xa0000 offset=0 len=8192",  // 10
                "0 pmap_kenter_pa: va=0xa0000 pa=0x3000 prot=rw",  // 11
                "0 tlb_fill: pmap=kernel va=0xa0000",  // 12
                "0 pmap_kenter_pa: va=0xa1000 pa=0x4000 prot=rw",  // 13
                "0 tlb_fill: pmap=kernel va=0xa1000",  // 14
                "0 ubc_release: va=0xa0000",  // 15
                "0 pmap_kremove: va=0xa0000 len=8192",  // 16
                "0 pmap_update: pmap=kernel",  // 17
            ])
        let counts = try TestTrace.replay(text, "ubc-winshift:shift=14").counts
        #expect(counts.ipis == 2)
        #expect(counts.invalidations == 8)
        #expect(counts.initiatorWaitNs == 2_400)
        #expect(counts.cpuNs == 6_000)
        #expect(counts.staleUses == 0)
    }
}
