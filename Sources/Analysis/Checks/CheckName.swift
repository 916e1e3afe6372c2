import KTrace

/// A check's name as reports and `--expect` spell it (`tlb_no_redundant_shootdowns`).
///
/// Open, not an enum: results read back for a merge may come from another
/// version of kreplay with checks this one does not know.
public struct CheckName: OpenVocabulary {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let tlbNoRedundantShootdowns: CheckName = "tlb_no_redundant_shootdowns"
    public static let tlbNoStaleTranslations: CheckName = "tlb_no_stale_translations"
    public static let signalNoDuplicateWait: CheckName = "signal_no_duplicate_wait"
    public static let signalNoDoublePost: CheckName = "signal_no_double_post"
    public static let signalNoLostSignals: CheckName = "signal_no_lost_signals"
    public static let traceVariantConsistent: CheckName = "trace_variant_consistent"
    public static let signalWaitsAsExpected: CheckName = "signal_waits_as_expected"
    public static let replayFidelity: CheckName = "replay_fidelity"
    public static let traceWellFormed: CheckName = "trace_well_formed"
}
