import Testing

/// Inputs that amplify: a little input, a lot of model output.
@Suite struct HostileAmplificationTests {
    /// Every line a shootdown to all 256 CPUs: the findings listed stop, the counts go on.
    @Test func findingsAreCappedCountsAreNot() throws {
        let mask = "0x" + String(repeating: "f", count: 64)
        var text = "# machine: ncpu=256\na-1 [000] 1.000000: tlb_fill: pmap=kernel va=0x1000\n"
        for index in 0..<60 { text += "a-1 [000] 1.\(100_000 + index): tlb_shootdown_ipi: mask=\(mask) pages=1\n" }
        let run = try HostileTraceTests.analyse(text)
        HostileTraceTests.expectSurvived(run)
        #expect(run.stdout.contains("60 shootdown IPIs, 15360 targets (15360 redundant"))
        #expect(run.stdout.contains("10360 findings counted but not listed"))
    }
}
