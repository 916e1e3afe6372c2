import KTrace
import SignalModel
import TLBModel

extension ModelRunner {
    /// Rough per-event cost of each model on a mixed workload (perf samples), used
    /// only to balance the lanes.
    private enum Weight {
        static let tlbAnalyzer = 12
        static let signalAnalyzer = 10
        static let timeline = 2
        static let tlbReplay = 7
        static let signalReplay = 7
    }

    /// Moves the models into at most `count` runners of about equal cost (largest
    /// first, each to the lightest lane), leaving this one without models.
    mutating func takeLanes(count: Int) -> [ModelRunner] {
        var models: [(weight: Int, put: (inout ModelRunner) -> Void)] = []
        // The timeline reads the TLB analyzer's classes as they are decided: same lane.
        let timeline = self.timeline
        if let tlb {
            let weight = Weight.tlbAnalyzer + (timeline == nil ? 0 : Weight.timeline)
            models.append(
                (
                    weight,
                    {
                        $0.tlb = tlb
                        $0.timeline = timeline
                    }
                ))
        } else if let timeline {
            models.append((Weight.timeline, { $0.timeline = timeline }))
        }
        if let signal {
            models.append((Weight.signalAnalyzer, { $0.signal = signal }))
        }
        for (slot, replay) in zip(tlbReplaySlots, tlbReplays) {
            models.append(
                (
                    Weight.tlbReplay,
                    {
                        $0.tlbReplays.append(replay)
                        $0.tlbReplaySlots.append(slot)
                    }
                ))
        }
        for (slot, replay) in zip(signalReplaySlots, signalReplays) {
            models.append(
                (
                    Weight.signalReplay,
                    {
                        $0.signalReplays.append(replay)
                        $0.signalReplaySlots.append(slot)
                    }
                ))
        }
        let empty = ModelRunner(emptyLike: self)
        // Drop this runner's references first, so each lane's models are uniquely
        // referenced and mutate in place (no copy-on-write on the lane's thread).
        self = empty
        var lanes = Array(repeating: empty, count: max(1, min(count, models.count)))
        var load = Array(repeating: 0, count: lanes.count)
        for model in models.sorted(by: { $0.weight > $1.weight }) {
            let lightest = load.indices.min { load[$0] < load[$1] }!
            model.put(&lanes[lightest])
            load[lightest] += model.weight
        }
        return lanes
    }

    /// Takes back the models of a lane made by `takeLanes`.
    mutating func absorb(_ lane: ModelRunner) {
        if let tlb = lane.tlb { self.tlb = tlb }
        if let signal = lane.signal { self.signal = signal }
        if let timeline = lane.timeline { self.timeline = timeline }
        for (slot, replay) in zip(lane.tlbReplaySlots, lane.tlbReplays) {
            Self.insert(replay, at: slot, into: &tlbReplays, slots: &tlbReplaySlots)
        }
        for (slot, replay) in zip(lane.signalReplaySlots, lane.signalReplays) {
            Self.insert(replay, at: slot, into: &signalReplays, slots: &signalReplaySlots)
        }
    }

    /// Puts `replay` back where `slot` says, keeping `slots` (and `replays`) in slot order.
    private static func insert<Replay>(_ replay: Replay, at slot: Int, into replays: inout [Replay], slots: inout [Int])
    {
        let index = slots.firstIndex { $0 > slot } ?? slots.count
        slots.insert(slot, at: index)
        replays.insert(replay, at: index)
    }
}
