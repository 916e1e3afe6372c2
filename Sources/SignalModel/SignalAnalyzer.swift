import KTrace

/// Finds duplicate wait returns, double posts, lost signals and wait mismatches
/// in a recorded trace (SPEC §3.1), and checks the `netbsd8` replay against it.
public struct SignalAnalyzer {
    private let config: TraceConfig

    public init(config: TraceConfig) {
        self.config = config
    }

    public mutating func consume(_ event: Event) {
        // STUB: replaced by the signal model implementation.
    }

    public mutating func finish() -> SignalAnalysis {
        SignalAnalysis()
    }
}

/// What the signal model found in one recorded trace.
public struct SignalAnalysis: Sendable {
    public var counts = SignalCounts()
    /// `duplicate-wait-return`, `double-sigpost`, `lost-signal`, `wait-mismatch`, in line order.
    public var findings: [Finding] = []
    /// False when the trace has no signal/process events (signal checks are then skipped).
    public var hasSignalEvents = false
    /// Whether wait results could be compared against an expectation (`wait-mismatch`).
    public var hasWaitExpectation = false
    /// Fidelity of the netbsd8 replay: nil when not applicable (no wait returns).
    public var fidelityMismatches: [Finding]? = nil
    public var notes: [String] = []

    public init() {}
}
