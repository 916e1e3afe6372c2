import KTrace

/// What one model hands back when the trace ends. Every part is optional: an
/// analyzer fills counts, findings, notes and fidelity; a replay fills `replay`;
/// the timeline recorder fills `timeline`.
struct ModelReport {
    /// The layer the model analyses, and whether the trace had any of its events
    /// (the layer's checks are skipped otherwise).
    var layer: ModelLayer?
    var sawEvents = false
    /// Writes the model's counts section into the trace's result (`tlb`, `signal`).
    var writeCounts: ((inout TraceResult) -> Void)?
    /// Findings in line order, without the `path:line:` prefix; the first of each
    /// kind only when there are many (`findingTotals` counts them all).
    var findings: [Finding] = []
    var findingTotals: [FindingKind: Int] = [:]
    var notes: [String] = []
    /// Checks of this model's layer that nothing in such a trace could fail, with why
    /// (no TLB fills in a Linux capture: no stale use can show): `skipped`, not `passed`.
    var unjudgeable: [CheckName: String] = [:]
    /// The model's part of `replay_fidelity`; nil when it has none.
    var fidelity: FidelityPart?
    /// True when the model could not classify every shootdown target (no `tlb_fill`).
    var classificationLimited = false
    /// A strategy's own replay (in plan order among the replays of its layer).
    var replay: ReplayPart?
    /// An analyzer's internal replay of the baseline: it stands in for every plan
    /// entry without a replay of its own in this layer, and is the trace's `baseline`.
    var baselineReplay: ReplayPart?
    /// The per-event data of the HTML timeline.
    var timeline: Timeline?
}

/// One model's answer to "does the baseline replay reproduce the trace?"
/// (docs/checks.md, `replay_fidelity`).
enum FidelityPart {
    case reproduced
    /// One finding per place the replay differs from the trace.
    case mismatched([Finding])
    /// Nothing of this model's to compare; `reason` says why when it is worth saying.
    case notApplicable(reason: String?)
    /// The model's kernel did not record this trace: it has no part, and when no
    /// other model has one, the check is skipped with `reason`.
    case excluded(reason: String)
}

/// What one layer of a replay did: its counts section, findings and notes. A
/// baseline analyzer's replay stands in for every plan entry without a replay of
/// its own in that layer.
struct ReplayPart {
    var layer: ModelLayer
    var writeCounts: (inout ReplayResult) -> Void
    var findings: [Finding] = []
    var notes: [String] = []
}
