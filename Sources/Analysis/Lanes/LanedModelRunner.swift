import KTrace

/// Runs a trace's models on worker threads while the reading thread parses.
///
/// The reader's thread only collects events into batches (and, without lanes, runs
/// the models on each batch itself); each lane (a thread
/// with its share of the models, see `ModelRunner.takeLanes`) consumes every
/// batch in file order. Models never share state, so each sees exactly the
/// event sequence it would see alone and the results do not depend on the
/// number of lanes. Batches are bounded in size and in number, so memory stays
/// flat.
struct LanedModelRunner: TraceConsumer {
    /// Events per batch: large enough that hand-offs are rare, small enough to
    /// stay in a core's cache.
    static let batchSize = 2048
    /// Batches queued per lane before the reader waits. Sixteen (≈ 3.8 MiB of events at
    /// most) let the reader and the parse workers run a whole inflated buffer or three
    /// ahead of the slowest lane: with four, a 1 MiB buffer (≈ 5 batches) already made
    /// the reader wait, and on two cores a core idled while only the TLB lane could run
    /// (round 10 of docs/performance.md: plain-text `analyze` −5–7 % wall, +2 MiB RSS).
    static let queueDepth = 16

    private var runner: ModelRunner
    private let laneLimit: Int
    private var lanes: [ModelLane] = []
    private var batch = EventBatch(capacity: batchSize)

    /// `laneLimit` 0 consumes every event on the reading thread (no worker threads).
    init(runner: ModelRunner, laneLimit: Int) {
        self.runner = runner
        self.laneLimit = laneLimit
    }

    mutating func begin(config: TraceConfig) {
        runner.begin(config: config)
        guard laneLimit > 0 else { return }
        lanes = runner.takeLanes(count: laneLimit).map { ModelLane(runner: $0, queueDepth: Self.queueDepth) }
    }

    mutating func consume(_ event: Event) {
        batch.append(event)
        if batch.isFull { publish() }
    }

    /// The batch's free room: the reader builds events there (round 8).
    mutating func eventSlots() -> UnsafeMutableBufferPointer<Event> { batch.free }

    mutating func commitSlots(_ count: Int) {
        batch.commit(count)
        if batch.isFull { publish() }
    }

    private mutating func publish() {
        guard !lanes.isEmpty else {
            // No lanes: the reading thread runs the models, a batch at a time all the same.
            runner.consume(batch.events)
            batch = EventBatch(capacity: Self.batchSize)
            return
        }
        let full = batch
        batch = EventBatch(capacity: Self.batchSize)
        for lane in lanes { lane.push(full) }
    }

    /// Waits for the lanes to consume every event and returns all the models in one runner.
    mutating func finish() -> ModelRunner {
        if !batch.isEmpty { publish() }
        for lane in lanes { runner.absorb(lane.finish()) }
        lanes = []
        return runner
    }
}
