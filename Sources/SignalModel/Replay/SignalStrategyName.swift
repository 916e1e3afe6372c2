/// The signal strategies (docs/signal-model.md "Replay"), as `--strategy` spells them; baseline first.
public enum SignalStrategyName: String, Sendable, CaseIterable, CustomStringConvertible {
    case netbsd8
    case singleStop = "single-stop"
    case dedupPending = "dedup-pending"
    case dropSecond = "drop-second"

    public var description: String { rawValue }
}
