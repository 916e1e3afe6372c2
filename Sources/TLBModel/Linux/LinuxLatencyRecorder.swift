/// The IPI latencies of a Linux capture in bounded memory.
///
/// Exact up to `exactLimit` samples: the summary and histogram are those of every
/// sample, as `LinuxLatencySummary(samples:)` and `LinuxLatencyBucket.histogram(_:)`
/// give them. Past the limit the samples are folded into a log-linear histogram of
/// `LinuxLatencyRecorder.bucketCount` counters (64 per power of two; exact below 64 ns):
/// `count`, `max` and the histogram's range stay exact, `p50`/`p99` are the upper bound
/// of the bucket holding the nearest-rank sample (capped at `max`), at most 1/64
/// (1.6 %) above the exact value, and each histogram bar counts the folded samples
/// by their bucket's midpoint.
struct LinuxLatencyRecorder: Sendable {
    /// Samples kept exactly (512 KiB); every committed capture has far fewer.
    static let defaultExactLimit = LinuxTLBModel.defaultExactLatencyLimit
    /// Sub-buckets per power of two.
    static let subBuckets = 64
    static let bucketCount = 64 + (63 - 6) * 64

    let exactLimit: Int
    private(set) var samples: [Int64] = []
    private var folded: [Int] = []
    private(set) var count = 0
    private var low = Int64.max
    private var high: Int64 = 0

    init(exactLimit: Int = defaultExactLimit) { self.exactLimit = Swift.max(0, exactLimit) }

    /// Whether the summary is exact (no sample folded).
    var isExact: Bool { folded.isEmpty }

    /// The samples held one by one (at most `exactLimit`).
    var retainedSamples: Int { samples.count }

    mutating func add(_ sample: Int64) {
        let value = Swift.max(0, sample)
        count += 1
        low = Swift.min(low, value)
        high = Swift.max(high, value)
        if folded.isEmpty, samples.count < exactLimit {
            samples.append(value)
            return
        }
        if folded.isEmpty {
            folded = Array(repeating: 0, count: Self.bucketCount)
            for kept in samples { folded[Self.bucket(of: kept)] += 1 }
            samples = []
        }
        folded[Self.bucket(of: value)] += 1
    }

    var summary: LinuxLatencySummary {
        guard !isExact else { return LinuxLatencySummary(samples: samples) }
        var result = LinuxLatencySummary()
        result.count = count
        result.max = high
        result.p50 = Swift.min(high, upperBound(ofRank: 50))
        result.p99 = Swift.min(high, upperBound(ofRank: 99))
        return result
    }

    func histogram(buckets: Int = 16) -> [LinuxLatencyBucket] {
        guard !isExact else { return LinuxLatencyBucket.histogram(samples, buckets: buckets) }
        guard count > 0, buckets > 0 else { return [] }
        let width = LinuxLatencyBucket.width(low: low, high: high, buckets: buckets)
        var result = (0..<buckets).map {
            LinuxLatencyBucket(lowerNs: low + Int64($0) * width, upperNs: low + Int64($0 + 1) * width, count: 0)
        }
        for (index, n) in folded.enumerated() where n > 0 {
            let (lower, upper) = Self.range(of: index)
            let middle = Swift.min(Swift.max(lower + (upper - lower) / 2, low), high)
            result[Int((middle - low) / width)].count += n
        }
        return result
    }

    private func upperBound(ofRank percent: Int) -> Int64 {
        let rank = Swift.max((percent * count + 99) / 100, 1)
        var seen = 0
        for (index, n) in folded.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return Self.range(of: index).upper }
        }
        return high
    }

    /// The bucket of `value` (≥ 0).
    static func bucket(of value: Int64) -> Int {
        guard value >= Int64(subBuckets) else { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount
        let shift = exponent - 6
        return subBuckets + shift * subBuckets + Int((value >> Int64(shift)) & Int64(subBuckets - 1))
    }

    /// The smallest and largest value of bucket `index`.
    static func range(of index: Int) -> (lower: Int64, upper: Int64) {
        guard index >= subBuckets else { return (Int64(index), Int64(index)) }
        let shift = (index - subBuckets) / subBuckets
        let sub = Int64((index - subBuckets) % subBuckets)
        let lower = (Int64(subBuckets) + sub) << Int64(shift)
        return (lower, lower + ((Int64(1) << Int64(shift)) - 1))
    }
}
