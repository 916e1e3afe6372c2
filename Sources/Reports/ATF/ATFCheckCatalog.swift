import Analysis

/// The checks of SPEC §5: what the reports call test cases.
public enum ATFCheckCatalog {
    /// One check: its name, a one-line description, and the finding kinds that fail it.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var description: String
        public var findingKinds: [FindingKind]
    }

    /// Every check, in the order the analysis computes them (`CheckEvaluator.checkNames`).
    public static let all: [Entry] = CheckEvaluator.checkNames.map(describe)

    /// What a check says and which finding kinds fail it.
    private static func describe(_ name: String) -> Entry {
        switch name {
        case "tlb_no_redundant_shootdowns":
            return Entry(
                name: name, description: "No TLB shootdown IPI hits a CPU that did not need it",
                findingKinds: [.redundantShootdown])
        case "tlb_no_stale_translations":
            return Entry(
                name: name, description: "No CPU uses a translation that should have been shot down",
                findingKinds: [.staleTranslation])
        case "signal_no_duplicate_wait":
            return Entry(
                name: name, description: "No wait(2) reports the same signal stop twice",
                findingKinds: [.duplicateWaitReturn])
        case "signal_no_double_post":
            return Entry(
                name: name, description: "No signal is posted twice to an LWP for one generation",
                findingKinds: [.doubleSigpost])
        case "signal_no_lost_signals":
            return Entry(
                name: name, description: "Every generated signal is taken, delivered or stops the process",
                findingKinds: [.lostSignal])
        case "trace_variant_consistent":
            return Entry(
                name: name, description: "The trace's events match its kernel variant", findingKinds: [.variantMismatch]
            )
        case "replay_fidelity":
            return Entry(
                name: name, description: "The netbsd8 replay reproduces the recorded shootdowns and waits",
                findingKinds: [.fidelityMismatch, .waitMismatch])
        case "trace_well_formed":
            return Entry(
                name: name, description: "No malformed lines and no broken compressed stream", findingKinds: [])
        default:
            return Entry(name: name, description: "kreplay check \(name)", findingKinds: [])
        }
    }

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
