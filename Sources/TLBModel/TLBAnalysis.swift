import KTrace

/// What the TLB model found in one recorded trace.
public struct TLBAnalysis: Sendable {
    public var counts = TLBCounts()
    /// `redundant-shootdown`, `stale-translation`, `variant-mismatch` findings, in line order.
    public var findings: [Finding] = []
    /// Every finding counted per kind (`findings` keeps only the first of each kind).
    public var findingTotals: [FindingKind: Int] = [:]
    /// False when the trace has no TLB events at all (TLB checks are then skipped).
    public var hasTLBEvents = false
    /// True when the trace has shootdowns but no `tlb_fill` (docs/tlb-model.md "Classification" last paragraph).
    public var classificationLimited = false
    public var fidelity: FidelityOutcome = .notApplicable(reason: "no shootdowns in the trace")
    public var notes: [String] = []

    public init() {}
}

/// Whether a baseline replay reproduced what the trace recorded.
public enum FidelityOutcome: Sendable, Equatable {
    case reproduced
    /// One finding (`fidelity-mismatch`) per differing line.
    case mismatched([Finding])
    case notApplicable(reason: String)
}
