/// Applies `--expect check=reason` the way ATF treats `atf_tc_expect_fail`: a check expected to
/// fail that fails becomes `expected_failure: reason`; one that passes becomes
/// `failed: expected failure did not happen`. Skipped checks and checks without an
/// expectation are left alone.
///
/// - Parameters:
///   - checks: the checks as the analysis computed them.
///   - expectations: check name → why it is expected to fail (e.g. a PR number).
public func applyExpectations(_ checks: [CheckResult], _ expectations: [CheckName: String]) -> [CheckResult] {
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
