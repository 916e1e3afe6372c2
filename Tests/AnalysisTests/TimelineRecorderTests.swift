import Testing

@testable import Analysis

/// The recorder never guesses a class.
@Suite("Timeline recorder")
struct TimelineRecorderTests {
    @Test("without a TLB analyzer telling it the classes, every target is unknown, never needed")
    func unclassifiedTargetsAreUnknown() throws {
        var recorder = TimelineRecorder()
        recorder.begin(config: TraceConfig())
        var targets = CPUSet()
        targets.insert(1)
        targets.insert(2)
        recorder.consume(Event(line: 7, cpu: 0, pid: 1, timeNs: 100, kind: .shootdownIPI(targets: targets, pages: 1)))
        let timeline = recorder.finish(cpuCount: 4, classificationLimited: false)
        let ipi = try #require(timeline.ipis.first)
        #expect(ipi.targets.map(\.classification) == ["unknown", "unknown"])
        #expect(timeline.overview?.received.keys.sorted() == ["unknown"])
    }

    @Test("with the analyzer's classes: the full ones, or the idle-only ones when the analysis is limited")
    func classesFromTheAnalyzer() throws {
        var recorder = TimelineRecorder()
        recorder.begin(config: TraceConfig())
        var targets = CPUSet()
        targets.insert(1)
        targets.insert(2)
        let event = Event(line: 9, cpu: 0, pid: 1, timeNs: 100, kind: .shootdownIPI(targets: targets, pages: 1))
        recorder.classes.classified(event, target: 1, full: .needed, limited: .unknown)
        recorder.classes.classified(event, target: 2, full: .notCached, limited: .idle)
        recorder.consume(event)
        var limited = recorder
        let full = recorder.finish(cpuCount: 4, classificationLimited: false)
        #expect(full.ipis.first?.targets.map(\.classification) == ["needed", "not-cached"])
        let idleOnly = limited.finish(cpuCount: 4, classificationLimited: true)
        #expect(idleOnly.ipis.first?.targets.map(\.classification) == ["unknown", "idle"])
    }
}
