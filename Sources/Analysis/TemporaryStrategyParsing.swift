// TEMPORARY until the model branches land with their own parsers.
import SignalModel
import TLBModel

struct TemporaryParseError: Error, CustomStringConvertible {
    var description: String
}

extension SignalStrategySpec {
    static func parse(_ text: String) throws -> SignalStrategySpec { SignalStrategySpec(name: text) }
}
