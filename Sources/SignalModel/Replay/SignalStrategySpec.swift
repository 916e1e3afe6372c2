/// A signal strategy by name (docs/signal-model.md "Replay"): `netbsd8`, `single-stop`, `dedup-pending`, `drop-second`.
public struct SignalStrategySpec: Sendable, Equatable {
    public var name: SignalStrategyName

    public init(name: SignalStrategyName) { self.name = name }

    /// The strategy names as `--strategy` spells them, baseline first.
    public static var names: [String] { SignalStrategyName.allCases.map(\.rawValue) }

    /// Validates a `--strategy` word. Signal strategies take no parameters.
    public static func parse(_ text: String) throws -> SignalStrategySpec {
        let trimmed = String(text.drop { $0 == " " })
        let word = trimmed.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        guard let name = SignalStrategyName(rawValue: word) else { throw SignalStrategyError.unknownStrategy(word) }
        guard word == trimmed else { throw SignalStrategyError.unexpectedParameters(word) }
        return SignalStrategySpec(name: name)
    }

    /// The strategy this spec names.
    public func makeStrategy() -> any SignalStrategy {
        switch name {
        case .netbsd8: return NetBSD8Strategy()
        case .singleStop: return SingleStopStrategy()
        case .dedupPending: return DedupPendingStrategy()
        case .dropSecond: return DropSecondStrategy()
        }
    }
}

/// A `--strategy` word that names no signal strategy.
public enum SignalStrategyError: Error, Equatable, CustomStringConvertible {
    case unknownStrategy(String)
    case unexpectedParameters(String)

    public var description: String {
        switch self {
        case .unknownStrategy(let name):
            return "unknown signal strategy '\(name)' (known: \(SignalStrategySpec.names.joined(separator: ", ")))"
        case .unexpectedParameters(let name):
            return "signal strategy '\(name)' takes no parameters"
        }
    }
}
