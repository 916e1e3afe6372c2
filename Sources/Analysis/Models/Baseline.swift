import KTrace
import SignalModel
import TLBModel

/// The kernel behaviour a trace is checked against: its models analyse the
/// recorded events, its replay is what `replay_fidelity` compares with the trace
/// and what every strategy is shown against (docs/architecture.md, "Models").
///
/// Chosen per trace (``forTrace(_:)``): `linux` for a Linux capture (its headers say
/// Linux signal numbers: an ftrace file, `trace-cmd report`, babeltrace2, `--signals
/// linux`; or its first event is a Linux tracepoint; or, for a trace read twice, the first
/// read saw one anywhere: `TraceProbe`), `netbsd8` otherwise.
public enum Baseline: String, Sendable, CaseIterable {
    case netbsd8
    /// Linux's own TLB protocol and signal rules (docs/tlb-model.md "Linux captures", §3.3).
    case linux

    /// The baseline for a trace with these headers.
    static func forTrace(_ config: TraceConfig) -> Baseline {
        config.signalNumbering == .linux ? .linux : .netbsd8
    }

    /// The TLB strategy that replays this baseline.
    var tlbStrategy: TLBStrategyName {
        switch self {
        case .netbsd8: return .netbsd8
        case .linux: return .linux
        }
    }

    /// The signal strategy that replays this baseline (Linux captures: the signal
    /// analyzer follows Linux's rules and has no strategy of its own).
    var signalStrategy: SignalStrategyName { .netbsd8 }

    /// The kernel's name in messages ("the NetBSD model does not describe this trace").
    var kernelName: String {
        switch self {
        case .netbsd8: return "NetBSD"
        case .linux: return "Linux"
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
        case .linux:
            // The signal analyzer follows Linux's rules on a trace with Linux signal numbers.
            return [
                LinuxTLBModel(findingLimit: config.findingLimit),
                SignalAnalyzer(config: config, expectation: expectation, keepsBaselineOutcome: replays),
            ]
        }
    }

    /// A TLB strategy's own replay on this baseline's traces.
    func tlbReplay(_ spec: TLBStrategySpec, config: TraceConfig) -> any TraceModel {
        switch self {
        case .netbsd8: return TLBReplayer(strategy: spec, config: config)
        case .linux: return LinuxTLBReplay(strategy: spec)
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
            // Linux captures have one signal model, Linux's rules: the analyzer's counts stand in.
            guard let spec = entry.signal, self == .netbsd8 else { return false }
            return spec.name != signalStrategy
        }
    }
}
