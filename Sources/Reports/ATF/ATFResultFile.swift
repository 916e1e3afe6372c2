import Analysis

/// The ATF results file a test case writes (atf-test-case(4); parsed by kyua
/// `engine/atf_result.cpp` and atf-run `parse_test_case_result`): exactly one line,
/// `passed`, `failed: reason`, `skipped: reason` or `expected_failure: reason`.
public enum ATFResultFile {
    /// The file's contents for a check's verdict, newline included.
    public static func text(for check: CheckResult) -> String {
        switch check.result {
        case .passed: return "passed\n"
        case .failed, .skipped, .expectedFailure:
            return "\(check.result.rawValue): \(ATFNames.oneLine(check.reason))\n"
        }
    }

    /// The exit status the interface demands with that result: kyua marks `failed` broken
    /// unless the body exits with EXIT_FAILURE, and every other result broken unless it exits 0.
    public static func exitStatus(for outcome: CheckOutcome) -> Int32 {
        outcome == .failed ? 1 : 0
    }
}
