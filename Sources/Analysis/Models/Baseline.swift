import KTrace
import SignalModel
import TLBModel

/// The kernel behaviour a trace is checked against: its models analyse the
/// recorded events, its replay is what `replay_fidelity` compares with the trace
/// and what every strategy is shown against (docs/architecture.md, "Models").
///
/// Chosen per trace (``forTrace(_:)``). Today every trace gets `netbsd8`; a Linux
/// baseline adds a case, its analyzers and its answer here.
public enum Baseline: String, Sendable, CaseIterable {
    case netbsd8

    /// The baseline for a trace with these headers.
    static func forTrace(_ config: TraceConfig) -> Baseline { .netbsd8 }

    /// The TLB strategy that replays this baseline.
    var tlbStrategy: TLBStrategyName {
        switch self {
        case .netbsd8: return .netbsd8
        }
    }

    /// The signal strategy that replays this baseline.
    var signalStrategy: SignalStrategyName {
        switch self {
        case .netbsd8: return .netbsd8
        }
    }

    /// The kernel's name in messages ("the NetBSD model does not describe this trace").
    var kernelName: String {
        switch self {
        case .netbsd8: return "NetBSD"
        }
    }

    /// The analyzers of the recorded trace, in lineup order (their notes and
    /// findings keep this order). `replays`: strategies are replayed, so each
    /// analyzer's baseline replay keeps a full outcome.
    func analyzers(config: TraceConfig, expectation: WaitExpectation?, replays: Bool) -> [any TraceModel] {
        switch self {
        case .netbsd8:
            return [
                TLBAnalyzer(config: config),
                SignalAnalyzer(config: config, expectation: expectation, keepsBaselineOutcome: replays),
            ]
        }
    }

    /// Whether `entry` needs a replay of its own in `layer`; when not, the baseline
    /// analyzer's internal replay stands in (replaying the baseline twice doubled its cost).
    func needsOwnReplay(_ entry: StrategyPlan.Entry, in layer: ModelLayer) -> Bool {
        switch layer {
        case .tlb:
            guard let spec = entry.tlb else { return false }
            return spec.name != tlbStrategy || !spec.parameters.isEmpty
        case .signal:
            guard let spec = entry.signal else { return false }
            return spec.name != signalStrategy
        }
    }
}
