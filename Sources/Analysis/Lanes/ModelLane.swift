import KTrace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One worker thread that feeds every batch of events to its share of the models.
///
/// The lane owns its `ModelRunner` from `init` until `finish` returns it; only
/// the lane's thread touches it in between (`pthread_join` orders the hand-back).
final class ModelLane: @unchecked Sendable {
    private var runner: ModelRunner
    private let queue: EventBatchQueue
    private var thread = pthread_t()
    /// No thread could be created: batches are consumed on the caller's thread.
    private var inline = false

    init(runner: ModelRunner, queueDepth: Int) {
        self.runner = runner
        queue = EventBatchQueue(depth: queueDepth)
        if let thread = WorkerThread.start({ self.run() }) {
            self.thread = thread
        } else {
            inline = true
        }
    }

    /// Hands a batch to the lane (waits while the lane is several batches behind).
    func push(_ batch: EventBatch) {
        if inline {
            consume(batch)
        } else {
            queue.push(batch)
        }
    }

    /// Waits for the lane to consume everything pushed, and returns its models.
    func finish() -> ModelRunner {
        if !inline {
            queue.close()
            pthread_join(thread, nil)
        }
        return runner
    }

    private func run() {
        // The models move to a local for the loop: a stored property of a class
        // would be checked for exclusive access on every event.
        var models = ModelRunner(emptyLike: runner)
        swap(&models, &runner)
        while let batch = queue.pop() { Self.consume(batch, into: &models) }
        swap(&models, &runner)
    }

    private func consume(_ batch: EventBatch) {
        Self.consume(batch, into: &runner)
    }

    private static func consume(_ batch: EventBatch, into models: inout ModelRunner) {
        models.consume(batch.events)
    }
}
