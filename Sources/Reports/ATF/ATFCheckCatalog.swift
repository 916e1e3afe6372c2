import Analysis

/// The checks of SPEC §5: what the reports call test cases.
public enum ATFCheckCatalog {
    /// One check: its name, a one-line description, and the finding kinds that fail it.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var description: String
        public var findingKinds: [FindingKind]
    }

    /// Every check, in SPEC order.
    public static let all: [Entry] = [
        Entry(
            name: "tlb_no_redundant_shootdowns", description: "No TLB shootdown IPI hits a CPU that did not need it",
            findingKinds: [.redundantShootdown]),
        Entry(
            name: "tlb_no_stale_translations", description: "No CPU uses a translation that should have been shot down",
            findingKinds: [.staleTranslation]),
        Entry(
            name: "signal_no_duplicate_wait", description: "No wait(2) reports the same signal stop twice",
            findingKinds: [.duplicateWaitReturn]),
        Entry(
            name: "signal_no_double_post", description: "No signal is posted twice to an LWP for one generation",
            findingKinds: [.doubleSigpost]),
        Entry(
            name: "signal_no_lost_signals",
            description: "Every generated signal is taken, delivered or stops the process",
            findingKinds: [.lostSignal]),
        Entry(
            name: "trace_variant_consistent", description: "The trace's events match its kernel variant",
            findingKinds: [.variantMismatch]),
        Entry(
            name: "replay_fidelity", description: "The netbsd8 replay reproduces the recorded shootdowns and waits",
            findingKinds: [.fidelityMismatch, .waitMismatch]),
        Entry(
            name: "trace_well_formed", description: "No malformed lines and no broken compressed stream",
            findingKinds: []),
    ]

    /// The names of ``all``.
    public static var names: [String] { all.map(\.name) }

    /// The entry named `name`, if it is a known check.
    public static func entry(named name: String) -> Entry? {
        all.first { $0.name == name }
    }

    /// The findings of `trace` that bear on `check`, as their messages (which start with `path:line: `).
    public static func findingLines(of trace: TraceResult, check: String) -> [String] {
        guard let kinds = entry(named: check)?.findingKinds, !kinds.isEmpty else { return [] }
        return trace.findings.filter { kinds.contains($0.kind) }.map(\.message)
    }
}
