import Analysis
import Foundation
import Synth
import Testing

/// The models may run on worker threads (`AnalysisOptions.modelThreads`); the
/// result must be the same whatever the number of threads, including none.
@Suite("Model threads")
struct ModelThreadsTests {
    static let strategies = ["idle-lazy", "no-wait-idle", "deferred-unmap", "single-stop", "dedup-pending", "netbsd8"]

    func analyzed(_ text: String, threads: Int?, timeline: Bool) throws -> TraceResult {
        var options = AnalysisOptions()
        options.strategies = Self.strategies
        options.collectTimeline = timeline
        options.modelThreads = threads
        return try analyzeTrace(text: text, name: "t", options: options)
    }

    @Test("a mixed trace of many batches gives the same result with 0, 1, 2, 3 and 8 model threads")
    func sameResultAnyThreadCount() throws {
        var mixed = MixedScenario()
        mixed.size = 3 << 20  // tens of thousands of events: many batches and a partial last one
        mixed.ncpu = 6
        let text = try synthesize { emitter throws(SynthError) in try mixed.generate(into: emitter) }.text
        for timeline in [false, true] {
            let inline = try analyzed(text, threads: 0, timeline: timeline)
            let result = inline
            // Non-trivial: findings, every replay and (when asked) the timeline are there.
            #expect(result.events > 6_000)  // three batches of 2048 and a partial one
            #expect(!result.findings.isEmpty)
            #expect(result.replays.map(\.strategy) == Self.strategies)
            #expect((result.timeline != nil) == timeline)
            for threads in [1, 2, 3, 8] {
                #expect(try analyzed(text, threads: threads, timeline: timeline) == inline, "threads \(threads)")
            }
        }
    }

    @Test("an empty trace and a header-only trace finish with threads too")
    func emptyTraces() throws {
        for text in ["", "# kreplay-trace: version=1\n# machine: arch=amd64 variant=amd64 ncpu=4\n"] {
            #expect(try analyzed(text, threads: 2, timeline: true) == (try analyzed(text, threads: 0, timeline: true)))
        }
    }
}
