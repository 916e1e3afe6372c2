/// What the Linux TLB model counts in one capture (docs/tlb-model.md "Linux captures"; JSON names as in §6).
public struct LinuxTLBCounts: Sendable, Equatable, Codable {
    /// `tlb_flush … reason:remote IPI send (4)` lines: flush requests.
    public var remoteFlushRequests = 0
    /// IPIs actually sent for TLB flushes (`ipi_send_cpu`/`ipi_send_cpumask` lines).
    public var shootdownIPIs = 0
    /// (flush, target CPU) pairs: `csd_queue_cpu func=flush_tlb_func` lines, else the CPUs
    /// the IPIs name.
    public var targets = 0
    /// Targets idle at the send.
    public var idleTargets = 0
    /// Targets whose class is redundant (`idle`, `lazy`, `not-loaded`).
    public var redundantTargets = 0
    /// Targets per class, `needed` and `unknown` included.
    public var targetsByClass: [String: Int] = [:]
    /// Requests after which no CPU was interrupted: every other CPU of the mm was lazy
    /// (idle, or running a kernel thread) or did not have it loaded.
    public var requestsWithoutIPI = 0
    /// Send → handler entry on the target.
    public var ipiLatencyNs = LinuxLatencySummary()
    /// The latencies as histogram bars.
    public var ipiLatencyHistogram: [LinuxLatencyBucket] = []
    /// Per CPU that made a request, in CPU order.
    public var perCPU: [LinuxCPUFigures] = []

    public init() {}

    enum CodingKeys: String, CodingKey {
        case remoteFlushRequests = "remote_flush_requests"
        case shootdownIPIs = "shootdown_ipis"
        case targets
        case idleTargets = "idle_targets"
        case redundantTargets = "redundant_targets"
        case targetsByClass = "targets_by_class"
        case requestsWithoutIPI = "requests_without_ipi"
        case ipiLatencyNs = "ipi_latency_ns"
        case ipiLatencyHistogram = "ipi_latency_histogram"
        case perCPU = "per_cpu"
    }
}
