import KTrace

/// What the checks of one trace are evaluated on.
struct CheckInput {
    /// The baseline the models replayed.
    var baseline: Baseline
    /// The finished models' reports, in lineup order.
    var reports: [ModelReport]
    /// The trace's counts (the redundant-shootdown check quotes them).
    var tlb: TLBCounts
    var malformedLines: Int
    var firstMalformedLine: Int?
    /// What stopped reading (a broken stream, a `--strict` stop).
    var inputError: String?
    /// An expectation file was given: `signal_waits_as_expected` is reported.
    var hasExpectationFile = false

    /// Kept findings of every model, in lineup order (each model's in line order).
    var findings: [Finding] { reports.flatMap(\.findings) }

    /// Findings counted per kind over every model.
    var totals: [FindingKind: Int] {
        reports.reduce(into: [:]) { totals, report in totals.merge(report.findingTotals) { $0 + $1 } }
    }

    /// Whether any model of `layer` saw its events.
    func sawEvents(of layer: ModelLayer) -> Bool {
        reports.contains { $0.layer == layer && $0.sawEvents }
    }
}
