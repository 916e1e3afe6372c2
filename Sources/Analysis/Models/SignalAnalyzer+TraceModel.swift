import KTrace
import SignalModel

extension SignalAnalyzer: TraceModel {
    /// 142 M with its netbsd8 replay (round 10); Linux captures run only the cheap Linux rules.
    var laneWeight: Int { usesLinuxRules ? 3 : 14 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let analysis = finish()
        var report = ModelReport(layer: .signal, sawEvents: analysis.hasSignalEvents)
        report.writeCounts = { $0.signal = analysis.counts }
        report.findings = analysis.findings
        report.findingTotals = analysis.findingTotals
        report.notes = analysis.notes
        if usesLinuxRules {
            report.fidelity = .notApplicable(reason: "Linux wait4 records no wait status")
            report.unjudgeable[.signalNoDoublePost] = "Linux traces no signal posts: a double post cannot show"
        } else if context.capture != .netbsd {
            report.fidelity = .excluded(reason: "a Linux capture: the NetBSD model does not describe this trace")
        } else {
            report.fidelity =
                analysis.fidelityMismatches.map { $0.isEmpty ? .reproduced : .mismatched($0) }
                ?? .notApplicable(reason: nil)
        }
        let outcome = baselineOutcome ?? SignalReplayOutcome()
        report.baselineReplay = ReplayPart(
            layer: .signal, writeCounts: { $0.signal = outcome.counts }, findings: outcome.findings,
            notes: outcome.notes)
        return report
    }
}
