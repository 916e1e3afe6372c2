import KTrace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bounded, blocking hand-off of event batches from the reading thread to one
/// model lane.
///
/// The bound keeps memory flat: when a lane falls behind, the reader waits
/// instead of queueing the trace in memory.
final class EventBatchQueue: @unchecked Sendable {
    private var slots: [EventBatch?]
    private var head = 0
    private var count = 0
    private var closed = false
    private var mutex = pthread_mutex_t()
    private var notEmpty = pthread_cond_t()
    private var notFull = pthread_cond_t()

    init(depth: Int) {
        slots = Array(repeating: nil, count: max(1, depth))
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&notEmpty, nil)
        pthread_cond_init(&notFull, nil)
    }

    deinit {
        pthread_cond_destroy(&notFull)
        pthread_cond_destroy(&notEmpty)
        pthread_mutex_destroy(&mutex)
    }

    /// Queues a batch, waiting while the queue is full.
    func push(_ batch: EventBatch) {
        pthread_mutex_lock(&mutex)
        while count == slots.count { pthread_cond_wait(&notFull, &mutex) }
        slots[(head + count) % slots.count] = batch
        count += 1
        pthread_cond_signal(&notEmpty)
        pthread_mutex_unlock(&mutex)
    }

    /// The next batch, waiting while the queue is empty; nil once it is closed and drained.
    func pop() -> EventBatch? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while count == 0 && !closed { pthread_cond_wait(&notEmpty, &mutex) }
        guard count > 0 else { return nil }
        // Swap the batch out so the queue holds no reference: the lane frees it.
        let batch = slots[head]
        slots[head] = nil
        head = (head + 1) % slots.count
        count -= 1
        pthread_cond_signal(&notFull)
        return batch
    }

    /// No more batches: `pop` returns nil once the queued ones are taken.
    func close() {
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_broadcast(&notEmpty)
        pthread_mutex_unlock(&mutex)
    }
}
