/// IPI latency of a Linux capture: the send (`ipi_send_cpu`/`ipi_send_cpumask`, else
/// `csd_queue_cpu`) to the handler's `csd_function_entry` on the target (docs/tlb-model.md "Linux captures"),
/// in ns. Percentiles are nearest-rank over every measured IPI target.
public struct LinuxLatencySummary: Sendable, Equatable, Codable {
    public var count = 0
    public var p50: Int64 = 0
    public var p99: Int64 = 0
    public var max: Int64 = 0

    public init() {}

    /// The summary of `samples` (any order).
    public init(samples: [Int64]) {
        guard !samples.isEmpty else { return }
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.nearestRank(sorted, 50)
        p99 = Self.nearestRank(sorted, 99)
        max = sorted[sorted.count - 1]
    }

    /// The smallest value with at least `percent`% of the samples at or below it.
    static func nearestRank(_ sorted: [Int64], _ percent: Int) -> Int64 {
        let rank = (percent * sorted.count + 99) / 100
        return sorted[Swift.max(rank, 1) - 1]
    }
}
