import KTrace
import TLBModel
import Testing

/// Issue 16: the model drops page records to keep memory flat; that must never
/// change an answer. Each trace is worked out by hand from docs/tlb-model.md "Classification".
@Suite struct PrunedHistoryTests {
    /// The smallest case. cpu1 filled the page (line 3) and dropped its user
    /// translations (`pmap_deactivate`, line 4: a full flush of user pages, docs/tlb-model.md "Kernel rules");
    /// cpu0 never filled it and flushed its user translations when it loaded the pmap
    /// (line 5). cpu2 unmaps it (line 6): no CPU holds it, so its record used to be
    /// dropped there and both targets came out `not-cached`, "cpu1 never cached".
    /// By §2.1 both are `duplicate`: cpu1 flushed after its last fill, cpu0 never
    /// filled it and flushed.
    @Test func deactivatedFillerAndActivatedCPUAreDuplicates() {
        let text = """
            # kreplay-trace: version=1
            # machine: arch=amd64 variant=amd64 ncpu=3 tp_maxva=6
                       proc1-501     [001] ....1    100.000612: tlb_fill: pmap=0xb0 va=0x21000
                       proc1-501     [001] ....1    100.000658: pmap_deactivate: pmap=0xb0
                       proc0-500     [000] ....1    100.000682: pmap_activate: pmap=0xb0
                       proc2-502     [002] ....1    100.000696: pmap_remove: pmap=0xb0 sva=0x21000 eva=0x22000
                       proc2-502     [002] ....1    100.000697: pmap_update: pmap=0xb0
                       proc2-502     [002] d..1.    100.000700: tlb_shootdown_ipi: mask=0x3 pages=1
            """
        let analysis = TestTrace.analyze(text)
        #expect(analysis.counts.redundantByClass == ["duplicate": 2])
        #expect(
            analysis.findings.map { "\($0.line) cpu\($0.cpu) \($0.findingClass): \($0.message)" } == [
                "8 cpu0 duplicate: IPI to cpu0 redundant: cpu0 never cached pmap 0xb0 va 0x21000 "
                    + "and already invalidated it",
                "8 cpu1 duplicate: IPI to cpu1 redundant: cpu1 already invalidated pmap 0xb0 va 0x21000 "
                    + "after its last use",
            ])
    }

    /// History outlives a mapping. cpu1 fills kernel page A (line 3) and invalidates it
    /// (line 4); cpu0 unmaps A and shoots it down (lines 5–7: cpu1 duplicate). cpu0's
    /// next drain (line 8) ends that packet. A is mapped again and used by cpu0 only
    /// (lines 9–10), unmapped and shot down (11–13): cpu1's last fill of A is line 3,
    /// invalidated at line 4, so it is `duplicate` again — not "never cached".
    @Test func historySurvivesUnmapAndRemap() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=2",
                [
                    "0 pmap_kenter_pa: va=0xa000",  // 2
                    "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                    "1 tlb_invalidate: pmap=kernel va=0xa000",  // 4
                    "0 pmap_kremove: va=0xa000 len=4096",  // 5
                    "0 pmap_update: pmap=kernel",  // 6
                    "0 tlb_shootdown_ipi: mask=0x2 pages=1",  // 7
                    "0 pmap_update: pmap=kernel",  // 8
                    "0 pmap_kenter_pa: va=0xa000",  // 9
                    "0 tlb_fill: pmap=kernel va=0xa000",  // 10
                    "0 pmap_kremove: va=0xa000 len=4096",  // 11
                    "0 pmap_update: pmap=kernel",  // 12
                    "0 tlb_shootdown_ipi: mask=0x2 pages=1",  // 13
                ]))
        #expect(
            analysis.findings.map { "\($0.line):\($0.cpu):\($0.findingClass)" } == ["7:1:duplicate", "13:1:duplicate"])
        #expect(
            analysis.findings.last?.message
                == "IPI to cpu1 redundant: cpu1 already invalidated kernel va 0xa000 after its last use")
    }

    /// The idle message says what the CPU did: cpu1 filled A long ago (line 3), so at
    /// the second shootdown, idle, it "no longer caches" A — it did cache it.
    @Test func idleMessageRemembersAnOldFill() {
        let analysis = TestTrace.analyze(
            TestTrace.build(
                "# machine: arch=amd64 ncpu=2",
                [
                    "0 pmap_kenter_pa: va=0xa000",  // 2
                    "1 tlb_fill: pmap=kernel va=0xa000",  // 3
                    "1 tlb_invalidate: all=1",  // 4
                    "0 pmap_kremove: va=0xa000 len=4096",  // 5
                    "0 pmap_update: pmap=kernel",  // 6
                    "0 pmap_kenter_pa: va=0xa000",  // 7
                    "0 tlb_fill: pmap=kernel va=0xa000",  // 8
                    "1 idle_enter:",  // 9
                    "0 pmap_kremove: va=0xa000 len=4096",  // 10
                    "0 pmap_update: pmap=kernel",  // 11
                    "0 tlb_shootdown_ipi: mask=0x2 pages=1",  // 12
                ]))
        #expect(analysis.findings.map { "\($0.line):\($0.cpu):\($0.findingClass)" } == ["12:1:idle"])
        #expect(
            analysis.findings.first?.message
                == "IPI to cpu1 redundant: cpu1 idle since t=1.000007 and no longer caches kernel va 0xa000")
    }

    /// Replay side, same shape: bind-local reads who used a page at its unmap, and the
    /// record used to be gone by then when no TLB held the page. pid 600 is bound to
    /// cpu0 and the only user of pmap 0xa0's page; cpu0's switch to pmap 0xb0 (line 5)
    /// drops the translation; cpu1 has 0xa0 loaded (line 2). At the unmap (line 6) the
    /// page qualifies: bind-local invalidates it on cpu0 only (1 invalidation, no IPI),
    /// where netbsd8 sends one IPI to cpu1.
    @Test func bindLocalSeesTheSoleUserOfAnUnheldPage() throws {
        let text = TestTrace.build(
            "# machine: arch=amd64 ncpu=2",
            [
                "1/700 pmap_activate: pmap=0xa0",  // 2
                "0/600 lwp_bind: pid=600 lid=1 cpu=0",  // 3
                "0/600 tlb_fill: pmap=0xa0 va=0x5000",  // 4
                "0/600 pmap_activate: pmap=0xb0",  // 5
                "0/600 pmap_remove: pmap=0xa0 sva=0x5000 eva=0x6000",  // 6
                "0/600 pmap_update: pmap=0xa0",  // 7
            ])
        let bindLocal = try TestTrace.replay(text, "bind-local").counts
        #expect(bindLocal.ipis == 0)
        #expect(bindLocal.invalidations == 1)
        let netbsd8 = try TestTrace.replay(text, "netbsd8").counts
        #expect(netbsd8.ipis == 1)
        #expect(netbsd8.targets == 1)
        #expect(bindLocal.staleUses == 0)
    }
}
