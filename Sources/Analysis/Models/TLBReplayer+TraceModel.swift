import KTrace
import TLBModel

extension TLBReplayer: TraceModel {
    /// 119 M (`idle-lazy`), 118 M (`no-wait-idle`), 137 M (`deferred-unmap`) after round
    /// 10; others not measured.
    var laneWeight: Int {
        switch strategy.name {
        case .deferredUnmap: return 14
        default: return 12
        }
    }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish(cpuCount: context.cpuCount)
        return ModelReport(
            replay: ReplayPart(
                layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
