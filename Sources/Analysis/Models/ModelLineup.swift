import KTrace
import SignalModel
import TLBModel

/// Which models one analysis runs over each trace: the baseline's analyzers, the
/// timeline recorder when asked for, then one replay per plan entry and layer
/// that needs its own. The one place that names the model types.
struct ModelLineup {
    let plan: StrategyPlan
    let waitExpectation: WaitExpectation?
    let collectsTimeline: Bool

    /// The baseline and models for a trace with these headers, in finishing order.
    func models(config: TraceConfig) -> (baseline: Baseline, models: [any TraceModel]) {
        let baseline = Baseline.forTrace(config)
        var models = baseline.analyzers(config: config, expectation: waitExpectation, replays: !plan.isEmpty)
        if collectsTimeline {
            // It draws each target in the class the TLB analyzer (NetBSD's or Linux's) decides:
            // it rides in that model (same lane, each event right after the analyzer).
            var timeline = TimelineRecorder()
            timeline.begin(config: config)
            if let index = models.firstIndex(where: { $0 is TLBAnalyzer }), let analyzer = models[index] as? TLBAnalyzer
            {
                models[index] = TLBAnalyzerWithTimeline(analyzer: analyzer, recorder: timeline)
            } else if let index = models.firstIndex(where: { $0 is LinuxTLBModel }),
                let model = models[index] as? LinuxTLBModel
            {
                models[index] = LinuxTLBModelWithTimeline(model: model, recorder: timeline)
            } else {
                models.append(timeline)
            }
        }
        for entry in plan.entries {
            for layer in ModelLayer.allCases where baseline.needsOwnReplay(entry, in: layer) {
                switch layer {
                case .tlb:
                    if let spec = entry.tlb { models.append(baseline.tlbReplay(spec, config: config)) }
                case .signal:
                    if let spec = entry.signal { models.append(SignalReplayer(strategy: spec, config: config)) }
                }
            }
        }
        return (baseline, models)
    }
}
