import Testing

@testable import Analysis

/// The timeline's whole-trace counts: exact, and bounded in cells whatever the CPUs and time.
@Suite("Timeline overview")
struct TimelineOverviewTests {
    @Test("buckets widen as the trace goes on; every count stays exact")
    func widensAndKeepsCounts() throws {
        var recorder = TimelineOverviewRecorder(expectedCPUs: 4)
        for step in 0..<100_000 {
            recorder.sawIPI(cpu: step % 4, at: 1_000 + Int64(step) * 7_919)
            recorder.sawTarget(cpu: (step + 1) % 4, at: 1_000 + Int64(step) * 7_919, full: 2, limited: nil)
        }
        recorder.sawIdle(cpu: 3, from: 1_000, to: 500_000_000)
        let overview = try #require(recorder.finish(cpus: 4, limitedClasses: false))
        #expect(overview.buckets <= TimelineOverview.maxBuckets)
        #expect(overview.startNs + overview.bucketNs * Int64(overview.buckets) > 1_000 + 99_999 * 7_919)
        #expect(overview.sent.reduce(0) { $0 + $1.reduce(0, +) } == 100_000)
        #expect(overview.received["idle"]?.reduce(0) { $0 + $1.reduce(0, +) } == 100_000)
        #expect(overview.idleNs[3].reduce(0, +) == 500_000_000 - 1_000)
    }

    @Test("more CPUs than expected: buckets coarsen so that buckets × CPUs stays within the budget")
    func manyCPUsStayWithinBudget() throws {
        var recorder = TimelineOverviewRecorder(expectedCPUs: 1)
        for step in 0..<50_000 { recorder.sawUnmap(cpu: step % 256, at: Int64(step) * 10_000) }
        let overview = try #require(recorder.finish(cpus: 256, limitedClasses: false))
        #expect(overview.buckets * 256 <= TimelineOverviewRecorder.cellBudget)
        #expect(overview.unmaps.count == 256)
        #expect(overview.unmaps.reduce(0) { $0 + $1.reduce(0, +) } == 50_000)
    }

    @Test("a trace without tlb_fill keeps the idle-only classes; one with a fill drops them")
    func limitedClasses() throws {
        var recorder = TimelineOverviewRecorder(expectedCPUs: 2)
        recorder.sawTarget(cpu: 1, at: 10, full: 4, limited: 5)
        let limited = try #require(recorder.finish(cpus: 2, limitedClasses: true))
        #expect(Set(limited.received.keys) == ["unknown"])
        let full = try #require(recorder.finish(cpus: 2, limitedClasses: false))
        #expect(Set(full.received.keys) == ["not-cached"])
    }
}
