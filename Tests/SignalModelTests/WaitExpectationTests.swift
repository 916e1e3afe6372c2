import KTrace
import Testing

@testable import SignalModel

@Suite struct WaitExpectationTests {
    static let exampleExpectation = """
        # what dbregs_dr0_trap_variable expects of its waits
        wait 601 stopped:SIGSTOP
        wait 601 stopped:SIGTRAP
        wait 601 stopped:SIGSTOP
        wait 601 exited:5     # the test's WNOHANG wait is not supposed to see anything
        wait 601 none errno=ECHILD
        expect signal_no_double_post=PR kern/53124: _lwp_kill posts twice
        """

    @Test func parsesWaitsAndExpectations() throws {
        let expectation = try WaitExpectation.parse(Self.exampleExpectation)
        #expect(expectation.waits.count == 5)
        #expect(expectation.waits[0] == .init(line: 2, child: 601, status: .stopped(signal: 17), errno: 0))
        #expect(expectation.waits[4].errno == Errno.echild)
        #expect(
            expectation.expectedFailures == [
                .init(line: 7, check: "signal_no_double_post", reason: "PR kern/53124: _lwp_kill posts twice")
            ])
    }

    @Test(arguments: [
        ("wait 601", 1), ("wait x stopped:SIGSTOP", 1), ("wait 601 stopped:SIGNOPE", 1),
        ("\nwait 601 exited:x", 2), ("wait 601 none errno=EWHAT", 1), ("expect Bad-Name=x", 1), ("waitt 1 none", 1),
        ("wait 601 none extra words", 1),
    ])
    func rejectsBadLines(text: String, line: Int) {
        #expect(throws: WaitExpectationError.self) { try WaitExpectation.parse(text) }
        #expect((try? WaitExpectation.parse(text)) == nil)
        do {
            _ = try WaitExpectation.parse(text)
        } catch let error as WaitExpectationError {
            #expect(error.line == line)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// The example's waits are stop, trap, stop, stop(WNOHANG, line 44), exited, ECHILD;
    /// the expectation lists five: the 4th (line 44) differs (exited:5 expected),
    /// the 5th (line 48) differs (ECHILD expected), line 49 is one wait too many.
    @Test func exampleAgainstExpectationFile() throws {
        let expectation = try WaitExpectation.parse(Self.exampleExpectation)
        let analysis = DSL.analyze(DbregsRace.events, expectation: expectation)
        let mismatches = analysis.findings.filter { $0.kind == .waitMismatch }
        #expect(mismatches.lines == [44, 48, 49])
        #expect(
            mismatches.first?.message
                == "wait by 600 for 601 returned stopped:SIGSTOP; expectation line 5 expects exited:5")
        #expect(analysis.hasWaitExpectation)
    }

    @Test func matchingExpectationGivesNoMismatch() throws {
        let text = """
            wait * stopped:SIGSTOP
            wait * stopped:SIGTRAP
            wait * stopped:SIGSTOP
            wait * stopped:SIGSTOP
            wait * exited:5
            wait * none errno=ECHILD
            """
        let analysis = DSL.analyze(DbregsRace.events, expectation: try WaitExpectation.parse(text))
        #expect(!analysis.findings.contains { $0.kind == .waitMismatch })
    }

    @Test func missingWaitIsReported() throws {
        let text = "wait 601 stopped:SIGSTOP\nwait 601 exited:0\n"
        let events = [
            DSL.ev(10, 0, 600, DSL.wait(601, .stopped(signal: DSL.stop)))
        ]
        let findings = DSL.analyze(events, expectation: try WaitExpectation.parse(text)).findings
        #expect(findings.kinds == [.waitMismatch])
        #expect(findings.first?.message.contains("expectation line 2 expects a wait for 601") == true)
    }

    /// Without an expectation file: passed → nothing; failed on a wait → mismatch at atf_tc_end.
    @Test func verdicts() {
        var events = Array(DbregsRace.events.dropLast())
        #expect(!DSL.analyze(events).findings.contains { $0.kind == .waitMismatch })
        events.append(
            DSL.ev(
                50, 0, 600,
                .atfTestCaseEnd(
                    program: "t_ptrace_wait", testCase: "dbregs_dr0_trap_variable", result: "failed",
                    reason: "t_ptrace_wait.c:123: wpid == child not met")))
        let mismatches = DSL.analyze(events).findings.filter { $0.kind == .waitMismatch }
        #expect(mismatches.lines == [50])
        #expect(mismatches.first?.message.contains("the wait at line 44 returned a duplicate stop") == true)
        // A failure about something else says nothing about waits.
        events[events.count - 1].kind = .atfTestCaseEnd(
            program: "p", testCase: "c", result: "failed", reason: "dr0 value mismatch")
        #expect(!DSL.analyze(events).findings.contains { $0.kind == .waitMismatch })
    }
}
