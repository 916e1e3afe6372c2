import KTrace

/// One model run over a trace's events: an analyzer of what the kernel recorded,
/// a strategy's replay, or the timeline recorder.
///
/// `ModelRunner` holds a trace's models as a list and never names them: the lanes
/// spread them over threads by `laneWeight`, and the result builder turns their
/// reports into the trace's counts, findings, checks and replays. A new kernel's
/// model (a Linux TLB model) is one more conformer, made by its ``Baseline``'s
/// lineup (docs/architecture.md, "Models").
protocol TraceModel {
    /// Rough cost relative to the other models, used only to balance the lanes: about
    /// the model's callgrind instructions on the 64 MiB `synth mixed` bench trace in tens
    /// of millions (`replay --model-threads 6` puts each model on its own thread;
    /// docs/notes/round9-lanes.md). Linux models: from `traces/linux/tlb-busy-2cpu`.
    var laneWeight: Int { get }

    /// One event, in file order.
    mutating func consume(_ event: Event)

    /// Consecutive events, in file order. The runner hands models batches: a call
    /// through `any TraceModel` checks the model's box for uniqueness, once per
    /// batch instead of once per event.
    mutating func consume(_ events: UnsafeBufferPointer<Event>)

    /// Ends the trace: what the model found. Models finish in lineup order, so
    /// `context.reports` holds the reports of the models before this one.
    mutating func finish(_ context: FinishContext) -> ModelReport
}

extension TraceModel {
    mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in events.indices { consume(events[index]) }
    }
}

/// What a model knows when the trace ends.
struct FinishContext {
    /// The header's `ncpu`, or the highest CPU seen + 1.
    var cpuCount: Int
    /// Which kernel recorded the trace, as the reader saw it.
    var capture: CaptureKernel
    /// The reports of the models that finished before this one, in lineup order.
    var reports: [ModelReport] = []
}

/// The kernel a capture comes from (docs/trace-format.md, "Linux").
enum CaptureKernel: Sendable, Equatable {
    case netbsd
    case linux
}
