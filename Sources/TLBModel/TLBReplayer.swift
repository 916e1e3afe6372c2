import KTrace

/// Replays a trace's TLB workload under a strategy (SPEC §2.2) with the safety
/// check and the cost model (SPEC §2.3).
public struct TLBReplayer {
    public let strategy: TLBStrategySpec
    private let config: TraceConfig

    public init(strategy: TLBStrategySpec, config: TraceConfig) {
        self.strategy = strategy
        self.config = config
    }

    public mutating func consume(_ event: Event) {
        // STUB: replaced by the TLB model implementation.
    }

    public mutating func finish(cpuCount: Int) -> TLBReplayOutcome {
        TLBReplayOutcome()
    }
}

/// What a TLB strategy did on a trace.
public struct TLBReplayOutcome: Sendable {
    public var counts = TLBReplayCounts()
    /// `stale-translation` findings of the safety check.
    public var findings: [Finding] = []
    public var notes: [String] = []

    public init() {}
}

/// A TLB strategy by name with its parameters (`deferred-unmap:fifo=32`).
public struct TLBStrategySpec: Sendable, Equatable {
    public var name: String
    public var parameters: [String: Int]

    public init(name: String, parameters: [String: Int] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The strategy names of SPEC §2.2.
    public static let names = [
        "netbsd8", "idle-lazy", "no-wait-idle", "deferred-unmap", "ubc-winshift", "bind-local",
        "direct-map", "xen-hypercall", "tp-maxva", "none",
    ]

    /// The spelling a user gave, normalised (`deferred-unmap:fifo=64`).
    public var description: String {
        parameters.isEmpty
            ? name
            : name + ":" + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
