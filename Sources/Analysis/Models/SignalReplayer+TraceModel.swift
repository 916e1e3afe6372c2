import KTrace
import SignalModel

extension SignalReplayer: TraceModel {
    /// 118 M (`single-stop`, whose tracers' waits block).
    var laneWeight: Int { 12 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish()
        return ModelReport(
            replay: ReplayPart(
                layer: .signal, writeCounts: { $0.signal = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
