/// One CPU's flush requests in a Linux capture (docs/tlb-model.md "Linux captures"), for the report's per-CPU bars.
public struct LinuxCPUFigures: Sendable, Equatable, Codable {
    public var cpu: Int
    /// Flush requests this CPU made.
    public var requests = 0
    /// IPIs it sent for them.
    public var ipis = 0
    /// Other CPUs that had its process's mm loaded lazily (idle, or a kernel thread on
    /// top) and got no IPI: what Linux saved over NetBSD 8's rule.
    public var lazySkips = 0

    public init(cpu: Int) { self.cpu = cpu }

    enum CodingKeys: String, CodingKey {
        case cpu, requests, ipis
        case lazySkips = "lazy_skips"
    }
}

/// One bar of the IPI latency histogram: `count` latencies in `[lowerNs, upperNs)`.
public struct LinuxLatencyBucket: Sendable, Equatable, Codable {
    public var lowerNs: Int64
    public var upperNs: Int64
    public var count: Int

    public init(lowerNs: Int64, upperNs: Int64, count: Int) {
        self.lowerNs = lowerNs
        self.upperNs = upperNs
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case lowerNs = "lower_ns"
        case upperNs = "upper_ns"
        case count
    }

    /// `buckets` equal-width bars from the smallest to the largest sample (µs-aligned).
    public static func histogram(_ samples: [Int64], buckets: Int = 16) -> [LinuxLatencyBucket] {
        guard let low = samples.min(), let high = samples.max(), buckets > 0 else { return [] }
        let width = Self.width(low: low, high: high, buckets: buckets)
        var result = (0..<buckets).map {
            LinuxLatencyBucket(lowerNs: low + Int64($0) * width, upperNs: low + Int64($0 + 1) * width, count: 0)
        }
        for sample in samples { result[Int((sample - low) / width)].count += 1 }
        return result
    }

    /// The bars' width: whole microseconds (ftrace's resolution), wide enough for every sample.
    static func width(low: Int64, high: Int64, buckets: Int) -> Int64 {
        let span = high - low + 1
        return max(1000, ((span + Int64(buckets) - 1) / Int64(buckets) + 999) / 1000 * 1000)
    }
}
