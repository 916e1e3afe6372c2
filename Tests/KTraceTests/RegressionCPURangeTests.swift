import Testing

@testable import KTrace

/// Lines that name CPUs a trace cannot have, and lines that fell in no bucket.
@Suite struct RegressionCPURangeTests {
    private func parse(_ text: String) -> ParsedTrace { TraceText.parse(text, name: "r.trace") }

    /// `cpus=N` (trace-cmd) was in no bucket: lines did not add up.
    @Test func cpusLineCountsAsAComment() {
        let summary = parse("cpus=4\na-1 [001] 1.0: idle_enter:\n").summary
        #expect(summary.lines == 2 && summary.commentLines == 1 && summary.eventLines == 1)
    }

    @Test(arguments: [
        "tlb_shootdown_ipi: target=4096 pages=1", "tlb_shootdown_ipi: target=9 pages=1",
        "tlb_shootdown_ipi: mask=0x100 pages=1", "xen_mmuext: op=tlb_flush_multi mask=0x300",
        "lwp_bind: pid=5 lid=1 cpu=8",
    ])
    func targetBeyondDeclaredCPUsIsMalformed(body: String) throws {
        let trace = parse("# machine: ncpu=8\na-1 [000] 1.0: \(body)\n")
        #expect(trace.events.isEmpty)
        let reason = try #require(trace.summary.malformed.first?.reason)
        #expect(reason.contains("ncpu=8") || reason.contains("out of range"), "\(reason)")
    }

    /// A mask with a bit past 4096, or a list item past it, is a bad mask; zero padding is fine.
    @Test func wideMasksAndLists() {
        let padded = "0x" + String(repeating: "0", count: 5000) + "f"
        #expect(parse("a-1 [000] 1.0: tlb_shootdown_ipi: mask=\(padded) pages=1\n").events.count == 1)
        let wide = "0x1" + String(repeating: "0", count: 1024)
        #expect(parse("a-1 [000] 1.0: tlb_shootdown_ipi: mask=\(wide) pages=1\n").summary.malformedCount == 1)
        let list = Array(repeating: "0-4095", count: 20_000).joined(separator: ",")
        let trace = parse("a-1 [000] 1.0: ipi_send_cpumask: cpumask=\(list) callback=flush_tlb_func\n")
        guard case .shootdownIPI(let targets, _) = trace.events.first?.kind else {
            Issue.record("no shootdown")
            return
        }
        #expect(targets.count == 4096)
        #expect(parse("a-1 [000] 1.0: ipi_send_cpumask: cpumask=0-4096 callback=flush_tlb_func\n").events.isEmpty)
    }

    @Test func rangeInsertMatchesSingleInserts() {
        for (low, high) in [(0, 0), (0, 63), (0, 64), (3, 200), (63, 129), (64, 127), (100, 4095)] {
            var bulk = CPUSet()
            bulk.insert(range: low...high)
            #expect(bulk == CPUSet(low...high), "\(low)...\(high)")
            #expect(bulk.count == high - low + 1)
        }
    }
}
