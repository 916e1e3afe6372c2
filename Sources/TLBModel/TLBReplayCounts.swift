/// TLB figures of a replay (docs/tlb-model.md "Cost model"; docs/reports.md "JSON contract").
public struct TLBReplayCounts: Sendable, Codable, Equatable {
    public var ipis = 0
    public var targets = 0
    public var idleTargets = 0
    public var invalidations = 0
    public var fullFlushes = 0
    public var initiatorWaitNs: Int64 = 0
    public var cpuNs: Int64 = 0
    public var staleUses = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case ipis, targets
        case idleTargets = "idle_targets"
        case invalidations
        case fullFlushes = "full_flushes"
        case initiatorWaitNs = "initiator_wait_ns"
        case cpuNs = "cpu_ns"
        case staleUses = "stale_uses"
    }
}
