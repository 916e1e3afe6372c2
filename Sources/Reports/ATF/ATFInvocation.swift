/// A command line of the ATF test-program interface, as atf-run and kyua build it
/// (atf `atf-run/test-program.cpp`, kyua `engine/atf.cpp`, atf-test-program(1)):
///
/// ```
/// prog [-s srcdir] [-v var=value]… -l
/// prog [-r resfile] [-s srcdir] [-v var=value]… test_case[:body|:cleanup]
/// ```
///
/// Options may be joined to their value (`-r/tmp/x`, `-vtraces=a`), as kyua passes them.
public struct ATFInvocation: Sendable, Equatable {
    /// Which part of a test case to run.
    public enum Part: String, Sendable {
        case body
        case cleanup
    }

    /// What was asked for.
    public enum Action: Sendable, Equatable {
        /// `-l`: print the test case list.
        case list
        /// Run one test case part.
        case run(testCase: String, part: Part)
    }

    public var action: Action
    /// `-r`: where the result goes; `nil` means standard output (atf-c's default).
    public var resultsFile: String?
    /// `-s`: where the test program's data lives (the Kyuafile's directory).
    public var sourceDirectory: String?
    /// `-v var=value`, in order; later values win.
    public var variables: [String: String]

    /// A usage error, worded as atf-c reports them.
    public struct UsageError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Parses the arguments after the program name.
    public static func parse(_ arguments: [String]) throws(UsageError) -> ATFInvocation {
        var list = false
        var resultsFile: String?
        var sourceDirectory: String?
        var variables: [String: String] = [:]
        var operands: [String] = []
        var index = 0
        func value(_ flag: String, _ argument: String) throws(UsageError) -> String {
            if argument.count > 2 { return String(argument.dropFirst(2)) }
            index += 1
            guard index < arguments.count else { throw UsageError(description: "Option -\(flag) requires an argument") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                operands += arguments[(index + 1)...]
                break
            } else if argument == "-l" {
                list = true
            } else if argument.hasPrefix("-r") {
                resultsFile = try value("r", argument)
            } else if argument.hasPrefix("-s") {
                sourceDirectory = try value("s", argument)
            } else if argument.hasPrefix("-v") {
                let assignment = try value("v", argument)
                guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                    throw UsageError(description: "Invalid -v argument '\(assignment)': expected var=value")
                }
                variables[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
            } else if argument.hasPrefix("-") && argument.count > 1 {
                throw UsageError(description: "Unknown option \(argument)")
            } else {
                operands.append(argument)
            }
            index += 1
        }
        if list {
            guard operands.isEmpty else { throw UsageError(description: "Cannot provide test case names with -l") }
            return ATFInvocation(
                action: .list, resultsFile: resultsFile, sourceDirectory: sourceDirectory, variables: variables)
        }
        guard operands.count == 1 else {
            throw UsageError(
                description: operands.isEmpty ? "Must provide a test case name" : "Only one test case can be executed")
        }
        let (name, part) = try parseTestCase(operands[0])
        return ATFInvocation(
            action: .run(testCase: name, part: part), resultsFile: resultsFile, sourceDirectory: sourceDirectory,
            variables: variables)
    }

    /// Splits `name[:body|:cleanup]`.
    public static func parseTestCase(_ operand: String) throws(UsageError) -> (String, Part) {
        guard let colon = operand.lastIndex(of: ":") else { return (operand, .body) }
        let suffix = String(operand[operand.index(after: colon)...])
        guard let part = Part(rawValue: suffix) else {
            throw UsageError(description: "Invalid test case part name '\(suffix)'")
        }
        return (String(operand[..<colon]), part)
    }
}
