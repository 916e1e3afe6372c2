import Foundation
import Testing

@testable import KTrace

/// `trace-cmd report` text, produced by the real trace-cmd 3.1.6 from a real
/// `trace.dat`: `tools/fixtures/make-tracecmd-fixture.py` writes a tracefs-like
/// directory (the kernel's event format files) and per-CPU ring-buffer pages,
/// turns them into `Tests/Fixtures/realworld/tracecmd-linux-4cpu.dat` with
/// `trace-cmd restore -c -t DIR` + `trace-cmd restore -i`, then runs
/// `trace-cmd report` with no flag, `-l`, `-t` and `--cpu 3`.
@Suite struct RealWorldTraceCmdTests {
    static func parse(_ name: String, format: InputFormat? = nil) throws -> ParsedTrace {
        var options = ReadOptions()
        options.inputFormat = format
        return TraceText.parse(try Fixtures.text("realworld/" + name), name: name, options: options)
    }

    @Test(arguments: ["tracecmd-report.txt", "tracecmd-report-l.txt", "tracecmd-report-t.txt"])
    func everyLineIsReadAndTheFormatDetected(name: String) throws {
        let trace = try Self.parse(name)
        #expect(trace.summary.inputFormat == .traceCmd)
        #expect(trace.summary.malformedCount == 0, "\(trace.summary.malformed)")
        #expect(trace.summary.cpuCount == 5)  // cpus=5: cpu4 recorded nothing
        #expect(trace.config.signalNumbering == .linux)
        #expect(trace.summary.eventLines == 31)  // 34 events, 3 of them unknown
        #expect(
            trace.summary.unknownEvents == ["sys_exit_ptrace": 1, "sys_exit_kill": 1, "sys_exit_tgkill": 1])
    }

    @Test func lostEventsAreCountedNotDropped() throws {
        let trace = try Self.parse("tracecmd-report.txt")
        #expect(trace.summary.lostEvents == 17)
        #expect(trace.summary.lostEventReports == 1)
        #expect(trace.summary.warnings.contains { $0.contains("cpu2 lost 17 events") })
        #expect(try Self.parse("tracecmd-report-cpu3.txt").summary.lostEvents == 0)
    }

    @Test func latencyColumnAndNanosecondsGiveTheSameEvents() throws {
        let plain = try Self.parse("tracecmd-report.txt").events
        let latency = try Self.parse("tracecmd-report-l.txt").events
        let nanoseconds = try Self.parse("tracecmd-report-t.txt").events
        #expect(plain.map(\.cpu) == latency.map(\.cpu))
        #expect(plain.map(\.pid) == latency.map(\.pid))
        #expect(plain.map(\.timeNs) == latency.map(\.timeNs))
        #expect(plain.map(\.cpu) == nanoseconds.map(\.cpu))
        // µs in the default report, ns with -t (cpu1's events are 37 ns after the µs tick).
        #expect(plain[1].timeNs == 2_345_000_011_000)
        #expect(nanoseconds[1].timeNs == 2_345_000_011_037)
    }

    @Test func schedSwitchPluginTextGivesThePids() throws {
        let events = try Self.parse("tracecmd-report.txt").events
        guard case .schedSwitch(let prev, let next) = events[0].kind else {
            Issue.record("first event is \(events[0].kind)")
            return
        }
        #expect((prev, next) == (0, 1200))
        // `kworker/1:1:50 [120] W ==> swapper/1:0 [120]`: a comm with a colon.
        guard case .schedSwitch(let prev2, let next2) = events[1].kind else { return }
        #expect((prev2, next2) == (50, 0))
    }

    @Test func shootdownIPIsAreTheTLBCallbacksOnly() throws {
        let events = try Self.parse("tracecmd-report.txt").events
        let ipis = events.compactMap { event -> [Int]? in
            if case .shootdownIPI(let targets, _) = event.kind { return Array(targets) }
            return nil
        }
        #expect(ipis == [[1, 2, 3], [3]])  // the do_sync_core IPI to cpu2 is not a shootdown
    }

    @Test func onlyTheChosenCPUWithCPUFlag() throws {
        let trace = try Self.parse("tracecmd-report-cpu3.txt")
        #expect(trace.summary.malformedCount == 0)
        #expect(Set(trace.events.map(\.cpu)) == [3])
    }

    @Test func preambleLinesFromTraceCmdSources() {
        // `CPU %d is empty` (trace-input.c init_cpu), `version = %s` (report -V),
        // `CPU:%d [EVENTS DROPPED]` without a count: lines the fixture does not show.
        let text = """
            version = 7
            cpus=2
            CPU 1 is empty
            CPU:0 [EVENTS DROPPED]
                         cat-1200  [000]  2345.000104: tlb_flush:            pages=1 reason=local shootdown (2)

            """
        let trace = TraceText.parse(text)
        #expect(trace.summary.inputFormat == .traceCmd)
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.summary.lostEventReports == 1)
        #expect(trace.summary.lostEvents == 0)
        #expect(trace.events.count == 1)
    }

    @Test func tsDiffColumnIsSkipped() {
        let line =
            "  kworker/1:1-50    [001]  2345.000011: (+1037)  sched_switch:  kworker/1:1:50 [120] W ==> swapper/1:0 [120]\n"
        let trace = TraceText.parse("cpus=2\n" + line)
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.events.count == 1)
    }

    @Test func forcingAnotherFormatMakesEveryEventMalformed() throws {
        let trace = try Self.parse("tracecmd-report.txt", format: .babeltrace)
        #expect(trace.summary.inputFormat == .babeltrace)
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 36)  // every line, cpus= included
    }
}
