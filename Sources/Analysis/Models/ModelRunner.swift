import KTrace

/// Feeds one trace's events to every model of its lineup: the baseline's
/// analyzers, the timeline recorder, and every requested replay.
///
/// Each model keeps its own state, so one pass over the file serves all
/// strategies (docs/architecture.md, "Models").
struct ModelRunner {
    let lineup: ModelLineup
    private(set) var config = TraceConfig()
    private(set) var baseline = Baseline.netbsd8
    // Settable in the module: `takeLanes` and `absorb` move models between runners.
    var models: [any TraceModel] = []
    /// Where each model stands in the full lineup, so that a runner split into
    /// lanes (`takeLanes`) can be put back together in order (`absorb`).
    var slots: [Int] = []

    init(lineup: ModelLineup) {
        self.lineup = lineup
    }

    /// A runner with `other`'s lineup and configuration but no models.
    init(emptyLike other: ModelRunner) {
        lineup = other.lineup
        config = other.config
        baseline = other.baseline
    }

    mutating func begin(config: TraceConfig) {
        self.config = config
        (baseline, models) = lineup.models(config: config)
        slots = Array(models.indices)
    }

    /// Consecutive events of the trace, each model in turn.
    mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in models.indices { models[index].consume(events) }
    }

    /// Ends the trace for every model, in lineup order.
    mutating func finish(cpuCount: Int, capture: CaptureKernel) -> [ModelReport] {
        var context = FinishContext(cpuCount: cpuCount, capture: capture)
        for index in models.indices { context.reports.append(models[index].finish(context)) }
        return context.reports
    }
}
