import KTrace
import TLBModel

extension TLBAnalyzer: TraceModel {
    /// 313 M with its netbsd8 replay (round 10 of docs/performance.md; weights are
    /// ≈ 10 M instructions of the 64 MiB bench trace each).
    var laneWeight: Int { 31 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        let analysis = finish(cpuCount: context.cpuCount)
        var report = ModelReport(layer: .tlb, sawEvents: analysis.hasTLBEvents)
        report.writeCounts = { $0.tlb = analysis.counts }
        report.findings = analysis.findings
        report.findingTotals = analysis.findingTotals
        report.notes = analysis.notes
        report.classificationLimited = analysis.classificationLimited
        report.fidelity = Self.fidelity(analysis.fidelity, capture: context.capture)
        let outcome = baselineOutcome ?? TLBReplayOutcome()
        report.baselineReplay = ReplayPart(
            layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings, notes: outcome.notes)
        return report
    }

    /// The NetBSD model describes no Linux capture, whatever it recorded (docs/trace-format.md, "Linux").
    static func fidelity(_ outcome: FidelityOutcome, capture: CaptureKernel) -> FidelityPart {
        guard capture == .netbsd else {
            return .excluded(reason: "a Linux capture: the NetBSD model does not describe this trace")
        }
        switch outcome {
        case .reproduced: return .reproduced
        case .mismatched(let found): return .mismatched(found)
        case .notApplicable(let reason): return .notApplicable(reason: reason)
        }
    }
}
