import Testing

@testable import KTrace
@testable import TLBModel

/// `MessageText.add(seconds:)` spells times as `seconds(_:)` does (redundant-shootdown
/// messages name when a target went idle).
@Suite struct MessageSecondsTests {
    @Test func spellsAsSeconds() {
        var generator = SystemRandomNumberGenerator()
        var values: [Int64] = [0, 1, 999, 1_000, -1, -999, -1_000, 10_000_000_000, 12_000_345_678, .max, .min]
        for _ in 0..<2_000 {
            values.append(Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...60))
        }
        for value in values {
            var text = MessageText()
            text.add(seconds: value)
            #expect(text.string == seconds(value), "\(value)")
        }
    }
}
