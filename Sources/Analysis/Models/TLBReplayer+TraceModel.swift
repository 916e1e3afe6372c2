import KTrace
import TLBModel

extension TLBReplayer: TraceModel {
    /// 122 M (`idle-lazy`), 125 M (`no-wait-idle`), 136 M (`deferred-unmap`); others
    /// not measured.
    var laneWeight: Int {
        switch strategy.name {
        case .idleLazy: return 12
        case .deferredUnmap: return 14
        default: return 13
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
