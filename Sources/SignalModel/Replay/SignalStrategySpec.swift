/// A signal strategy by name (docs/signal-model.md "Replay"): `netbsd8`, `single-stop`, `dedup-pending`, `drop-second`.
public struct SignalStrategySpec: Sendable, Equatable {
    public var name: String

    public init(name: String) { self.name = name }

    /// The strategy names, baseline first.
    public static let names = ["netbsd8", "single-stop", "dedup-pending", "drop-second"]

    /// Validates a `--strategy` word. Signal strategies take no parameters.
    public static func parse(_ text: String) throws -> SignalStrategySpec {
        let trimmed = String(text.drop { $0 == " " })
        let name = trimmed.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        guard names.contains(name) else { throw SignalStrategyError.unknownStrategy(name) }
        guard name == trimmed else { throw SignalStrategyError.unexpectedParameters(name) }
        return SignalStrategySpec(name: name)
    }

    /// The strategy, or nil for a name `parse` would reject.
    public func makeStrategy() -> (any SignalStrategy)? {
        switch name {
        case "netbsd8": return NetBSD8Strategy()
        case "single-stop": return SingleStopStrategy()
        case "dedup-pending": return DedupPendingStrategy()
        case "drop-second": return DropSecondStrategy()
        default: return nil
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
