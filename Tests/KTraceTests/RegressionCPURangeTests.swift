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

    /// A mask with a bit at or past the CPU limit (256), or a list item past it, is a bad mask;
    /// zero padding is fine.
    @Test func wideMasksAndLists() {
        let padded = "0x" + String(repeating: "0", count: 5000) + "f"
        #expect(parse("a-1 [000] 1.0: tlb_shootdown_ipi: mask=\(padded) pages=1\n").events.count == 1)
        let wide = "0x1" + String(repeating: "0", count: 1024)
        #expect(parse("a-1 [000] 1.0: tlb_shootdown_ipi: mask=\(wide) pages=1\n").summary.malformedCount == 1)
        let atLimit = "0x1" + String(repeating: "0", count: 64)  // bit 256
        #expect(parse("a-1 [000] 1.0: tlb_shootdown_ipi: mask=\(atLimit) pages=1\n").summary.malformedCount == 1)
        let list = Array(repeating: "0-255", count: 20_000).joined(separator: ",")
        let trace = parse("a-1 [000] 1.0: ipi_send_cpumask: cpumask=\(list) callback=flush_tlb_func\n")
        guard case .shootdownIPI(let targets, _) = trace.events.first?.kind else {
            Issue.record("no shootdown")
            return
        }
        #expect(targets.count == 256)
        #expect(parse("a-1 [000] 1.0: ipi_send_cpumask: cpumask=0-256 callback=flush_tlb_func\n").events.isEmpty)
    }

    @Test func rangeInsertMatchesSingleInserts() {
        for (low, high) in [(0, 0), (0, 63), (0, 64), (3, 200), (63, 129), (64, 127), (100, 255)] {
            var bulk = CPUSet()
            bulk.insert(range: low...high)
            #expect(bulk == CPUSet(low...high), "\(low)...\(high)")
            #expect(bulk.count == high - low + 1)
        }
    }

    /// A CPU past the set's capacity is not kept but shows in `maximum`, so the reader's
    /// range check still sees it (a target the trace cannot have is a malformed line).
    @Test func cpusBeyondCapacityShowInMaximum() {
        var set = CPUSet([3])
        set.insert(300)
        #expect(set.count == 1 && !set.contains(300) && set.maximum == 300)
        var range = CPUSet()
        range.insert(range: 200...300)
        #expect(range.count == 56 && range.contains(255) && range.maximum == 300)
        #expect(parse("a-1 [000] 1.0: tlb_shootdown_ipi: target=300 pages=1\n").summary.malformedCount == 1)
    }

    /// Events are plain data (inline CPU sets, interned names): copies are `memcpy`, which the
    /// batches handed to the model threads rely on for speed.
    @Test func eventsArePlainData() {
        #expect(_isPOD(Event.self))
        #expect(_isPOD(CPUSet.self))
    }
}
