import Testing

@testable import KTrace

@Suite struct ExampleParsingTests {
    @Test func ffsReadExampleParsesEveryLine() throws {
        let trace = TraceText.parse(try Fixtures.text("ffs-read-4cpu.trace"))
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.summary.unknownEvents.isEmpty)
        #expect(trace.summary.lines == 67)
        #expect(trace.summary.commentLines == 5)
        #expect(trace.events.count == 62)
        #expect(trace.config.declaredCPUCount == 4)
        #expect(trace.config.tpMaxva == 6)
        #expect(trace.config.variant == .amd64)
        #expect(trace.config.kernel == "NetBSD 8.99.12 (GENERIC)")
        let ipi = try #require(trace.events.first { $0.line == 16 })
        guard case .shootdownIPI(let targets, let pages) = ipi.kind else {
            Issue.record("line 16 is \(ipi.kind)")
            return
        }
        #expect(Array(targets) == [1, 2, 3])
        #expect(pages == 2)
        #expect(ipi.cpu == 0 && ipi.pid == 512 && ipi.timeNs == 10_000_133_000)
        let worker = try #require(trace.events.first { $0.line == 30 })
        #expect(worker.cpu == 1 && worker.pid == 17)
        guard case .tlbFill(.kernel, 0xffff_8000_4000_3000) = worker.kind else {
            Issue.record("line 30 is \(worker.kind)")
            return
        }
    }

    @Test func ptraceExampleParsesEveryLine() throws {
        let trace = TraceText.parse(try Fixtures.text("ptrace-dbregs-race.trace"))
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.events.count == 45)
        #expect(trace.config.testProgram == "t_ptrace_wait")
        #expect(trace.config.testCase == "dbregs_dr0_trap_variable")
        let kinds = Dictionary(uniqueKeysWithValues: trace.events.map { ($0.line, $0.kind) })
        guard case .sigpost(601, 1, 17, .procStop) = kinds[35] else {
            Issue.record("line 35: \(String(describing: kinds[35]))")
            return
        }
        guard case .waitReturn(601, .stopped(17), 0, let options) = kinds[44], options == .noHang else {
            Issue.record("line 44: \(String(describing: kinds[44]))")
            return
        }
        guard case .waitReturn(601, .none, Errno.echild, []) = kinds[49] else {
            Issue.record("line 49: \(String(describing: kinds[49]))")
            return
        }
        guard case .atfTestCaseEnd(_, "dbregs_dr0_trap_variable", "passed", nil) = kinds[50] else {
            Issue.record("line 50: \(String(describing: kinds[50]))")
            return
        }
    }
}
