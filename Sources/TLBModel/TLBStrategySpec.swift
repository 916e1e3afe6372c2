/// A TLB strategy by name with its parameters (`deferred-unmap:fifo=32`).
public struct TLBStrategySpec: Sendable, Equatable, CustomStringConvertible {
    public var name: TLBStrategyName
    public var parameters: [String: Int]

    public init(name: TLBStrategyName, parameters: [String: Int] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The strategy names as `--strategy` spells them, in docs/tlb-model.md's order;
    /// `linux` is Linux's own rule, for Linux captures.
    public static var names: [String] { TLBStrategyName.allCases.map(\.rawValue) }

    /// Parameters each strategy takes: key → (default, smallest, largest value).
    static let parameterRules: [TLBStrategyName: [String: (defaultValue: Int, range: ClosedRange<Int>)]] = [
        .deferredUnmap: ["fifo": (64, 1...1_048_576)],
        .ubcWinshift: ["shift": (17, 12...30)],
        .tpMaxva: ["n": (16, 1...4096)],
    ]

    /// The spelling a user gave, normalised (`deferred-unmap:fifo=64`).
    public var description: String {
        parameters.isEmpty
            ? name.rawValue
            : name.rawValue + ":"
                + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// Parses `name` or `name:key=value,…`, checking the name and parameters against
    /// docs/tlb-model.md "Strategies" and filling in defaults (`deferred-unmap` → `deferred-unmap:fifo=64`).
    public static func parse(_ text: String) throws(TLBStrategyParseError) -> TLBStrategySpec {
        let trimmed = text.trimmed
        guard !trimmed.isEmpty else { throw .empty }
        let head = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = TLBStrategyName(rawValue: String(head[0])) else { throw .unknownStrategy(String(head[0])) }
        let rules = parameterRules[name] ?? [:]
        var parameters: [String: Int] = [:]
        if head.count == 2 {
            for item in head[1].split(separator: ",", omittingEmptySubsequences: false) {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(pair[0]).trimmed
                guard pair.count == 2, !key.isEmpty else {
                    throw .malformedParameter(strategy: name.rawValue, text: String(item))
                }
                guard let rule = rules[key] else {
                    throw .unknownParameter(strategy: name.rawValue, key: key, allowed: rules.keys.sorted())
                }
                guard parameters[key] == nil else { throw .duplicateParameter(strategy: name.rawValue, key: key) }
                let raw = String(pair[1]).trimmed
                guard let value = Int(raw), rule.range.contains(value) else {
                    throw .badValue(strategy: name.rawValue, key: key, value: raw, range: rule.range)
                }
                parameters[key] = value
            }
        }
        for (key, rule) in rules where parameters[key] == nil { parameters[key] = rule.defaultValue }
        return TLBStrategySpec(name: name, parameters: parameters)
    }
}

/// Why a `--strategy` spelling is not a TLB strategy.
public enum TLBStrategyParseError: Error, Equatable, CustomStringConvertible {
    case empty
    case unknownStrategy(String)
    case malformedParameter(strategy: String, text: String)
    case unknownParameter(strategy: String, key: String, allowed: [String])
    case duplicateParameter(strategy: String, key: String)
    case badValue(strategy: String, key: String, value: String, range: ClosedRange<Int>)

    public var description: String {
        switch self {
        case .empty:
            return "empty TLB strategy name"
        case .unknownStrategy(let name):
            return "unknown TLB strategy '\(name)' (known: \(TLBStrategySpec.names.joined(separator: ", ")))"
        case .malformedParameter(let strategy, let text):
            return "\(strategy): parameter '\(text)' is not key=value"
        case .unknownParameter(let strategy, let key, let allowed):
            let takes = allowed.isEmpty ? "takes no parameters" : "takes " + allowed.joined(separator: ", ")
            return "\(strategy): unknown parameter '\(key)' (\(strategy) \(takes))"
        case .duplicateParameter(let strategy, let key):
            return "\(strategy): parameter '\(key)' given twice"
        case .badValue(let strategy, let key, let value, let range):
            return "\(strategy): \(key)=\(value) is not an integer in \(range.lowerBound)...\(range.upperBound)"
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing blanks (no Foundation needed).
    fileprivate var trimmed: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
