import KTrace
import TLBModel

extension TLBReplayer: TraceModel {
    var laneWeight: Int { 7 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish(cpuCount: context.cpuCount)
        return ModelReport(
            replay: ReplayPart(
                layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
