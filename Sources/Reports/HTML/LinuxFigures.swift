import Analysis

/// The figures of a Linux capture (SPEC §2.4) the page plots: the IPI latency distribution
/// (send to handler entry) and, per CPU, flush requests, IPIs sent and lazy CPUs skipped.
///
/// `init?(_:)` is the one place that reads them from a result. `TraceResult` on main does not
/// carry them yet (issue 11 adds `remote_flush_requests`, `ipi_latency_ns`, …): it returns nil,
/// and the page shows no Linux section. Wire the new fields here; ``LinuxPanel`` draws them.
struct LinuxFigures: Equatable {
    /// One histogram bar: `count` latencies in `[lowerNs, upperNs)`.
    struct Bucket: Equatable {
        var lowerNs: Int64
        var upperNs: Int64
        var count: Int
    }

    /// Per CPU: flush requests it made, IPIs it sent for them, CPUs it skipped as lazy.
    struct CPURow: Equatable {
        var cpu: Int
        var requests: Int
        var ipis: Int
        var lazySkips: Int
    }

    var latency: [Bucket] = []
    var p50Ns: Int64?
    var p99Ns: Int64?
    var maxNs: Int64?
    var perCPU: [CPURow] = []

    init(latency: [Bucket], p50Ns: Int64?, p99Ns: Int64?, maxNs: Int64?, perCPU: [CPURow]) {
        self.latency = latency
        self.p50Ns = p50Ns
        self.p99Ns = p99Ns
        self.maxNs = maxNs
        self.perCPU = perCPU
    }

    /// The trace's Linux figures, or nil when it has none (every NetBSD trace; all traces until
    /// the result carries them).
    init?(_ trace: TraceResult) {
        return nil
    }
}
