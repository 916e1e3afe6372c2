/// TLB counts of one trace (docs/reports.md "JSON contract").
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
    /// Linux captures (docs/tlb-model.md, "Linux captures"): flush requests (`tlb_flush … remote IPI send`); nil otherwise.
    public var remoteFlushRequests: Int?
    /// Linux captures: requests after which no CPU was interrupted (all lazy or not running the mm).
    public var requestsWithoutIPI: Int?
    /// Linux captures: IPI send → handler entry on the target.
    public var ipiLatencyNs: LinuxLatencySummary?
    /// Linux captures: the latencies as histogram bars.
    public var ipiLatencyHistogram: [LinuxLatencyBucket]?
    /// Linux captures: flush requests, IPIs and lazy skips per requesting CPU.
    public var linuxCPUs: [LinuxCPUFigures]?
    /// Shootdown IPIs per unmap (docs/tlb-model.md "Classification": "IPIs per unmap"); nil without unmaps.
    public var ipisPerUnmap: Double? {
        unmaps > 0 ? (Double(shootdownIPIs) / Double(unmaps) * 1000).rounded() / 1000 : nil
    }

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
        case ipisPerUnmap = "ipis_per_unmap"
        case remoteFlushRequests = "remote_flush_requests"
        case requestsWithoutIPI = "requests_without_ipi"
        case ipiLatencyNs = "ipi_latency_ns"
        case ipiLatencyHistogram = "ipi_latency_histogram"
        case linuxCPUs = "linux_cpus"
    }

    /// The `tlb` section of a Linux capture: the docs/reports.md "JSON contract" names filled from the Linux
    /// model's counts (`unmaps`, `full_flushes`, `stale_uses` do not apply and stay 0).
    public init(linux: LinuxTLBCounts) {
        shootdownIPIs = linux.shootdownIPIs
        targets = linux.targets
        redundantTargets = linux.redundantTargets
        idleTargets = linux.idleTargets
        unknownTargets = linux.targetsByClass[LinuxTargetClass.unknown.rawValue] ?? 0
        redundantByClass = linux.targetsByClass.filter {
            LinuxTargetClass(rawValue: $0.key)?.isRedundant == true
        }
        remoteFlushRequests = linux.remoteFlushRequests
        requestsWithoutIPI = linux.requestsWithoutIPI
        ipiLatencyNs = linux.ipiLatencyNs
        ipiLatencyHistogram = linux.ipiLatencyHistogram
        linuxCPUs = linux.perCPU
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unmaps = try container.decode(Int.self, forKey: .unmaps)
        shootdownIPIs = try container.decode(Int.self, forKey: .shootdownIPIs)
        targets = try container.decode(Int.self, forKey: .targets)
        redundantTargets = try container.decode(Int.self, forKey: .redundantTargets)
        idleTargets = try container.decode(Int.self, forKey: .idleTargets)
        fullFlushes = try container.decode(Int.self, forKey: .fullFlushes)
        staleUses = try container.decode(Int.self, forKey: .staleUses)
        unknownTargets = try container.decodeIfPresent(Int.self, forKey: .unknownTargets) ?? 0
        tpMaxvaOverflows = try container.decodeIfPresent(Int.self, forKey: .tpMaxvaOverflows) ?? 0
        initiatorWaitNs = try container.decodeIfPresent(Int64.self, forKey: .initiatorWaitNs) ?? 0
        redundantByClass = try container.decodeIfPresent([String: Int].self, forKey: .redundantByClass) ?? [:]
        remoteFlushRequests = try container.decodeIfPresent(Int.self, forKey: .remoteFlushRequests)
        requestsWithoutIPI = try container.decodeIfPresent(Int.self, forKey: .requestsWithoutIPI)
        ipiLatencyNs = try container.decodeIfPresent(LinuxLatencySummary.self, forKey: .ipiLatencyNs)
        ipiLatencyHistogram = try container.decodeIfPresent([LinuxLatencyBucket].self, forKey: .ipiLatencyHistogram)
        linuxCPUs = try container.decodeIfPresent([LinuxCPUFigures].self, forKey: .linuxCPUs)
        // ipis_per_unmap is derived from the counts above.
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(unmaps, forKey: .unmaps)
        try container.encode(shootdownIPIs, forKey: .shootdownIPIs)
        try container.encode(targets, forKey: .targets)
        try container.encode(redundantTargets, forKey: .redundantTargets)
        try container.encode(idleTargets, forKey: .idleTargets)
        try container.encode(fullFlushes, forKey: .fullFlushes)
        try container.encode(staleUses, forKey: .staleUses)
        try container.encode(unknownTargets, forKey: .unknownTargets)
        try container.encode(tpMaxvaOverflows, forKey: .tpMaxvaOverflows)
        try container.encode(initiatorWaitNs, forKey: .initiatorWaitNs)
        try container.encode(redundantByClass, forKey: .redundantByClass)
        try container.encodeIfPresent(ipisPerUnmap, forKey: .ipisPerUnmap)
        try container.encodeIfPresent(remoteFlushRequests, forKey: .remoteFlushRequests)
        try container.encodeIfPresent(requestsWithoutIPI, forKey: .requestsWithoutIPI)
        try container.encodeIfPresent(ipiLatencyNs, forKey: .ipiLatencyNs)
        try container.encodeIfPresent(ipiLatencyHistogram, forKey: .ipiLatencyHistogram)
        try container.encodeIfPresent(linuxCPUs, forKey: .linuxCPUs)
    }
}
