import KTrace
import TLBModel

/// The TLB analyzer with the HTML timeline recorder riding along: one model, so one lane.
///
/// The recorder draws each shootdown target with the class the analyzer decided for it: the
/// analyzer tells `recorder.classes` (its ``TLBAnalyzer/observer``) while it consumes the
/// shootdown, and the recorder reads them when it consumes the same event right after, on
/// the same thread. Two separate models could land in different lanes.
struct TLBAnalyzerWithTimeline: TraceModel {
    private var analyzer: TLBAnalyzer
    private var recorder: TimelineRecorder

    init(analyzer: TLBAnalyzer, recorder: TimelineRecorder) {
        self.analyzer = analyzer
        self.recorder = recorder
        self.analyzer.observer = recorder.classes
    }

    var laneWeight: Int { analyzer.laneWeight + recorder.laneWeight }

    mutating func consume(_ event: Event) {
        analyzer.consume(event)
        recorder.consume(event)
    }

    mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in events.indices {
            analyzer.consume(events[index])
            recorder.consume(events[index])
        }
    }

    /// The analyzer's report with the timeline, its targets in the classes the analysis kept
    /// (the idle-only ones when the trace has no `tlb_fill`).
    mutating func finish(_ context: FinishContext) -> ModelReport {
        var report = analyzer.finish(context)
        report.timeline = recorder.finish(
            cpuCount: context.cpuCount, classificationLimited: report.classificationLimited)
        return report
    }
}
