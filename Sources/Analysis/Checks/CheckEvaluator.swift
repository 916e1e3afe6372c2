import KTrace

/// Turns the models' findings into the verdicts of the check table (``Check/all``, docs/checks.md).
enum CheckEvaluator {
    static func evaluate(_ input: CheckInput) -> [CheckResult] {
        let findings = input.findings
        let totals = input.totals
        return Check.all.compactMap { check in
            if check.presence == .withExpectationFile && !input.hasExpectationFile { return nil }
            if let layer = check.layer, !input.sawEvents(of: layer) {
                return CheckResult(name: check.name, result: .skipped, reason: layer.absentReason)
            }
            if let reason = input.reports.lazy.compactMap({ $0.unjudgeable[check.name] }).first {
                return CheckResult(name: check.name, result: .skipped, reason: reason)
            }
            switch check.rule {
            case .noFindings(let noun):
                return findingCheck(check, noun: noun, findings: findings, totals: totals)
            case .noRedundantTargets:
                return redundantCheck(check, findings: findings, counts: input.tlb)
            case .fidelity:
                return fidelityCheck(check, input)
            case .wellFormed:
                return wellFormedCheck(check, input)
            }
        }
    }

    private static func findingCheck(
        _ check: Check, noun: String, findings: [Finding], totals: [FindingKind: Int]
    ) -> CheckResult {
        let matching = findings.filter { check.findingKinds.contains($0.kind) }
        guard let first = matching.first else { return CheckResult(name: check.name, result: .passed) }
        let counted = check.findingKinds.reduce(0) { $0 + (totals[$1] ?? 0) }
        let count = max(counted, matching.count)
        return CheckResult(
            name: check.name, result: .failed,
            reason: "\(count) \(count == 1 ? noun : plural(noun)); first at line \(first.line): \(first.message)")
    }

    private static func redundantCheck(_ check: Check, findings: [Finding], counts: TLBCounts) -> CheckResult {
        guard let first = findings.first(where: { check.findingKinds.contains($0.kind) }) else {
            return CheckResult(name: check.name, result: .passed)
        }
        // Counts, not the kept findings: a long trace lists only the first of each kind.
        let byClass = counts.redundantByClass.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            .joined(separator: ", ")
        return CheckResult(
            name: check.name, result: .failed,
            reason:
                "\(counts.redundantTargets) of \(counts.targets) shootdown targets redundant (\(byClass)); first at line \(first.line)"
        )
    }

    /// Each model answers for its part. A model whose kernel did not record the
    /// trace (NetBSD's on a Linux capture) is left out; when no model has anything
    /// to compare, the check is skipped with the first such reason.
    private static func fidelityCheck(_ check: Check, _ input: CheckInput) -> CheckResult {
        let parts = input.reports.compactMap(\.fidelity)
        var mismatches: [Finding] = []
        var applicable = false
        var excluded: String?
        var notApplicable: String?
        for part in parts {
            switch part {
            case .excluded(let reason):
                excluded = excluded ?? reason
            case .reproduced:
                applicable = true
            case .mismatched(let found):
                applicable = true
                mismatches += found
            case .notApplicable(let reason):
                notApplicable = notApplicable ?? reason
            }
        }
        guard applicable else {
            if let excluded { return CheckResult(name: check.name, result: .skipped, reason: excluded) }
            var reason = "the \(input.baseline.kernelName) model does not describe this trace"
            if let notApplicable { reason += " (\(notApplicable))" }
            return CheckResult(name: check.name, result: .skipped, reason: reason)
        }
        guard let first = mismatches.min(by: { $0.line < $1.line }) else {
            return CheckResult(name: check.name, result: .passed)
        }
        return CheckResult(
            name: check.name, result: .failed,
            reason:
                "\(input.baseline.rawValue) replay differs from the trace at \(mismatches.count) place(s); first at line \(first.line): \(first.message)"
        )
    }

    private static func wellFormedCheck(_ check: Check, _ input: CheckInput) -> CheckResult {
        var problems: [String] = []
        if input.malformedLines > 0 {
            let first = input.firstMalformedLine.map { "; first at line \($0)" } ?? ""
            problems.append("\(input.malformedLines) malformed line\(input.malformedLines == 1 ? "" : "s")\(first)")
        }
        if let error = input.inputError { problems.append(error) }
        return problems.isEmpty
            ? CheckResult(name: check.name, result: .passed)
            : CheckResult(name: check.name, result: .failed, reason: problems.joined(separator: "; "))
    }

    private static func plural(_ noun: String) -> String {
        noun.hasSuffix("ch") || noun.hasSuffix("sh") ? noun + "es" : noun + "s"
    }
}
