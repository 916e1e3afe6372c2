import KTrace

/// One check (docs/checks.md): what the reports call a test case. The one
/// table ``all`` is what the analysis evaluates and what the ATF listing, JUnit,
/// the tps stream and HTML describe, so they cannot disagree about a check.
public struct Check: Sendable {
    /// How a check decides its verdict.
    enum Rule: Sendable {
        /// Fails on any finding of its kinds: "N `noun`s; first at line L: message".
        case noFindings(noun: String)
        /// Fails on any redundant shootdown target, with the counts per class.
        case noRedundantTargets
        /// The baseline replay reproduces the trace (every model's ``FidelityPart``).
        case fidelity
        /// No malformed line, no broken stream.
        case wellFormed
    }

    /// When a check is reported at all.
    enum Presence: Sendable {
        case always
        /// Only when an expectation file was given (it is the comparison the user asked for).
        case withExpectationFile
    }

    public let name: CheckName
    /// One line, for ATF listings and JUnit metadata.
    public let description: String
    /// The finding kinds that fail it: reports list these findings under it.
    public let findingKinds: [FindingKind]
    /// Skipped, with the layer's reason, when no model of this layer saw its events.
    let layer: ModelLayer?
    let presence: Presence
    let rule: Rule

    /// Every check, in report order.
    public static let all: [Check] = [
        Check(
            name: .tlbNoRedundantShootdowns, description: "No TLB shootdown IPI hits a CPU that did not need it",
            findingKinds: [.redundantShootdown], layer: .tlb, presence: .always, rule: .noRedundantTargets),
        Check(
            name: .tlbNoStaleTranslations, description: "No CPU uses a translation that should have been shot down",
            findingKinds: [.staleTranslation], layer: .tlb, presence: .always,
            rule: .noFindings(noun: "stale translation use")),
        Check(
            name: .signalNoDuplicateWait, description: "No wait(2) reports the same signal stop twice",
            findingKinds: [.duplicateWaitReturn], layer: .signal, presence: .always,
            rule: .noFindings(noun: "duplicate wait return")),
        Check(
            name: .signalNoDoublePost, description: "No signal is posted twice to an LWP for one generation",
            findingKinds: [.doubleSigpost], layer: .signal, presence: .always,
            rule: .noFindings(noun: "double sigpost")),
        Check(
            name: .signalNoLostSignals, description: "Every generated signal is taken, delivered or stops the process",
            findingKinds: [.lostSignal], layer: .signal, presence: .always, rule: .noFindings(noun: "lost signal")),
        Check(
            name: .traceVariantConsistent, description: "The trace's events match its kernel variant",
            findingKinds: [.variantMismatch], layer: .tlb, presence: .always,
            rule: .noFindings(noun: "variant mismatch")),
        Check(
            name: .signalWaitsAsExpected, description: "Every wait(2) returns what the expectation file says",
            findingKinds: [.waitMismatch], layer: nil, presence: .withExpectationFile,
            rule: .noFindings(noun: "wait mismatch")),
        Check(
            name: .replayFidelity, description: "The netbsd8 replay reproduces the recorded shootdowns and waits",
            findingKinds: [.fidelityMismatch], layer: nil, presence: .always, rule: .fidelity),
        Check(
            name: .traceWellFormed, description: "No malformed lines and no broken compressed stream",
            findingKinds: [], layer: nil, presence: .always, rule: .wellFormed),
    ]

    /// The checks every analysis reports (the ATF test cases of a trace), in report order.
    public static var standard: [Check] { all.filter { $0.presence == .always } }

    /// Every name `--expect` and expectation files accept: the standard checks, then the others.
    public static var expectableNames: [CheckName] {
        standard.map(\.name) + all.filter { $0.presence != .always }.map(\.name)
    }

    /// The check called `name`, if kreplay knows it.
    public static func named(_ name: CheckName) -> Check? {
        all.first { $0.name == name }
    }

    /// The findings of `trace` that bear on this check, as their messages (`path:line: …`).
    public func findingLines(of trace: TraceResult) -> [String] {
        guard !findingKinds.isEmpty else { return [] }
        return trace.findings.filter { findingKinds.contains($0.kind) }.map(\.message)
    }
}

extension Check {
    /// The description of the check called `name`; the name itself for a check
    /// kreplay does not know (a result from another version).
    public static func description(of name: CheckName) -> String {
        named(name)?.description ?? name.rawValue
    }

    /// The findings of `trace` that bear on the check called `name` (none for an unknown check).
    public static func findingLines(of trace: TraceResult, check name: CheckName) -> [String] {
        named(name)?.findingLines(of: trace) ?? []
    }
}
