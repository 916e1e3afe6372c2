import KTrace

/// A recorded `wait_return`.
struct RecordedWait: Sendable {
    var event: Event
    var child: Int32
    var status: WaitStatus
    var errno: Int32
}

extension RecordedWait {
    /// What a free slot of the analyzer's table of pending waits holds (never read).
    static let unused = RecordedWait(
        event: Event(line: 0, cpu: 0, pid: 0, timeNs: 0, kind: .ignored), child: 0, status: .none, errno: 0)
}

/// A recorded `atf_tc_end`.
struct TestVerdict: Sendable {
    var event: Event
    var program: String
    var testCase: String
    var result: String
    var reason: String?

    /// A failure whose reason is about a wait result (`wpid == child`, `WIFSTOPPED(status)`, …).
    var failedOnWait: Bool {
        guard result == "failed", let reason = reason?.lowercased() else { return false }
        return ["wait", "wpid", "wifstopped", "wstopsig", "wifexited", "wexitstatus", "wifsignaled", "wtermsig"]
            .contains { reason.contains($0) }
    }
}

/// Decides `wait-mismatch` (docs/signal-model.md "Rules"), conservatively:
///
/// * an expectation file's `wait` lines are compared, in order, with the
///   recorded waits (per child, or all waits for `*`);
/// * a `passed` verdict means the test accepted every wait it saw: it alone
///   never makes a mismatch (the example's duplicate hid behind such a pass);
/// * a `failed` verdict whose reason is about a wait result is a mismatch,
///   tied to the `atf_tc_end` line, pointing at the first duplicate wait if any.
struct WaitMismatchChecker {
    let speller: SignalSpeller
    let waits: [RecordedWait]
    let verdicts: [TestVerdict]
    let duplicates: [Finding]

    func canCompare(_ expectation: WaitExpectation?) -> Bool {
        if let expectation, !expectation.waits.isEmpty { return true }
        return verdicts.contains { $0.result == "passed" || $0.result == "failed" }
    }

    func check(_ expectation: WaitExpectation?) -> [Finding] {
        var findings: [Finding] = []
        if let expectation, !expectation.waits.isEmpty {
            findings += compare(expectation.waits)
        } else {
            for verdict in verdicts where verdict.failedOnWait {
                var message =
                    "test \(verdict.program):\(verdict.testCase) failed on a wait result (\(verdict.reason ?? ""))"
                if let first = duplicates.first {
                    message += "; the wait at line \(first.line) returned a duplicate stop"
                }
                findings.append(finding(at: verdict.event, message: message))
            }
        }
        return findings
    }

    func notes(_ expectation: WaitExpectation?) -> [String] {
        guard let passed = verdicts.first(where: { $0.result == "passed" }), let first = duplicates.first else {
            return []
        }
        return [
            "test \(passed.program):\(passed.testCase) passed although the wait at line \(first.line) returned a "
                + "duplicate stop: its waits tolerate it (as a WNOHANG wait does)"
        ]
    }

    private func compare(_ expected: [WaitExpectation.ExpectedWait]) -> [Finding] {
        var findings: [Finding] = []
        var selectors: [Int32?] = []
        for wait in expected where !selectors.contains(wait.child) { selectors.append(wait.child) }
        for selector in selectors {
            let want = expected.filter { $0.child == selector }
            let got = waits.filter { selector == nil || $0.child == selector }
            let subject = selector.map { "for \($0)" } ?? "of the trace"
            for index in 0..<max(want.count, got.count) {
                if index < want.count, index < got.count {
                    let (expect, wait) = (want[index], got[index])
                    // Linux wait4 exits carry no status: only the errno can be compared.
                    let statusDiffers = wait.status != .unknown && wait.status != expect.status
                    guard statusDiffers || wait.errno != expect.errno else { continue }
                    findings.append(
                        finding(
                            at: wait.event,
                            message: "wait by \(wait.event.pid) for \(wait.child) returned "
                                + "\(speller.status(wait.status, errno: wait.errno)); expectation line \(expect.line) "
                                + "expects \(speller.status(expect.status, errno: expect.errno))"))
                } else if index < got.count {
                    let wait = got[index]
                    findings.append(
                        finding(
                            at: wait.event,
                            message: "wait by \(wait.event.pid) for \(wait.child) returned "
                                + "\(speller.status(wait.status, errno: wait.errno)); the expectation lists only "
                                + "\(want.count) waits \(subject)"))
                } else if let anchor = got.last?.event ?? waits.last?.event ?? verdicts.last?.event {
                    let expect = want[index]
                    findings.append(
                        finding(
                            at: anchor,
                            message: "expectation line \(expect.line) expects a wait \(subject) returning "
                                + "\(speller.status(expect.status, errno: expect.errno)); the trace has only "
                                + "\(got.count) waits"))
                }
            }
        }
        return findings
    }

    private func finding(at event: Event, message: String) -> Finding {
        Finding(
            kind: .waitMismatch, line: event.line, cpu: event.cpu, pid: event.pid, timeNs: event.timeNs,
            message: message)
    }
}
