import Foundation
import Testing

@testable import Analysis

/// docs/trace-format.md "Headers": "`ncpu` missing → highest CPU number seen + 1" — and the replays
/// must know it from the first event on (a kernel shootdown targets every
/// running CPU, including ones whose first event comes later).
@Suite struct CPUCountInferenceTests {
    func analyze(_ text: String, strategies: [String] = ["netbsd8", "idle-lazy"]) throws -> TraceResult {
        var options = AnalysisOptions()
        options.strategies = strategies
        return try analyzeTrace(text: text, name: "t.trace", options: options)
    }

    /// The shared ffs example without `ncpu=4`: cpu1 first shows up after the first IPI.
    @Test func exampleWithoutNCPUReplaysAsWithIt() throws {
        let url = ExampleAnalysisTests.fixtures.appendingPathComponent("ffs-read-4cpu.trace")
        let text = try String(contentsOf: url, encoding: .utf8)
        let stripped = text.replacingOccurrences(of: " ncpu=4", with: "")
        #expect(stripped != text)
        let declared = try analyze(text)
        let inferred = try analyze(stripped)
        #expect(inferred.ncpu == 4)
        #expect(inferred.replays == declared.replays)
        #expect(inferred.replays.first?.tlb.targets == 9)
        #expect(inferred.checks.first { $0.name == "replay_fidelity" }?.result == .passed)
    }

    /// Only cpu0 has events; the IPI's mask names cpus 1 and 2: they exist, so ncpu is 3
    /// and the netbsd8 replay sends the same IPI.
    @Test func targetsCountAsSeen() throws {
        let text = """
            # machine: arch=amd64
            p-10 [000] .... 0.000010: pmap_kenter_pa: va=0xffff800040000000 pa=0x1000 prot=rw
            p-10 [000] .... 0.000020: tlb_fill: pmap=kernel va=0xffff800040000000
            p-10 [000] .... 0.000030: pmap_kremove: va=0xffff800040000000 len=4096
            p-10 [000] .... 0.000040: pmap_update: pmap=kernel
            p-10 [000] .... 0.000050: tlb_shootdown_ipi: mask=0x6 pages=1

            """
        let result = try analyze(text, strategies: ["netbsd8"])
        #expect(result.ncpu == 3)
        #expect(result.replays.first?.tlb.ipis == 1)
        #expect(result.replays.first?.tlb.targets == 2)
        #expect(result.checks.first { $0.name == "replay_fidelity" }?.result == .passed)
    }
}
