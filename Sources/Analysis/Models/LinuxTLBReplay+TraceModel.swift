import KTrace
import TLBModel

extension LinuxTLBReplay: TraceModel {
    var laneWeight: Int { 5 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish()
        return ModelReport(
            replay: ReplayPart(
                layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
