import KTrace
import TLBModel

/// The Linux TLB model as the `linux` baseline's TLB analyzer: its counts fill the
/// trace's `tlb` section (docs/tlb-model.md "Linux captures"), its `linux` replay is the baseline row, its
/// fidelity answers `replay_fidelity`.
extension LinuxTLBModel: TraceModel {
    /// 3.9 M on `tlb-busy-2cpu` against 0.6 M for the Linux signal rules.
    var laneWeight: Int { 20 }

    mutating func finish(_ context: FinishContext) -> ModelReport {
        finish()
        var report = ModelReport(layer: .tlb, sawEvents: hasTLBEvents)
        let counts = TLBCounts(linux: self.counts)
        report.writeCounts = { $0.tlb = counts }
        report.findings = findings
        report.findingTotals = findingList.totals
        report.notes = notes
        report.classificationLimited = counts.unknownTargets > 0
        report.unjudgeable = [
            .tlbNoStaleTranslations: "a Linux capture records no TLB fills: a stale translation use cannot show",
            .traceVariantConsistent: "a Linux capture: no NetBSD kernel variant (Xen hypercalls or IPIs) to contradict",
        ]
        if let reason = fidelity.skippedReason {
            report.fidelity = .excluded(reason: reason)
        } else {
            report.fidelity = fidelity.mismatches.isEmpty ? .reproduced : .mismatched(fidelity.mismatches)
        }
        let outcome = LinuxTLBReplay.outcome(of: self, strategy: TLBStrategySpec(name: .linux))
        report.baselineReplay = ReplayPart(
            layer: .tlb, writeCounts: { $0.tlb = outcome.counts }, findings: outcome.findings, notes: outcome.notes)
        return report
    }
}
