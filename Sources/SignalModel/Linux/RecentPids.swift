/// The last `capacity` pids added (a ring), and how many times each is in it: what the
/// Linux rules keep of recently exited and recently reaped tasks, so that memory stays
/// bounded however many tasks a capture sees.
struct RecentPids {
    private let capacity: Int
    private var ring: [Int32] = []
    private var next = 0
    private var counts: [Int32: Int] = [:]

    init(capacity: Int) { self.capacity = capacity }

    /// Adds `pid`; when the ring is full, the oldest entry leaves it and is returned.
    mutating func add(_ pid: Int32) -> Int32? {
        counts[pid, default: 0] += 1
        if ring.count < capacity {
            ring.append(pid)
            return nil
        }
        let oldest = ring[next]
        ring[next] = pid
        next = (next + 1) % capacity
        if let n = counts[oldest] { counts[oldest] = n > 1 ? n - 1 : nil }
        return oldest
    }

    /// Whether `pid` counts as in the ring (added, not yet left, not forgotten).
    func contains(_ pid: Int32) -> Bool { counts[pid] != nil }

    /// Stops counting `pid` as in the ring; its slots stay until overwritten.
    mutating func forget(_ pid: Int32) { counts[pid] = nil }

    /// Ring slots plus counted pids (for the rules' retained-record count).
    var storedCount: Int { ring.count + counts.count }
}
