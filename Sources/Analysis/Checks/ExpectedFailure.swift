/// One expected failure as the user writes it, `check=reason` (`--expect`, an expectation
/// file's or `kreplay-atf.conf`'s `expect` line, `kreplay atf -v expect_CHECK=reason`),
/// checked against the check table: the name must be one of ``Check/expectableNames`` and the
/// reason must not be empty (ATF's `atf_tc_expect_fail` takes one).
public struct ExpectedFailure: Sendable, Equatable {
    public var check: CheckName
    public var reason: String

    /// Reads `check=reason`.
    public static func parse(_ argument: String) throws(ExpectedFailureError) -> ExpectedFailure {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ExpectedFailureError(argument: argument, problem: .noReason)
        }
        return try make(check: String(argument[..<equals]), reason: String(argument[argument.index(after: equals)...]))
    }

    /// Checks a name and reason given apart (`-v expect_CHECK=reason`).
    public static func make(check name: String, reason: String) throws(ExpectedFailureError) -> ExpectedFailure {
        let check = try checkName(name, argument: name + "=" + reason)
        guard !reason.isEmpty else { throw ExpectedFailureError(argument: name + "=", problem: .noReason) }
        return ExpectedFailure(check: check, reason: reason)
    }

    /// The check called `name`, if the table lets it be expected to fail. (An expectation
    /// file's `expect check=` line has its own grammar, where the reason may be empty.)
    public static func checkName(_ name: String, argument: String) throws(ExpectedFailureError) -> CheckName {
        let check = CheckName(name)
        guard Check.expectableNames.contains(check) else {
            throw ExpectedFailureError(argument: argument, problem: .unknownCheck(name))
        }
        return check
    }
}

/// Why a `check=reason` was refused; its description names every check that may be expected.
public struct ExpectedFailureError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// The name is not a check of the table.
        case unknownCheck(String)
        /// No `=reason`, or an empty one.
        case noReason
    }

    public var argument: String
    public var problem: Problem

    public var description: String {
        let names = Check.expectableNames.map(\.rawValue).joined(separator: ", ")
        switch problem {
        case .unknownCheck(let name):
            let shown = name.isEmpty ? "no check name" : "unknown check '\(name)'"
            return "bad expectation '\(argument)': \(shown); checks: \(names)"
        case .noReason:
            return "bad expectation '\(argument)': use check=reason with a reason; checks: \(names)"
        }
    }
}
