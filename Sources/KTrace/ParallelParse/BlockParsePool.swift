#if canImport(Glibc)
    import Glibc
#endif

/// Worker threads that parse `ParsedBlock`s while the reading thread merges them
/// in file order (round 9 of docs/performance.md).
///
/// Blocks are taken first come, first served; the reading thread waits for the
/// oldest one, and parses it itself when no worker has started it yet. Each
/// thread has its own copy of the parser (the hot path only changes caches).
final class BlockParsePool: @unchecked Sendable {
    private let parser: BlockParser
    private var queue: [ParsedBlock] = []
    private var queueHead = 0
    /// Blocks finished, by identity (a block is in at most one of `queue`, working, done).
    private var done: Set<ObjectIdentifier> = []
    private var stopping = false
    private var threads: [pthread_t] = []
    private var mutex = pthread_mutex_t()
    private var condition = pthread_cond_t()
    /// The reading thread's own parser, for the blocks it parses itself.
    private var ownParser: BlockParser

    /// Starts `threadCount` workers (fewer if threads cannot be made; none is fine:
    /// the reading thread then parses every block itself).
    init(parser: BlockParser, threadCount: Int) {
        self.parser = parser
        self.ownParser = parser
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&condition, nil)
        for _ in 0..<threadCount {
            guard let thread = WorkerThread.start({ self.work() }) else { break }
            threads.append(thread)
        }
    }

    deinit {
        pthread_cond_destroy(&condition)
        pthread_mutex_destroy(&mutex)
    }

    /// Queues `block` to be parsed over `bytes`.
    func submit(_ block: ParsedBlock, bytes: UnsafeBufferPointer<UInt8>) {
        block.bytes = bytes
        pthread_mutex_lock(&mutex)
        queue.append(block)
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
    }

    /// Returns once `block` (the oldest not yet waited for) is parsed.
    func wait(for block: ParsedBlock) {
        pthread_mutex_lock(&mutex)
        if queueHead < queue.count && queue[queueHead] === block {
            // No worker has started it: parsing it here is sooner than waiting.
            take()
            pthread_mutex_unlock(&mutex)
            ownParser.parse(block.bytes, into: block)
            return
        }
        while !done.contains(ObjectIdentifier(block)) { pthread_cond_wait(&condition, &mutex) }
        done.remove(ObjectIdentifier(block))
        pthread_mutex_unlock(&mutex)
    }

    /// Stops the workers after the blocks they are parsing and waits for them; blocks
    /// still queued are dropped. Needed before the blocks' bytes go away.
    func stop() {
        pthread_mutex_lock(&mutex)
        stopping = true
        queue.removeAll()
        queueHead = 0
        pthread_cond_broadcast(&condition)
        pthread_mutex_unlock(&mutex)
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    /// Removes the queue's head (the mutex held).
    private func take() {
        queueHead += 1
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
    }

    private func work() {
        var parser = self.parser
        pthread_mutex_lock(&mutex)
        while true {
            while queueHead == queue.count && !stopping { pthread_cond_wait(&condition, &mutex) }
            if stopping { break }
            let block = queue[queueHead]
            take()
            pthread_mutex_unlock(&mutex)
            parser.parse(block.bytes, into: block)
            pthread_mutex_lock(&mutex)
            done.insert(ObjectIdentifier(block))
            pthread_cond_broadcast(&condition)
        }
        pthread_mutex_unlock(&mutex)
    }
}
