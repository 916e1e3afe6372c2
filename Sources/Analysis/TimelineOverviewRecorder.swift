import TLBModel

/// Counts every timeline event into per-CPU time buckets while the trace streams by: the
/// whole-trace layer of ``TimelineOverview``.
///
/// The trace's length is unknown until its end, so buckets start narrow (1 µs) and, when an
/// event falls past the last one, pairs merge and the width doubles: memory is fixed at
/// `maxBuckets` per CPU and metric, and each count stays exact.
struct TimelineOverviewRecorder {
    /// Cells (buckets × CPUs) at most: the page stays small with many CPUs.
    static let cellBudget = 32_768
    private static let classCount = TimelineClassCode.names.count

    let maxBuckets: Int
    private(set) var startNs: Int64?
    private(set) var bucketNs: Int64 = 1024
    /// Buckets touched so far (highest index + 1).
    private(set) var used = 0
    private var sent: [[Int]] = []
    /// `[class][cpu][bucket]`, classes indexed by ``TimelineClassCode``.
    private var full: [[[Int]]] = Array(repeating: [], count: classCount)
    /// The same with the idle-only classes; dropped once the trace shows a `tlb_fill`.
    private var limited: [[[Int]]]? = Array(repeating: [], count: classCount)
    private var idleNs: [[Int64]] = []
    private var unmaps: [[Int]] = []
    private var stops: [[Int]] = []
    private var waits: [[Int]] = []

    init(expectedCPUs: Int) {
        maxBuckets = max(64, min(TimelineOverview.maxBuckets, Self.cellBudget / max(1, expectedCPUs)))
    }

    mutating func sawIPI(cpu: Int, at time: Int64) {
        let index = bucket(time)
        Self.add(&sent, cpu, index, maxBuckets)
    }

    mutating func sawUnmap(cpu: Int, at time: Int64) {
        let index = bucket(time)
        Self.add(&unmaps, cpu, index, maxBuckets)
    }

    mutating func sawStop(cpu: Int, at time: Int64) {
        let index = bucket(time)
        Self.add(&stops, cpu, index, maxBuckets)
    }

    mutating func sawWait(cpu: Int, at time: Int64) {
        let index = bucket(time)
        Self.add(&waits, cpu, index, maxBuckets)
    }

    /// One target received by `cpu`: its full class code and, while it lasts, the limited one.
    mutating func sawTarget(cpu: Int, at time: Int64, full fullCode: Int, limited limitedCode: Int?) {
        let index = bucket(time)
        Self.add(&full[fullCode], cpu, index, maxBuckets)
        if let limitedCode {
            if limited != nil { Self.add(&limited![limitedCode], cpu, index, maxBuckets) }
        } else {
            limited = nil
        }
    }

    /// `cpu` was idle over `[start, end)`.
    mutating func sawIdle(cpu: Int, from start: Int64, to end: Int64) {
        guard end > start else { return }
        let last = bucket(end)
        let first = bucket(start)
        guard cpu >= 0, let origin = startNs else { return }
        Self.grow(&idleNs, cpu, maxBuckets)
        for index in first...last {
            let bucketStart = origin + Int64(index) * bucketNs
            let overlap = min(end, bucketStart + bucketNs) - max(start, bucketStart)
            if overlap > 0 { idleNs[cpu][index] += overlap }
        }
    }

    /// The bucket of `time`, widening the buckets when it lies past the last one.
    mutating func bucket(_ time: Int64) -> Int {
        guard let origin = startNs else {
            startNs = time
            used = 1
            return 0
        }
        guard time > origin else { return 0 }
        var index = Int((time - origin) / bucketNs)
        while index >= maxBuckets {
            mergePairs()
            index = Int((time - origin) / bucketNs)
        }
        used = max(used, index + 1)
        return index
    }

    /// The finished overview: `limitedClasses` picks the idle-only classes.
    func finish(cpus: Int, limitedClasses: Bool) -> TimelineOverview? {
        guard let startNs else { return nil }
        // More CPUs than expected at the start: wider buckets keep the cells within budget.
        let rows = max(cpus, sent.count, idleNs.count, full.map(\.count).max() ?? 0, 1)
        if used * rows > Self.cellBudget && used > 1 {
            var coarser = self
            while coarser.used * rows > Self.cellBudget && coarser.used > 1 { coarser.mergePairs() }
            return coarser.finish(cpus: cpus, limitedClasses: limitedClasses)
        }
        let classes = limitedClasses ? (limited ?? full) : full
        var received: [String: [[Int]]] = [:]
        for (code, name) in TimelineClassCode.names.enumerated() where !classes[code].isEmpty {
            received[name] = trimmed(classes[code], cpus)
        }
        return TimelineOverview(
            startNs: startNs, bucketNs: bucketNs, buckets: used, sent: trimmed(sent, cpus), received: received,
            idleNs: trimmed(idleNs, cpus), unmaps: trimmed(unmaps, cpus), stops: trimmed(stops, cpus),
            waits: trimmed(waits, cpus))
    }

    // MARK: Storage

    private func trimmed<Value: Numeric>(_ rows: [[Value]], _ cpus: Int) -> [[Value]] {
        guard !rows.isEmpty else { return [] }
        return (0..<max(cpus, rows.count)).map { cpu in
            cpu < rows.count && !rows[cpu].isEmpty
                ? Array(rows[cpu].prefix(used)) : Array(repeating: 0, count: used)
        }
    }

    private static func add(_ rows: inout [[Int]], _ cpu: Int, _ index: Int, _ width: Int) {
        guard cpu >= 0 else { return }
        grow(&rows, cpu, width)
        rows[cpu][index] += 1
    }

    private static func grow<Value: Numeric>(_ rows: inout [[Value]], _ cpu: Int, _ width: Int) {
        while rows.count <= cpu { rows.append([]) }
        if rows[cpu].isEmpty { rows[cpu] = Array(repeating: 0, count: width) }
    }

    private mutating func mergePairs() {
        Self.merge(&sent)
        for code in full.indices { Self.merge(&full[code]) }
        if limited != nil { for code in limited!.indices { Self.merge(&limited![code]) } }
        Self.merge(&idleNs)
        Self.merge(&unmaps)
        Self.merge(&stops)
        Self.merge(&waits)
        bucketNs *= 2
        used = (used + 1) / 2
    }

    private static func merge<Value: Numeric>(_ rows: inout [[Value]]) {
        for cpu in rows.indices where !rows[cpu].isEmpty {
            let count = rows[cpu].count
            for index in 0..<(count / 2) { rows[cpu][index] = rows[cpu][2 * index] + rows[cpu][2 * index + 1] }
            for index in (count / 2)..<count { rows[cpu][index] = 0 }
        }
    }
}
