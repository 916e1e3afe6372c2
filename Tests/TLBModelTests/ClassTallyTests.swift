import Testing

@testable import KTrace
@testable import TLBModel

/// `ClassTally` counts and keeps `redundant-shootdown` findings as the `FindingList` it
/// replaced did (docs/performance.md round 10): the first `limit` kept, every one counted.
@Suite struct ClassTallyTests {
    @Test func keepsAndCountsAsFindingList() {
        var generator = SystemRandomNumberGenerator()
        let event = Event(line: 7, cpu: 1, pid: 3, timeNs: 9, kind: .idleEnter)
        for _ in 0..<300 {
            let limit = Int.random(in: -2...12, using: &generator)
            var tally = ClassTally(isLimited: false, limit: limit)
            var reference = FindingList(limit: limit)
            var byClass: [String: Int] = [:]
            for step in 0..<Int.random(in: 0...30, using: &generator) {
                let kind = ShootdownClass.allCases.randomElement(using: &generator)!
                let counted = tally.count(kind)
                let redundant = kind != .needed && kind != .unknown
                if redundant { byClass[kind.rawValue, default: 0] += 1 }
                #expect(counted == (redundant && reference.admit(.redundantShootdown)))
                if counted {
                    tally.keep(kind, target: step, event: event, message: "m\(step)")
                    reference.keep(
                        Finding(
                            kind: .redundantShootdown, findingClass: kind.findingClass, line: 7, cpu: step, pid: 3,
                            timeNs: 9, message: "m\(step)"))
                }
            }
            #expect(tally.findings == reference.findings)
            #expect(tally.findingTotals == reference.totals)
            #expect(tally.byClass == byClass)
        }
    }
}
