import KTrace
import SignalModel
import TLBModel

/// Turns findings into the checks of SPEC §5.
public enum CheckEvaluator {
    /// Every check name, in report order.
    public static let checkNames = [
        "tlb_no_redundant_shootdowns", "tlb_no_stale_translations", "signal_no_duplicate_wait",
        "signal_no_double_post", "signal_no_lost_signals", "trace_variant_consistent", "replay_fidelity",
        "trace_well_formed",
    ]

    struct Inputs {
        var tlb: TLBAnalysis
        var signal: SignalAnalysis
        var malformedLines: Int
        var inputError: String?
        var firstMalformedLine: Int?
        /// An expectation file was given: add `signal_waits_as_expected`.
        var hasExpectationFile = false
        /// A Linux capture: `replay_fidelity` is skipped (SPEC §7).
        var linuxCapture = false
    }

    /// The extra check an expectation file brings (not in SPEC §5's table, so it
    /// only appears when the user asked for the comparison).
    public static let waitExpectationCheck = "signal_waits_as_expected"

    /// Every name `--expect` and expectation files accept.
    public static var expectableCheckNames: [String] { checkNames + [waitExpectationCheck] }

    static func evaluate(_ inputs: Inputs) -> [CheckResult] {
        let tlb = inputs.tlb
        let signal = inputs.signal
        let totals = tlb.findingTotals.merging(signal.findingTotals) { $0 + $1 }
        let noTLB = "no TLB events in the trace"
        let noSignal = "no signal or process events in the trace"
        var checks: [CheckResult] = []

        func findingCheck(_ name: String, _ kind: FindingKind, in findings: [Finding], noun: String) -> CheckResult {
            let matching = findings.filter { $0.kind == kind }
            guard let first = matching.first else { return CheckResult(name: name, result: .passed) }
            let count = max(totals[kind] ?? 0, matching.count)
            return CheckResult(
                name: name, result: .failed,
                reason: "\(count) \(count == 1 ? noun : plural(noun)); first at line \(first.line): \(first.message)")
        }

        if tlb.hasTLBEvents {
            checks.append(redundantCheck(tlb))
            checks.append(
                findingCheck(
                    "tlb_no_stale_translations", .staleTranslation, in: tlb.findings, noun: "stale translation use"))
        } else {
            checks.append(CheckResult(name: "tlb_no_redundant_shootdowns", result: .skipped, reason: noTLB))
            checks.append(CheckResult(name: "tlb_no_stale_translations", result: .skipped, reason: noTLB))
        }
        if signal.hasSignalEvents {
            checks.append(
                findingCheck(
                    "signal_no_duplicate_wait", .duplicateWaitReturn, in: signal.findings, noun: "duplicate wait return"
                ))
            checks.append(
                findingCheck("signal_no_double_post", .doubleSigpost, in: signal.findings, noun: "double sigpost"))
            checks.append(
                findingCheck("signal_no_lost_signals", .lostSignal, in: signal.findings, noun: "lost signal"))
        } else {
            for name in ["signal_no_duplicate_wait", "signal_no_double_post", "signal_no_lost_signals"] {
                checks.append(CheckResult(name: name, result: .skipped, reason: noSignal))
            }
        }
        if tlb.hasTLBEvents {
            checks.append(
                findingCheck("trace_variant_consistent", .variantMismatch, in: tlb.findings, noun: "variant mismatch"))
        } else {
            checks.append(CheckResult(name: "trace_variant_consistent", result: .skipped, reason: noTLB))
        }
        if inputs.hasExpectationFile {
            checks.append(
                findingCheck(waitExpectationCheck, .waitMismatch, in: signal.findings, noun: "wait mismatch"))
        }
        checks.append(fidelityCheck(tlb: tlb, signal: signal, linuxCapture: inputs.linuxCapture))
        checks.append(wellFormedCheck(inputs))
        return checks
    }

    private static func redundantCheck(_ tlb: TLBAnalysis) -> CheckResult {
        let name = "tlb_no_redundant_shootdowns"
        let redundant = tlb.findings.filter { $0.kind == .redundantShootdown }
        guard let first = redundant.first else { return CheckResult(name: name, result: .passed) }
        // Counts, not the kept findings: a long trace lists only the first of each kind.
        let byClass = tlb.counts.redundantByClass.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            .joined(separator: ", ")
        return CheckResult(
            name: name, result: .failed,
            reason:
                "\(tlb.counts.redundantTargets) of \(tlb.counts.targets) shootdown targets redundant (\(byClass)); first at line \(first.line)"
        )
    }

    private static func fidelityCheck(tlb: TLBAnalysis, signal: SignalAnalysis, linuxCapture: Bool) -> CheckResult {
        let name = "replay_fidelity"
        guard !linuxCapture else {
            return CheckResult(
                name: name, result: .skipped, reason: "a Linux capture: the NetBSD model does not describe this trace")
        }
        var mismatches: [Finding] = []
        var applicable = false
        switch tlb.fidelity {
        case .reproduced: applicable = true
        case .mismatched(let found):
            applicable = true
            mismatches += found
        case .notApplicable: break
        }
        if let signalMismatches = signal.fidelityMismatches {
            applicable = true
            mismatches += signalMismatches
        }
        guard applicable else {
            var reason = "the NetBSD model does not describe this trace"
            if case .notApplicable(let why) = tlb.fidelity { reason += " (\(why))" }
            return CheckResult(name: name, result: .skipped, reason: reason)
        }
        guard let first = mismatches.min(by: { $0.line < $1.line }) else {
            return CheckResult(name: name, result: .passed)
        }
        return CheckResult(
            name: name, result: .failed,
            reason:
                "netbsd8 replay differs from the trace at \(mismatches.count) place(s); first at line \(first.line): \(first.message)"
        )
    }

    private static func wellFormedCheck(_ inputs: Inputs) -> CheckResult {
        let name = "trace_well_formed"
        var problems: [String] = []
        if inputs.malformedLines > 0 {
            let first = inputs.firstMalformedLine.map { "; first at line \($0)" } ?? ""
            problems.append("\(inputs.malformedLines) malformed line\(inputs.malformedLines == 1 ? "" : "s")\(first)")
        }
        if let error = inputs.inputError { problems.append(error) }
        return problems.isEmpty
            ? CheckResult(name: name, result: .passed)
            : CheckResult(name: name, result: .failed, reason: problems.joined(separator: "; "))
    }

    private static func plural(_ noun: String) -> String {
        noun.hasSuffix("ch") || noun.hasSuffix("sh") ? noun + "es" : noun + "s"
    }

    /// Applies `--expect check=reason` the way ATF treats `atf_tc_expect_fail`: a
    /// failure becomes `expected_failure: reason`, a pass becomes `failed: expected
    /// failure did not happen`; skipped checks stay skipped.
    public static func applyExpectations(_ checks: [CheckResult], _ expectations: [String: String]) -> [CheckResult] {
        checks.map { check in
            guard let why = expectations[check.name] else { return check }
            switch check.result {
            case .failed:
                return CheckResult(
                    name: check.name, result: .expectedFailure, reason: why.isEmpty ? "known failure" : why)
            case .passed:
                return CheckResult(name: check.name, result: .failed, reason: "expected failure did not happen")
            case .skipped, .expectedFailure:
                return check
            }
        }
    }
}
