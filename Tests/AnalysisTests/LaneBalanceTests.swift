import KTrace
import Testing

@testable import Analysis

/// `ModelRunner.balance` spreads the models over the lanes by `laneWeight`. These tests
/// fail if it leaves lanes further apart than largest-first alone would, or than a
/// split that exists for the weights of `replay` ×4.
@Suite struct LaneBalanceTests {
    static func loads(_ weights: [Int], _ lanes: Int) -> [Int] {
        let assignment = ModelRunner.balance(weights: weights, lanes: lanes)
        #expect(assignment.count == weights.count)
        var load = Array(repeating: 0, count: lanes)
        for (index, lane) in assignment.enumerated() {
            #expect(lane >= 0 && lane < lanes)
            load[lane] += weights[index]
        }
        return load
    }

    /// Largest first, each to the lightest lane: what `balance` improves on.
    static func largestFirst(_ weights: [Int], _ lanes: Int) -> Int {
        var load = Array(repeating: 0, count: lanes)
        for weight in weights.sorted(by: >) { load[load.indices.min { load[$0] < load[$1] }!] += weight }
        return load.max()!
    }

    /// `replay --strategy idle-lazy,no-wait-idle,deferred-unmap,single-stop` in lineup
    /// order: TLB analyzer, signal analyzer, the three TLB replays, the signal replay.
    @Test func replayTimesFourSplitsEvenlyOnTwoLanes() {
        let weights = [40, 20, 12, 13, 14, 11]
        let assignment = ModelRunner.balance(weights: weights, lanes: 2)
        // 54 against 56: the TLB analyzer with deferred-unmap (largest-first alone: 52 against 58).
        #expect(Self.loads(weights, 2).sorted() == [54, 56])
        #expect(assignment[0] == assignment[4])
        #expect(Self.largestFirst(weights, 2) == 58)
        // Three and four lanes: the TLB analyzer alone is the longest.
        #expect(Self.loads(weights, 3).max() == 40)
        #expect(Self.loads(weights, 4).max() == 40)
    }

    @Test func movesAndSwapsBeatLargestFirst() {
        #expect(Self.largestFirst([12, 6, 5, 4, 4, 4], 2) == 19)
        #expect(Self.loads([12, 6, 5, 4, 4, 4], 2).max() == 18)
    }

    @Test func oneLaneOrNoModel() {
        #expect(ModelRunner.balance(weights: [3, 2, 1], lanes: 1) == [0, 0, 0])
        #expect(ModelRunner.balance(weights: [], lanes: 3) == [])
    }

    /// Random weights: never worse than largest-first, and the same answer every time.
    @Test func randomWeightsNeverWorseThanLargestFirst() {
        var generator = SplitMix64(seed: 17)
        for _ in 0..<2_000 {
            let count = Int.random(in: 1...9, using: &generator)
            let lanes = Int.random(in: 2...4, using: &generator)
            let weights = (0..<count).map { _ in Int.random(in: 1...40, using: &generator) }
            let loads = Self.loads(weights, lanes)
            #expect(loads.max()! <= Self.largestFirst(weights, lanes), "\(weights) on \(lanes)")
            #expect(loads.reduce(0, +) == weights.reduce(0, +))
            let again = ModelRunner.balance(weights: weights, lanes: lanes)
            #expect(ModelRunner.balance(weights: weights, lanes: lanes) == again)
        }
    }
}
