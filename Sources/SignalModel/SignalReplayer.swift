import KTrace

/// Replays a trace's process/signal workload under a strategy (SPEC §3.2).
public struct SignalReplayer {
    public let strategy: SignalStrategySpec
    private let config: TraceConfig

    public init(strategy: SignalStrategySpec, config: TraceConfig) {
        self.strategy = strategy
        self.config = config
    }

    public mutating func consume(_ event: Event) {
        // STUB: replaced by the signal model implementation.
    }

    public mutating func finish() -> SignalReplayOutcome {
        SignalReplayOutcome()
    }
}

/// What a signal strategy did on a trace.
public struct SignalReplayOutcome: Sendable {
    public var counts = SignalCounts()
    public var findings: [Finding] = []
    public var notes: [String] = []

    public init() {}
}

/// A signal strategy by name (SPEC §3.2).
public struct SignalStrategySpec: Sendable, Equatable {
    public var name: String

    public init(name: String) { self.name = name }

    public static let names = ["netbsd8", "single-stop", "dedup-pending", "drop-second"]
}
