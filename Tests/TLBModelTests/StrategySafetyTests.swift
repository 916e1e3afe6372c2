import KTrace
import TLBModel
import Testing

/// The safety check (docs/tlb-model.md "Strategies"): hand-worked traces where a strategy leaves a
/// translation stale and a later fill uses it.
@Suite struct StrategySafetyTests {
    /// cpu1 caches A (line 3), cpu0 unmaps A (4) and drains (5); the recorded
    /// kernel shot it down correctly (6, 7); A is mapped again (8) and cpu1 reads it
    /// (9). netbsd8 re-derives the shootdown: safe. `none` never tells cpu1: stale at 9.
    static let reuse = TestTrace.build(
        "# machine: arch=amd64 ncpu=2",
        [
            "0 pmap_kenter_pa: va=0xa000",  // 2
            "1 tlb_fill: pmap=kernel va=0xa000",  // 3
            "0 pmap_kremove: va=0xa000 len=4096",  // 4
            "0 pmap_update: pmap=kernel",  // 5
            "0 tlb_shootdown_ipi: target=1 pages=1",  // 6
            "1 tlb_invalidate: pmap=kernel va=0xa000",  // 7
            "0 pmap_kenter_pa: va=0xa000",  // 8
            "1/77 tlb_fill: pmap=kernel va=0xa000",  // 9
        ])

    @Test func noneFailsTheSafetyCheck() throws {
        let outcome = try TestTrace.replay(Self.reuse, "none")
        #expect(outcome.counts.staleUses == 1)
        #expect(outcome.findings.map { "\($0.kind.rawValue):\($0.line):cpu\($0.cpu)" } == ["stale-translation:9:cpu1"])
        #expect(outcome.findings.first?.message.contains("replay none") == true)
    }

    @Test func netbsd8PassesAndTheRecordingIsFaithful() throws {
        let outcome = try TestTrace.replay(Self.reuse, "netbsd8")
        #expect(outcome.counts.staleUses == 0)
        #expect(outcome.counts.ipis == 1)
        let analysis = TestTrace.analyze(Self.reuse)
        #expect(analysis.counts.staleUses == 0)
        #expect(analysis.findings.isEmpty)
        #expect(analysis.fidelity == .reproduced)
    }

    /// Without a remap: cpu1 reads A again after the unmap (line 6). Under none its
    /// old translation is still there: stale.
    @Test func noneFailsWithoutARemapToo() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2",
            [
                "0 pmap_kenter_pa: va=0xa000",  // 2
                "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                "0 pmap_kremove: va=0xa000 len=4096",  // 4
                "0 pmap_update: pmap=kernel",  // 5
                "1 tlb_fill: pmap=kernel va=0xa000",  // 6
            ])
        #expect(try TestTrace.replay(text, "none").findings.map(\.line) == [6])
        #expect(try TestTrace.replay(text, "netbsd8").counts.staleUses == 0)
    }

    /// idle-lazy: idle cpu1 (an interrupt) caches A (4); the unmap's drain (6)
    /// skips it; A is remapped (7) and cpu1, still idle, reads it (8): stale. At
    /// idle_exit (9) cpu1 flushes once, so its next read (10) is clean.
    @Test func idleLazyIsStaleWhileIdleAndFlushesOnExit() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2",
            [
                "1/0 idle_enter:",  // 2
                "0 pmap_kenter_pa: va=0xa000",  // 3
                "1/0 tlb_fill: pmap=kernel va=0xa000",  // 4
                "0 pmap_kremove: va=0xa000 len=4096",  // 5
                "0 pmap_update: pmap=kernel",  // 6
                "0 pmap_kenter_pa: va=0xa000",  // 7
                "1/0 tlb_fill: pmap=kernel va=0xa000",  // 8
                "1/0 idle_exit:",  // 9
                "1/44 tlb_fill: pmap=kernel va=0xa000",  // 10
            ])
        let lazy = try TestTrace.replay(text, "idle-lazy")
        #expect(lazy.counts.ipis == 0)
        #expect(lazy.counts.fullFlushes == 1)
        #expect(lazy.findings.map(\.line) == [8])
        // One local invlpg on cpu0 (100) and cpu1's flush at idle exit (2000).
        #expect(lazy.counts.cpuNs == 2_100)
        let baseline = try TestTrace.replay(text, "netbsd8").counts
        #expect(baseline.ipis == 1)
        #expect(baseline.idleTargets == 1)
        #expect(baseline.staleUses == 0)
    }

    /// deferred-unmap: A's unmap (4, 5) waits in cpu0's FIFO; remapping A (6)
    /// forces the drain (IPI 1, full flush) so cpu1's read (7) is clean; the next
    /// unmap waits again and the context switch at line 10 drains it (IPI 2).
    @Test func deferredUnmapDrainsOnRemapAndContextSwitch() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2",
            [
                "0 pmap_kenter_pa: va=0xa000",  // 2
                "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                "0 pmap_kremove: va=0xa000 len=4096",  // 4
                "0 pmap_update: pmap=kernel",  // 5
                "0 pmap_kenter_pa: va=0xa000",  // 6
                "1 tlb_fill: pmap=kernel va=0xa000",  // 7
                "0 pmap_kremove: va=0xa000 len=4096",  // 8
                "0 pmap_update: pmap=kernel",  // 9
                "0 sched_switch: prev_pid=512 next_pid=600",  // 10
            ])
        let counts = try TestTrace.replay(text, "deferred-unmap").counts
        #expect(counts.ipis == 2)
        #expect(counts.targets == 2)
        #expect(counts.fullFlushes == 2)
        #expect(counts.invalidations == 2)
        #expect(counts.staleUses == 0)
    }

    /// bind-local: pid 512 bound to cpu0 (2) uses A only there: its unmap is local,
    /// no IPI, and safe.
    @Test func bindLocalInvalidatesABoundReadersPageLocally() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2",
            [
                "0 lwp_bind: pid=512 lid=1 cpu=0",  // 2
                "0 pmap_kenter_pa: va=0xa000",  // 3
                "0 tlb_fill: pmap=kernel va=0xa000",  // 4
                "0 pmap_kremove: va=0xa000 len=4096",  // 5
                "0 pmap_update: pmap=kernel",  // 6
            ])
        let counts = try TestTrace.replay(text, "bind-local").counts
        #expect(counts.ipis == 0)
        #expect(counts.invalidations == 1)
        #expect(try TestTrace.replay(text, "netbsd8").counts.ipis == 1)
    }

    /// bind-local's hazard: pid 512 touched A on cpu1 (3) before being bound to
    /// cpu0 (4). The unmap is handled locally, so cpu1 still translates A when
    /// another process there reads the remapped page (9): stale.
    @Test func bindLocalMissesAPageCachedBeforeTheBinding() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2",
            [
                "0 pmap_kenter_pa: va=0xa000",  // 2
                "1/512 tlb_fill: pmap=kernel va=0xa000",  // 3
                "0 lwp_bind: pid=512 lid=1 cpu=0",  // 4
                "0 tlb_fill: pmap=kernel va=0xa000",  // 5
                "0 pmap_kremove: va=0xa000 len=4096",  // 6
                "0 pmap_update: pmap=kernel",  // 7
                "0 pmap_kenter_pa: va=0xa000",  // 8
                "1/77 tlb_fill: pmap=kernel va=0xa000",  // 9
            ])
        #expect(try TestTrace.replay(text, "bind-local").findings.map(\.line) == [9])
        #expect(try TestTrace.replay(text, "netbsd8").counts.staleUses == 0)
    }
}
