#if canImport(Glibc)
    import Glibc
#endif

/// Runs the decompressor on its own thread, a few buffers ahead of the parser.
///
/// Inflating and parsing then overlap on two cores. A fixed ring of buffers
/// (three of 1 MiB) bounds memory: the inflater waits when the parser is behind.
final class InflatePipeline: @unchecked Sendable {
    private let reader: DecompressingReader
    private let buffers: [UnsafeMutableRawBufferPointer]
    /// Bytes filled in each buffer; 0 marks the end of the stream.
    private var filled: [Int]
    /// The compressed offset after each buffer was filled (read on the consumer's side
    /// instead of the reader's own counter, which the inflating thread keeps changing).
    private var offsets: [Int64]
    /// The compressed offset when the inflating thread finished.
    private var finalOffset: Int64 = 0
    /// Compressed bytes consumed to produce what was handed out so far.
    private(set) var compressedOffset: Int64 = 0
    private var readyCount = 0
    private var producerIndex = 0
    private var consumerIndex = 0
    private var finished = false
    private var cancelled = false
    private var error: TraceInputError?
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()

    init(reader: DecompressingReader, bufferSize: Int = 1 << 20, depth: Int = 3) {
        self.reader = reader
        buffers = (0..<depth).map { _ in .allocate(byteCount: bufferSize, alignment: 16) }
        filled = Array(repeating: 0, count: depth)
        offsets = Array(repeating: 0, count: depth)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
    }

    deinit {
        // The thread holds a reference while it runs, so it has ended by now.
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
        for buffer in buffers { buffer.deallocate() }
    }

    /// Starts the inflating thread.
    func start() {
        if let thread = WorkerThread.start({ self.produce() }) {
            handle = thread
            started = true
        } else {
            // No thread: inflate inline on the consumer's side instead.
            produceInline = true
        }
    }

    private var produceInline = false
    private var handle = pthread_t()
    /// The thread was created and is not yet joined or detached.
    private var started = false

    private func produce() {
        while true {
            pthread_mutex_lock(&mutex)
            while readyCount == buffers.count && !cancelled { pthread_cond_wait(&condition, &mutex) }
            if cancelled {
                pthread_mutex_unlock(&mutex)
                return
            }
            let index = producerIndex
            pthread_mutex_unlock(&mutex)

            var count = 0
            var failure: TraceInputError?
            do {
                count = try reader.read(into: buffers[index])
            } catch {
                failure = error
            }

            let offset = reader.compressedOffset
            pthread_mutex_lock(&mutex)
            if let failure {
                error = failure
                finished = true
                finalOffset = offset
            } else if count == 0 {
                finished = true
                finalOffset = offset
            } else {
                filled[index] = count
                offsets[index] = offset
                readyCount += 1
                producerIndex = (index + 1) % buffers.count
            }
            pthread_cond_broadcast(&condition)
            let done = finished
            pthread_mutex_unlock(&mutex)
            if done { return }
        }
    }

    /// The next inflated buffer, valid until the next call; nil at the end.
    /// A decompression error is thrown after every buffer before it was handed out.
    func next() throws(TraceInputError) -> UnsafeBufferPointer<UInt8>? {
        if produceInline {
            defer { compressedOffset = reader.compressedOffset }
            let count = try reader.read(into: buffers[0])
            return count == 0
                ? nil
                : UnsafeBufferPointer(start: buffers[0].baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        }
        // The caller is done with the previous buffer: give it back.
        if held > 0 { release() }
        return try acquire()
    }

    /// Whether `acquire` may hold several buffers at once (the inflating thread runs).
    var holdsSeveral: Bool { started }

    /// The next inflated buffer, kept until `release()` gives it back (buffers go back in
    /// the order they came); at most `depth - 1` held at once, or the inflater stalls.
    /// Only where `holdsSeveral`. Nil at the end; a decompression error is thrown after
    /// every buffer before it was handed out.
    func acquire() throws(TraceInputError) -> UnsafeBufferPointer<UInt8>? {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while readyCount == held && !finished { pthread_cond_wait(&condition, &mutex) }
        if readyCount == held {
            compressedOffset = finalOffset
            if let error {
                self.error = nil
                throw error
            }
            return nil
        }
        let index = (consumerIndex + held) % buffers.count
        held += 1
        compressedOffset = offsets[index]
        return UnsafeBufferPointer(
            start: buffers[index].baseAddress!.assumingMemoryBound(to: UInt8.self), count: filled[index])
    }

    /// Whether `acquire` would return at once: a buffer is ready, or the stream ended.
    var hasReady: Bool {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return readyCount > held || finished
    }

    /// Gives back the oldest buffer `acquire` handed out.
    func release() {
        pthread_mutex_lock(&mutex)
        held -= 1
        readyCount -= 1
        consumerIndex = (consumerIndex + 1) % buffers.count
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Buffers handed out and not yet given back (the oldest at `consumerIndex`).
    private var held = 0

    /// Stops the inflating thread (the consumer is done, or gave up early) and waits
    /// for it, so nothing it made outlives the read. Only a thread that may be stuck in
    /// `read(2)` on a pipe is left to finish alone (detached): waiting could hang.
    func cancel() {
        pthread_mutex_lock(&mutex)
        cancelled = true
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
        guard started else { return }
        started = false
        if reader.mayBlock { pthread_detach(handle) } else { pthread_join(handle, nil) }
    }
}
