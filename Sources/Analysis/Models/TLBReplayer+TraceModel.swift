import KTrace
import TLBModel

extension TLBReplayer: TraceModel {
    /// 129 M (`idle-lazy`, `no-wait-idle`), 136 M (`deferred-unmap`).
    var laneWeight: Int { strategy.name == .deferredUnmap ? 14 : 13 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish(cpuCount: context.cpuCount)
        return ModelReport(
            replay: ReplayPart(
                layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
