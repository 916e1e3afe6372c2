/// A finding's sub-class (`idle` for a redundant shootdown, `kpsignal2+proc_stop`
/// for a double post); ``none`` for kinds without one (docs/checks.md, "Findings").
///
/// Open, not an enum: a double post's class names the two callers, and results
/// read back for a merge may come from another version of kreplay.
public struct FindingClass: OpenVocabulary {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public var isEmpty: Bool { rawValue.isEmpty }

    /// No class.
    public static let none: FindingClass = ""

    // Redundant shootdown targets (docs/tlb-model.md).
    public static let idle: FindingClass = "idle"
    public static let notCached: FindingClass = "not-cached"
    public static let duplicate: FindingClass = "duplicate"
    public static let unusedPTE: FindingClass = "unused-pte"

    /// A stale translation the recorded trace shows.
    public static let recorded: FindingClass = "recorded"
    /// A stale translation a strategy's replay caused.
    public static let replay: FindingClass = "replay"
    /// A fidelity mismatch of a wait result.
    public static let wait: FindingClass = "wait"
    /// A signal delivered twice for one generation.
    public static let delivery: FindingClass = "delivery"

    /// A signal posted twice for one generation, by these two callers (`kpsignal2+proc_stop`).
    public static func posted(by first: String, then second: String) -> FindingClass {
        FindingClass(first + "+" + second)
    }
}
