import KTrace

extension ModelRunner {
    /// Moves the models into at most `count` runners of about equal cost, leaving this
    /// one without models. Each lane keeps its models in lineup order.
    mutating func takeLanes(count: Int) -> [ModelRunner] {
        let taken = Array(zip(slots, models))
        let empty = ModelRunner(emptyLike: self)
        // Drop this runner's references first, so each lane's models are uniquely
        // referenced and mutate in place (no copy-on-write on the lane's thread).
        self = empty
        let laneCount = max(1, min(count, taken.count))
        let assignment = Self.balance(weights: taken.map { $0.1.laneWeight }, lanes: laneCount)
        var lanes = Array(repeating: empty, count: laneCount)
        for (index, (slot, model)) in taken.enumerated() {
            lanes[assignment[index]].slots.append(slot)
            lanes[assignment[index]].models.append(model)
        }
        return lanes
    }

    /// The lane of each weight: largest first, each to the lightest lane (ties to the
    /// lower lane), then single moves and pairwise swaps off the heaviest lane while they
    /// lower it. Largest-first alone can leave the lanes far apart (weights 12, 6, 5, 4,
    /// 4, 4 on two lanes: 16 against 19, where 17 against 18 exists).
    /// Deterministic: the same weights always give the same lanes.
    static func balance(weights: [Int], lanes count: Int) -> [Int] {
        guard count > 1, !weights.isEmpty else { return Array(repeating: 0, count: weights.count) }
        var lane = Array(repeating: 0, count: weights.count)
        var load = Array(repeating: 0, count: count)
        // Stable: models of equal weight keep their lineup order.
        let heaviestFirst = weights.indices.sorted { lhs, rhs in
            weights[lhs] != weights[rhs] ? weights[lhs] > weights[rhs] : lhs < rhs
        }
        for index in heaviestFirst {
            let lightest = load.indices.min { load[$0] < load[$1] }!
            lane[index] = lightest
            load[lightest] += weights[index]
        }
        // Each step strictly lowers the heaviest lane's load or the number of lanes at
        // that load, so this ends; bounded all the same.
        for _ in 0..<(4 * weights.count * count) {
            guard let move = bestImprovement(weights: weights, lane: lane, load: load) else { break }
            for (index, to) in move {
                load[lane[index]] -= weights[index]
                load[to] += weights[index]
                lane[index] = to
            }
        }
        return lane
    }

    /// The first move of one model, or swap of two, between the heaviest lane and another
    /// that leaves both below the heaviest lane's load; nil when there is none.
    private static func bestImprovement(weights: [Int], lane: [Int], load: [Int]) -> [(Int, Int)]? {
        let heaviest = load.indices.max { load[$0] < load[$1] || (load[$0] == load[$1] && $0 > $1) }!
        let top = load[heaviest]
        var best: (move: [(Int, Int)], peak: Int)?
        for index in weights.indices where lane[index] == heaviest {
            for other in load.indices where other != heaviest {
                // Move `index` to `other`.
                let peak = max(top - weights[index], load[other] + weights[index])
                if peak < top && peak < best?.peak ?? Int.max { best = ([(index, other)], peak) }
                // Swap it with a lighter model of `other`.
                for partner in weights.indices where lane[partner] == other && weights[partner] < weights[index] {
                    let delta = weights[index] - weights[partner]
                    let peak = max(top - delta, load[other] + delta)
                    if peak < top && peak < best?.peak ?? Int.max {
                        best = ([(index, other), (partner, heaviest)], peak)
                    }
                }
            }
        }
        return best?.move
    }

    /// Takes back the models of a lane made by `takeLanes`, keeping lineup order.
    mutating func absorb(_ lane: ModelRunner) {
        for (slot, model) in zip(lane.slots, lane.models) {
            let index = slots.firstIndex { $0 > slot } ?? slots.count
            slots.insert(slot, at: index)
            models.insert(model, at: index)
        }
    }
}
