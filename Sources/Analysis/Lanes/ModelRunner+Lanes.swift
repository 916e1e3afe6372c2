import KTrace

extension ModelRunner {
    /// Moves the models into at most `count` runners of about equal cost (largest
    /// first, each to the lightest lane), leaving this one without models.
    mutating func takeLanes(count: Int) -> [ModelRunner] {
        let taken = Array(zip(slots, models))
        let empty = ModelRunner(emptyLike: self)
        // Drop this runner's references first, so each lane's models are uniquely
        // referenced and mutate in place (no copy-on-write on the lane's thread).
        self = empty
        var lanes = Array(repeating: empty, count: max(1, min(count, taken.count)))
        var load = Array(repeating: 0, count: lanes.count)
        // Stable: models of equal weight keep their lineup order.
        let heaviestFirst = taken.enumerated().sorted { lhs, rhs in
            lhs.element.1.laneWeight != rhs.element.1.laneWeight
                ? lhs.element.1.laneWeight > rhs.element.1.laneWeight : lhs.offset < rhs.offset
        }.map(\.element)
        for (slot, model) in heaviestFirst {
            let lightest = load.indices.min { load[$0] < load[$1] }!
            lanes[lightest].slots.append(slot)
            lanes[lightest].models.append(model)
            load[lightest] += model.laneWeight
        }
        return lanes
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
