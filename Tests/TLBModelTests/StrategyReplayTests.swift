import KTrace
import TLBModel
import Testing

/// Every strategy on the shared example, worked by hand (costs: send 400, handle
/// 1000, idle wake 2000, invlpg 100, flush 2000, hypercall 1500).
/// Workload: W1 and W2 are 2-page kernel windows (W2's second page also cached by
/// cpu1), W3 a 8-page unmap (> tp_maxva 6 → full flush); cpu2 and cpu3 idle.
/// netbsd8 per window: send 3×400 + targets 1200+3200+3200 + wait 3200 + local 200
/// = 12200; W3: 1200 + 3000+5000+5000 + wait 5000 + local flush 2000 = 21200.
@Suite struct StrategyReplayTests {
    static let cases: [ExpectedReplay] = [
        ExpectedReplay(
            strategy: "netbsd8", ipis: 3, targets: 9, idle: 6, invalidations: 16, fullFlushes: 1, waitNs: 11_400,
            cpuNs: 45_600),
        // Same IPIs; the initiator waits only for cpu1: 1200 + 1200 + 3000.
        ExpectedReplay(
            strategy: "no-wait-idle", ipis: 3, targets: 9, idle: 6, invalidations: 16, fullFlushes: 1, waitNs: 5_400,
            cpuNs: 39_600),
        // 12 used kernel pages go to the FIFO (local invlpg each), never 64, no switch on cpu0.
        ExpectedReplay(
            strategy: "deferred-unmap", ipis: 0, targets: 0, idle: 0, invalidations: 12, fullFlushes: 0, waitNs: 0,
            cpuNs: 1_200),
        // FIFO of 2: a full-flush shootdown every 2 pages: 1 + 1 + 4 drains, each
        // 1200 + 3000+5000+5000 + wait 5000 = 19200; plus 12 local invlpg.
        ExpectedReplay(
            strategy: "deferred-unmap:fifo=2", ipis: 6, targets: 18, idle: 12, invalidations: 12, fullFlushes: 6,
            waitNs: 30_000, cpuNs: 116_400),
        // Offsets 0 and 8192 share 128 KiB window 0, never completed: W3 as recorded, then
        // the window's one unmap at the end — 4 used pages (cpu1 filled the 4th), cpu2, cpu3
        // still idle: 1200 + 1400+3400+3400 + wait 3400 + local 400 = 13200.
        ExpectedReplay(
            strategy: "ubc-winshift", ipis: 2, targets: 6, idle: 4, invalidations: 16, fullFlushes: 1, waitNs: 8_400,
            cpuNs: 34_400),
        // W1, W2 read through the direct map; W3 stays.
        ExpectedReplay(
            strategy: "direct-map", ipis: 1, targets: 3, idle: 2, invalidations: 0, fullFlushes: 1, waitNs: 5_000,
            cpuNs: 21_200),
        // Nobody is bound: netbsd8.
        ExpectedReplay(
            strategy: "bind-local", ipis: 3, targets: 9, idle: 6, invalidations: 16, fullFlushes: 1, waitNs: 11_400,
            cpuNs: 45_600),
        // One hypercall per shootdown (wait 1500 each); targets only invalidate:
        // W1 600 + 1500 + 200 = 2300, W2 2300, W3 6000 + 1500 + 2000 = 9500.
        ExpectedReplay(
            strategy: "xen-hypercall", ipis: 3, targets: 9, idle: 6, invalidations: 16, fullFlushes: 1, waitNs: 4_500,
            cpuNs: 14_100),
        // 8 pages fit a 16-page packet: W3 is 8 invlpg on 4 CPUs:
        // 1200 + 1800+3800+3800 + wait 3800 + local 800 = 15200.
        ExpectedReplay(
            strategy: "tp-maxva:n=16", ipis: 3, targets: 9, idle: 6, invalidations: 48, fullFlushes: 0,
            waitNs: 10_200, cpuNs: 39_600),
        // Only the initiator: 2 + 2 invlpg and one local flush.
        ExpectedReplay(
            strategy: "none", ipis: 0, targets: 0, idle: 0, invalidations: 4, fullFlushes: 1, waitNs: 0,
            cpuNs: 2_400),
    ]

    @Test(arguments: cases)
    func strategyOnTheExample(_ expected: ExpectedReplay) throws {
        let outcome = try TestTrace.replay(try fixture("ffs-read-4cpu.trace"), expected.strategy)
        expected.check(outcome.counts)
        #expect(outcome.findings.isEmpty)
    }

    @Test func deferredUnmapNotesPagesLeftInTheFIFO() throws {
        let outcome = try TestTrace.replay(try fixture("ffs-read-4cpu.trace"), "deferred-unmap")
        #expect(outcome.notes == ["deferred-unmap: 12 unmapped pages still queued at trace end"])
    }

    /// The netbsd8 path of a Xen variant uses hypercalls without being asked.
    @Test func netbsd8OnAXenVariantUsesHypercalls() throws {
        let text = try fixture("ffs-read-4cpu.trace").replacingOccurrences(
            of: "variant=amd64", with: "variant=amd64-xen")
        let counts = try TestTrace.replay(text, "netbsd8").counts
        #expect(counts.initiatorWaitNs == 4_500)
        #expect(counts.cpuNs == 14_100)
    }

    /// Without `ncpu`, "every running CPU" is the CPUs seen so far: cpu3 appears
    /// only after the drain at line 5, so the shootdown goes to {1,2}.
    @Test func undeclaredCPUCountUsesTheCPUsSeenSoFar() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64",
            [
                "1/0 idle_enter:",  // 2
                "2/0 idle_enter:",  // 3
                "0 pmap_kenter_pa: va=0xa000",  // 4
                "0 tlb_fill: pmap=kernel va=0xa000",  // 5
                "0 pmap_kremove: va=0xa000 len=4096",  // 6
                "0 pmap_update: pmap=kernel",  // 7
                "3/0 idle_enter:",  // 8
            ])
        let counts = try TestTrace.replay(text, "netbsd8").counts
        #expect(counts.ipis == 1)
        #expect(counts.targets == 2)
        #expect(counts.idleTargets == 2)
    }
}
