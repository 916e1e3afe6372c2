import KTrace
import SignalModel
import TLBModel

/// Feeds one trace's events to the baseline analyzers and every requested replay.
///
/// Each replay keeps its own model state, so one pass over the file serves all
/// strategies (ARCHITECTURE "Replay").
struct ModelRunner: TraceConsumer {
    let plan: StrategyPlan
    private(set) var config = TraceConfig()
    // Settable in the module: `takeLanes` and `absorb` move models between runners.
    var tlb: TLBAnalyzer?
    var signal: SignalAnalyzer?
    /// One per plan entry with its own TLB strategy. The netbsd8 baseline is the TLB
    /// analyzer's internal replay (replaying it twice doubled the baseline's cost).
    var tlbReplays: [TLBReplayer] = []
    var signalReplays: [SignalReplayer] = []
    /// Where each replay stands in the full lists, so that a runner split into
    /// lanes (`takeLanes`) can be put back together in order (`absorb`).
    var tlbReplaySlots: [Int] = []
    var signalReplaySlots: [Int] = []
    /// Per-event data for the HTML timeline, when asked for. It reads the TLB analyzer's
    /// classes as they are decided: it consumes each event after `tlb`, in the same lane.
    var timeline: TimelineRecorder?

    let waitExpectation: WaitExpectation?

    init(plan: StrategyPlan, waitExpectation: WaitExpectation? = nil) {
        self.plan = plan
        self.waitExpectation = waitExpectation
    }

    /// A runner with `other`'s plan and configuration but no models.
    init(emptyLike other: ModelRunner) {
        plan = other.plan
        config = other.config
        waitExpectation = other.waitExpectation
    }

    mutating func begin(config: TraceConfig) {
        self.config = config
        tlb = TLBAnalyzer(config: config)
        signal = SignalAnalyzer(config: config, expectation: waitExpectation, keepsBaselineOutcome: !plan.isEmpty)
        timeline?.begin(config: config)
        // The timeline draws each target with the analyzer's own class.
        tlb?.observer = timeline?.classes
        guard !plan.isEmpty else { return }
        // Each entry's own replay; the baseline is the analyzers' (see `finishReplays`).
        for entry in plan.entries {
            if let spec = entry.tlb, spec.name != "netbsd8" || !spec.parameters.isEmpty {
                tlbReplaySlots.append(tlbReplays.count)
                tlbReplays.append(TLBReplayer(strategy: spec, config: config))
            }
            if let spec = entry.signal, spec.name != "netbsd8" {
                signalReplaySlots.append(signalReplays.count)
                signalReplays.append(SignalReplayer(strategy: spec, config: config))
            }
        }
    }

    mutating func consume(_ event: Event) {
        tlb?.consume(event)
        signal?.consume(event)
        timeline?.consume(event)
        for index in tlbReplays.indices { tlbReplays[index].consume(event) }
        for index in signalReplays.indices { signalReplays[index].consume(event) }
    }

    /// The replay results, one per plan entry, in the order given. `tlbBaseline` and
    /// `signalBaseline` are the finished analyzers' netbsd8 outcomes.
    mutating func finishReplays(
        cpuCount: Int, tlbBaseline: TLBReplayOutcome, signalBaseline: SignalReplayOutcome
    ) -> [(entry: StrategyPlan.Entry, tlb: TLBReplayOutcome, signal: SignalReplayOutcome)] {
        guard !plan.isEmpty else { return [] }
        let tlbOutcomes = [tlbBaseline] + tlbReplays.indices.map { tlbReplays[$0].finish(cpuCount: cpuCount) }
        let signalOutcomes = [signalBaseline] + signalReplays.indices.map { signalReplays[$0].finish() }
        var tlbNext = 1
        var signalNext = 1
        return plan.entries.map { entry in
            var tlbOutcome = tlbOutcomes[0]
            if let spec = entry.tlb, spec.name != "netbsd8" || !spec.parameters.isEmpty {
                tlbOutcome = tlbOutcomes[tlbNext]
                tlbNext += 1
            }
            var signalOutcome = signalOutcomes[0]
            if let spec = entry.signal, spec.name != "netbsd8" {
                signalOutcome = signalOutcomes[signalNext]
                signalNext += 1
            }
            return (entry, tlbOutcome, signalOutcome)
        }
    }
}
