import Analysis

/// The figures of a Linux capture (docs/tlb-model.md "Linux captures") the page plots: the IPI latency distribution
/// (send to handler entry) and, per CPU, flush requests, IPIs sent and lazy CPUs skipped.
///
/// `init?(_:)` is the one place that reads them from a result: the `tlb` section of a Linux
/// capture (`ipi_latency_ns`, `ipi_latency_histogram`, `linux_cpus`); ``LinuxPanel`` draws them.
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

    /// The trace's Linux figures, or nil when it has none (every NetBSD trace).
    init?(_ trace: TraceResult) {
        let tlb = trace.tlb
        guard tlb.remoteFlushRequests != nil else { return nil }
        let latency = tlb.ipiLatencyNs.flatMap { $0.count > 0 ? $0 : nil }
        self.init(
            latency: (tlb.ipiLatencyHistogram ?? []).map {
                Bucket(lowerNs: $0.lowerNs, upperNs: $0.upperNs, count: $0.count)
            },
            p50Ns: latency?.p50, p99Ns: latency?.p99, maxNs: latency?.max,
            perCPU: (tlb.linuxCPUs ?? []).map {
                CPURow(cpu: $0.cpu, requests: $0.requests, ipis: $0.ipis, lazySkips: $0.lazySkips)
            })
    }
}
