import Testing

@testable import KTrace

/// `LineParser.fastLayout` (the one-pass ftrace layout) against the general
/// `LineParser.layout`: same answer whenever it answers, and no answer for
/// the spellings it leaves to the general path.
@Suite struct FastLayoutTests {
    private func fast(_ line: String) -> LineParser.Layout? {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(buffer)
            return LineParser.fastLayout(bytes, from: WordScan.skipBlanks(bytes, from: 0, to: bytes.count))
        }
    }

    private func general(_ line: String) -> LineParser.Layout? {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            let bytes = UnsafeBufferPointer(buffer)
            return try? LineParser.layout(bytes, from: WordScan.skipBlanks(bytes, from: 0, to: bytes.count)).get()
        }
    }

    @Test(arguments: [
        "             cat-512     [000] ....1    10.000101: pmap_kenter_pa: va=0xffff800040000000 pa=0x1e prot=rw",
        "          <idle>-0       [005] d..1.    10.000000: idle_enter:",
        "  my cool-prog -x-4242     [003] d..2.   5.000001: idle_enter:",
        "cat-512 [000] 10.000120: tlb_fill: pmap=kernel va=0x1000",
        "a-1 [001] 1.0: tlb_fill: pmap=kernel va=0x1000",
        "a-1 [001] 1.000000001: x:",
        "a-123456789 [123456] d 123456789.5: tlb_shootdown_done: wait_ns=3",
        "a-1\t[002]\td..1\t7.25:\tidle_exit:\tjunk",
        "-7 [002] 7.25: idle_exit:",  // an empty comm
        "a-1 [001] 1.0: name_longer_than_sixteen_bytes: x=1",
        "a-1 [001]1.0: idle_exit:",
    ])
    func agreesWithGeneralLayout(line: String) throws {
        let fastLayout = try #require(fast(line))
        #expect(fastLayout == general(line))
    }

    /// Every line of the fixtures: where the fast path answers, the general one agrees.
    @Test func agreesOnFixtureLines() throws {
        var accepted = 0
        for name in Fixtures.layoutSamples {
            for line in try Fixtures.text(name).split(separator: "\n") {
                guard let fastLayout = fast(String(line)) else { continue }
                accepted += 1
                #expect(fastLayout == general(String(line)), "\(name): \(line)")
            }
        }
        #expect(accepted > 100)
    }

    /// Spellings the fast path declines; the general path still reads these.
    @Test(arguments: [
        "a [x] b-7 [002] 7.25: idle_exit:",  // an earlier `[` that is not the CPU
        "a-0000000042 [000] 1.0: idle_enter:",  // ten pid digits
        "a-1 [000] 1234567890.5: idle_enter:",  // ten seconds digits
        "a-1 [000] x: 1.0: idle_enter:",  // flags ending in `:`
        "a-1 [000] d..1 1.0: (+0.000001) idle_enter:",  // trace-cmd --ts-diff
        "a-1 [000] 1.0: sys_wait4(pid: 5, options: 0)",
        "a-1 [000] 1.0: sys_wait4 -> 0x5",
    ])
    func declinesUnusualSpellings(line: String) {
        #expect(fast(line) == nil)
        #expect(general(line) != nil)
    }

    /// Malformed lines: neither path finds a layout.
    @Test(arguments: [
        "a-1 [000] 1.0:idle_enter:", "a-1 [0000000] 1.0: idle_enter:", "a-1 [000] 1.: idle_enter:",
        "a-1 [000] 1.0123456789: idle_enter:", "a-1 [000] 1.0: :", "a-1 [000] 1.0: idle_enter", "a- [000] 1.0: x:",
        "a-1 [000]",
    ])
    func malformedLinesHaveNoLayout(line: String) {
        #expect(fast(line) == nil)
        #expect(general(line) == nil)
    }
}
