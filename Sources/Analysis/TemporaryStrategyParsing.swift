// TEMPORARY until the model branches land with their own parsers.
import SignalModel
import TLBModel

struct TemporaryParseError: Error, CustomStringConvertible {
    var description: String
}

extension TLBStrategySpec {
    static func parse(_ text: String) throws -> TLBStrategySpec {
        let parts = text.split(separator: ":", maxSplits: 1)
        var spec = TLBStrategySpec(name: String(parts[0]))
        if parts.count > 1 {
            for pair in parts[1].split(separator: ",") {
                let kv = pair.split(separator: "=")
                guard kv.count == 2, let value = Int(kv[1]) else { throw TemporaryParseError(description: "bad") }
                spec.parameters[String(kv[0])] = value
            }
        }
        return spec
    }
}

extension SignalStrategySpec {
    static func parse(_ text: String) throws -> SignalStrategySpec { SignalStrategySpec(name: text) }
}
