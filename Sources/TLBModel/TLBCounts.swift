/// TLB counts of one trace (SPEC §6).
public struct TLBCounts: Sendable, Codable, Equatable {
    public var unmaps = 0
    public var shootdownIPIs = 0
    public var targets = 0
    public var redundantTargets = 0
    public var idleTargets = 0
    public var fullFlushes = 0
    public var staleUses = 0
    /// Targets that could not be classified (no `tlb_fill` in the trace).
    public var unknownTargets = 0
    /// Full flushes caused by more than `tp_maxva` pages in one packet.
    public var tpMaxvaOverflows = 0
    /// Initiator wait: `tlb_shootdown_done wait_ns` when recorded, else the cost model.
    public var initiatorWaitNs: Int64 = 0
    /// Redundant targets per class name.
    public var redundantByClass: [String: Int] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case unmaps
        case shootdownIPIs = "shootdown_ipis"
        case targets
        case redundantTargets = "redundant_targets"
        case idleTargets = "idle_targets"
        case fullFlushes = "full_flushes"
        case staleUses = "stale_uses"
        case unknownTargets = "unknown_targets"
        case tpMaxvaOverflows = "tp_maxva_overflows"
        case initiatorWaitNs = "initiator_wait_ns"
        case redundantByClass = "redundant_by_class"
    }
}
