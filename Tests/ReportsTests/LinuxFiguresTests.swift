import Analysis
import Foundation
import Testing

@testable import Reports

/// The HTML page's Linux section reads a Linux capture's `tlb` section (docs/tlb-model.md "Linux captures").
@Suite struct LinuxFiguresTests {
    /// `traces/linux/tlb-busy-2cpu.trace.gz`: `zcat F | awk -f tools/capture/linux/count-tlb.awk`
    /// gives latency p50 13000, p99 18000, max 20000 over 163 IPIs, all 202 requests on cpu0.
    @Test func busyCaptureHasFigures() throws {
        let path = Golden.repositoryRoot.appendingPathComponent("traces/linux/tlb-busy-2cpu.trace.gz").path
        let trace = try analyzeTrace(path: path, options: AnalysisOptions())
        let figures = try #require(LinuxFigures(trace))
        #expect((figures.p50Ns, figures.p99Ns, figures.maxNs) == (13000, 18000, 20000))
        #expect(figures.latency.map(\.count).reduce(0, +) == 163)
        #expect(figures.perCPU.map(\.requests).reduce(0, +) == 202)
        #expect(figures.perCPU.map(\.ipis).reduce(0, +) == 163)
        #expect(LinuxPanel(figures: figures).render().contains("linux-hist"))
    }
}
