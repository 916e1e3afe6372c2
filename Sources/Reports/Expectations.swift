import Analysis

/// Applies `--expect check=reason` the way ATF treats `atf_tc_expect_fail`: a check expected to
/// fail that fails becomes `expected_failure: reason`; one that passes becomes
/// `failed: expected failure did not happen`. Skipped checks and checks without an
/// expectation are left alone.
///
/// - Parameters:
///   - checks: the checks as the analysis computed them.
///   - expectations: check name → why it is expected to fail (e.g. a PR number).
public func applyExpectations(_ checks: [CheckResult], _ expectations: [String: String]) -> [CheckResult] {
    CheckEvaluator.applyExpectations(checks, expectations)
}

/// Parses `check=reason` arguments into an expectations dictionary; `nil` names the bad argument.
public func parseExpectations(_ arguments: [String]) -> (expectations: [String: String], invalid: String?) {
    var expectations: [String: String] = [:]
    for argument in arguments {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            return (expectations, argument)
        }
        expectations[String(argument[..<equals])] = String(argument[argument.index(after: equals)...])
    }
    return (expectations, nil)
}
