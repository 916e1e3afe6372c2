import Foundation

/// Maps `0..<count` on up to `workers` threads, keeping the order of results.
enum ParallelMap {
    static func run<Result: Sendable>(
        count: Int, workers: Int, _ body: @escaping @Sendable (Int) -> Result
    ) -> [Result] {
        let box = ResultBox<Result>(count: count)
        let threads = max(1, min(workers, count))
        if threads == 1 {
            for index in 0..<count { box.store(index, body(index)) }
            return box.results()
        }
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = box.nextIndex() { box.store(index, body(index)) }
        }
        return box.results()
    }

    /// Work queue and result slots shared by the workers, guarded by a lock.
    private final class ResultBox<Result>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Result?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func nextIndex() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ index: Int, _ result: Result) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        func results() -> [Result] { slots.map { $0! } }
    }
}
