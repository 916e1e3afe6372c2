import KTrace
import TLBModel

extension LinuxTLBReplay: TraceModel {
    /// 3.4 M on `tlb-busy-2cpu`.
    var laneWeight: Int { 17 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish()
        return ModelReport(
            replay: ReplayPart(
                layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
