import KTrace
import SignalModel

extension SignalReplayer: TraceModel {
    /// 69 M (`single-stop`, whose tracers' waits block; round 10); others not measured.
    var laneWeight: Int { 7 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish()
        return ModelReport(
            replay: ReplayPart(
                layer: .signal, writeCounts: { $0.signal = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
