import KTrace
import SignalModel

extension SignalReplayer: TraceModel {
    var laneWeight: Int { 7 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let outcome = finish()
        return ModelReport(
            replay: ReplayPart(
                layer: .signal, writeCounts: { $0.signal = outcome.counts }, findings: outcome.findings,
                notes: outcome.notes))
    }
}
