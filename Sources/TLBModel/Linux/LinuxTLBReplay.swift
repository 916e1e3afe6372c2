import KTrace

/// One TLB strategy replayed over a Linux capture's flush requests (docs/tlb-model.md "Linux captures"
/// "Replay"): `linux`, `netbsd8`, `idle-lazy`, `no-wait-idle`, `none`
/// (`LinuxTLBModel.strategies`); the others need NetBSD's pmap events and are not
/// modelled here (a note says so).
public struct LinuxTLBReplay: Sendable {
    public let strategy: TLBStrategySpec
    private var model = LinuxTLBModel(findingLimit: 0)

    public init(strategy: TLBStrategySpec) { self.strategy = strategy }

    public mutating func consume(_ event: Event) { model.consume(event) }

    public mutating func finish() -> TLBReplayOutcome {
        model.finish()
        return Self.outcome(of: model, strategy: strategy)
    }

    /// `strategy`'s figures from a finished model (the analyzer's own model serves
    /// the `linux` baseline).
    public static func outcome(of model: LinuxTLBModel, strategy: TLBStrategySpec) -> TLBReplayOutcome {
        var outcome = TLBReplayOutcome()
        guard strategy.parameters.isEmpty, let counts = model.replays[strategy.name.rawValue] else {
            outcome.notes.append(
                "\(strategy): not modelled on Linux captures (only "
                    + LinuxTLBModel.strategies.joined(separator: ", ") + ")")
            return outcome
        }
        outcome.counts.ipis = counts.ipis
        outcome.counts.targets = counts.targets
        outcome.counts.idleTargets = counts.idleTargets
        return outcome
    }
}
