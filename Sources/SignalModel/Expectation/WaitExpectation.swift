import KTrace

/// What a test expects its `wait` calls to return, and which checks are known
/// to fail: the expectation-file format of `docs/signal-model.md`.
///
/// ```
/// # t_ptrace_wait dbregs_dr0_trap_variable
/// wait 601 stopped:SIGSTOP
/// wait 601 stopped:SIGTRAP
/// wait 601 stopped:SIGSTOP
/// wait 601 exited:5
/// wait 601 none errno=ECHILD
/// expect signal_no_double_post=PR kern/53124: _lwp_kill posts twice
/// ```
public struct WaitExpectation: Sendable, Equatable {
    /// One expected `wait` result, in the order the test makes its waits.
    public struct ExpectedWait: Sendable, Equatable {
        /// Line in the expectation file.
        public var line: Int
        /// The child the wait is for; nil (`*`) compares against every wait of the trace.
        public var child: Int32?
        public var status: WaitStatus
        public var errno: Int32
    }

    /// An `expect check=reason` line: the check's failure is expected (ATF `expected_failure`).
    public struct ExpectedFailure: Sendable, Equatable {
        public var line: Int
        public var check: String
        public var reason: String
    }

    public var waits: [ExpectedWait] = []
    public var expectedFailures: [ExpectedFailure] = []

    public init(waits: [ExpectedWait] = [], expectedFailures: [ExpectedFailure] = []) {
        self.waits = waits
        self.expectedFailures = expectedFailures
    }

    /// Parses an expectation file; signal names in the given numbering.
    public static func parse(_ text: String, numbering: SignalNumbering = .netbsd) throws -> WaitExpectation {
        var result = WaitExpectation()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = words.first else { continue }
            switch keyword {
            case "wait":
                result.waits.append(try parseWait(Array(words.dropFirst()), line: line, numbering: numbering))
            case "expect":
                result.expectedFailures.append(try parseExpect(String(content), line: line))
            default:
                throw WaitExpectationError(line: line, message: "unknown keyword '\(keyword)' (want wait or expect)")
            }
        }
        return result
    }

    private static func parseWait(_ words: [String], line: Int, numbering: SignalNumbering) throws -> ExpectedWait {
        guard words.count >= 2, words.count <= 3 else {
            throw WaitExpectationError(line: line, message: "want 'wait CHILD STATUS [errno=E]'")
        }
        var child: Int32?
        if words[0] != "*" {
            guard let pid = Int32(words[0]), pid > 0 else {
                throw WaitExpectationError(line: line, message: "child '\(words[0])' is not a pid or '*'")
            }
            child = pid
        }
        let status = try parseStatus(words[1], line: line, numbering: numbering)
        var errno: Int32 = 0
        if words.count == 3 {
            let parts = words[2].split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "errno", let number = Errno.number(of: parts[1]) else {
                throw WaitExpectationError(line: line, message: "want errno=NAME, got '\(words[2])'")
            }
            errno = number
        }
        return ExpectedWait(line: line, child: child, status: status, errno: errno)
    }

    static func parseStatus(_ text: String, line: Int, numbering: SignalNumbering) throws -> WaitStatus {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        func signal() throws -> Int32 {
            if parts.count == 2, let number = Int32(parts[1]) ?? SignalNames.number(of: parts[1], numbering: numbering)
            {
                return number
            }
            throw WaitExpectationError(line: line, message: "no signal in '\(text)'")
        }
        switch parts[0] {
        case "stopped": return .stopped(signal: try signal())
        case "signaled": return .signaled(signal: try signal())
        case "exited":
            guard parts.count == 2, let code = Int32(parts[1]) else {
                throw WaitExpectationError(line: line, message: "want exited:N, got '\(text)'")
            }
            return .exited(code: code)
        case "continued" where parts.count == 1: return .continued
        case "none" where parts.count == 1: return .none
        default:
            throw WaitExpectationError(
                line: line, message: "status '\(text)' is not stopped:SIG, exited:N, signaled:SIG, continued or none")
        }
    }

    private static func parseExpect(_ content: String, line: Int) throws -> ExpectedFailure {
        let rest = content.drop { $0 == " " || $0 == "\t" }.dropFirst("expect".count).drop { $0 == " " || $0 == "\t" }
        let parts = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let check = parts.first ?? ""
        let validName =
            !check.isEmpty && check.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
        guard parts.count == 2, validName else {
            throw WaitExpectationError(line: line, message: "want 'expect check_name=reason'")
        }
        var reason = parts[1]
        while reason.last == " " || reason.last == "\t" || reason.last == "\r" { reason.removeLast() }
        return ExpectedFailure(line: line, check: check, reason: reason)
    }
}

/// A line of an expectation file that does not fit the format.
public struct WaitExpectationError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public var description: String { "line \(line): \(message)" }
}
