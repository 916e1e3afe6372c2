import KTrace
import TLBModel

/// The Linux TLB model with the HTML timeline recorder riding along: one model, so one lane.
///
/// The recorder draws each flush IPI and each target in the class the model decided: the
/// model tells `recorder.linux` (its ``LinuxTLBModel/observer``) while it consumes an event,
/// and the recorder takes those decisions right after, on the same thread.
struct LinuxTLBModelWithTimeline: TraceModel {
    private var model: LinuxTLBModel
    private var recorder: TimelineRecorder

    init(model: LinuxTLBModel, recorder: TimelineRecorder) {
        self.model = model
        self.recorder = recorder
        self.model.observer = recorder.linux
    }

    var laneWeight: Int { model.laneWeight + recorder.laneWeight }

    mutating func consume(_ event: Event) {
        model.consume(event)
        recorder.consume(event)
        recorder.takeLinuxDecisions()
    }

    mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in events.indices { consume(events[index]) }
    }

    /// The model's report with the timeline; the targets the model judges at the end (no
    /// handler in the trace) are drawn too.
    mutating func finish(_ context: FinishContext) -> ModelReport {
        var report = model.finish(context)
        recorder.takeLinuxDecisions()
        report.timeline = recorder.finish(cpuCount: context.cpuCount, classificationLimited: false)
        return report
    }
}
