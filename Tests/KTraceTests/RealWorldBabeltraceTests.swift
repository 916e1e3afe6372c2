import Foundation
import Testing

@testable import KTrace

/// `babeltrace2` text of LTTng-like kernel traces, produced by the real
/// babeltrace2 2.0.4: `tools/fixtures/make-lttng-fixture.py` writes CTF 1.8
/// trace directories by hand (TSDL metadata with lttng-modules' environment and
/// field names, binary per-CPU packet streams) under
/// `Tests/Fixtures/realworld/ctf/`, then runs `TZ=UTC babeltrace2` on them with no
/// flag (stderr kept with `2>&1`), `--clock-seconds`, `--clock-date --clock-gmt`
/// and `--names=all`. `lttng-kernel-ctx` has the `tid`/`pid`/`procname` contexts.
@Suite struct RealWorldBabeltraceTests {
    static let names = [
        "babeltrace-lttng-kernel.txt", "babeltrace-lttng-kernel-clock-seconds.txt",
        "babeltrace-lttng-kernel-clock-date.txt", "babeltrace-lttng-kernel-names-all.txt",
        "babeltrace-lttng-kernel-ctx.txt", "babeltrace-lttng-kernel-ctx-clock-seconds.txt",
        "babeltrace-lttng-kernel-ctx-clock-date.txt",
    ]

    static func parse(_ name: String, format: InputFormat? = nil) throws -> ParsedTrace {
        var options = ReadOptions()
        options.inputFormat = format
        return TraceText.parse(try Fixtures.text("realworld/" + name), name: name, options: options)
    }

    @Test(arguments: names)
    func everyLineIsReadAndTheFormatDetected(name: String) throws {
        let trace = try Self.parse(name)
        #expect(trace.summary.inputFormat == .babeltrace)
        #expect(trace.summary.malformedCount == 0, "\(trace.summary.malformed)")
        #expect(trace.summary.eventLines == 27)  // 28 events, 1 unknown
        #expect(trace.summary.unknownEvents == ["timer_hrtimer_expire_entry": 1])
        #expect(trace.summary.cpuCount == 4)
        #expect(trace.config.signalNumbering == .linux)
    }

    @Test(arguments: names)
    func sameEventsWhateverTheClockLayout(name: String) throws {
        let reference = try Self.parse("babeltrace-lttng-kernel-clock-seconds.txt").events
        let events = try Self.parse(name).events
        #expect(events.map(\.cpu) == reference.map(\.cpu))
        #expect(events.map(\.pid) == reference.map(\.pid))
        let deltas = zip(events.dropFirst(), events).map { $0.timeNs - $1.timeNs }
        let referenceDeltas = zip(reference.dropFirst(), reference).map { $0.timeNs - $1.timeNs }
        #expect(deltas == referenceDeltas)
    }

    @Test func absoluteTimesFromSecondsAndDates() throws {
        // offset_s 1521990201 + 54.321000010 s of monotonic clock.
        let seconds = try Self.parse("babeltrace-lttng-kernel-clock-seconds.txt").events[0].timeNs
        let date = try Self.parse("babeltrace-lttng-kernel-clock-date.txt").events[0].timeNs
        #expect(seconds == 1_522_044_522_000_010_000)
        #expect(date == seconds)
        let timeOfDay = try Self.parse("babeltrace-lttng-kernel.txt").events[0].timeNs
        #expect(timeOfDay == seconds % 86_400_000_000_000)
    }

    @Test func pidsFromSchedSwitchEqualPidsFromContexts() throws {
        let inferred = try Self.parse("babeltrace-lttng-kernel.txt").events
        let context = try Self.parse("babeltrace-lttng-kernel-ctx.txt").events
        #expect(inferred.map(\.pid) == context.map(\.pid))
        let delivery = inferred.first {
            if case .linuxSignalDeliver = $0.kind { return true } else { return false }
        }
        guard case .linuxSignalDeliver(let signal, _, _) = delivery?.kind, let pid = delivery?.pid else {
            Issue.record("no signal_deliver")
            return
        }
        #expect((pid, signal) == (2301, 5))  // cpu2 switched to 2301 before the delivery
    }

    @Test func signalAndSyscallEventsMapToTheVocabulary() throws {
        let kinds = try Self.parse("babeltrace-lttng-kernel.txt").events.map(\.kind)
        #expect(kinds.contains { if case .lwpKill(2301, 1, 5) = $0 { return true } else { return false } })
        #expect(kinds.contains { if case .kill(2301, 9) = $0 { return true } else { return false } })
        #expect(kinds.contains { if case .fork(2301) = $0 { return true } else { return false } })
        #expect(
            kinds.contains { if case .ptrace(.continueExecution, 2301, _) = $0 { return true } else { return false } })
        let waits = kinds.compactMap { kind -> (Int32, Int32)? in
            if case .waitReturn(let child, _, let errno, _) = kind { return (child, errno) }
            return nil
        }
        #expect(waits.map(\.0) == [2301, 2301, 2301])
        #expect(waits.map(\.1) == [0, 0, Errno.echild])
    }

    @Test func discardedEventsAreCounted() throws {
        let trace = try Self.parse("babeltrace-lttng-kernel.txt")
        #expect(trace.summary.lostEvents == 5)
        #expect(trace.summary.lostEventReports == 1)
    }

    @Test func forcingTheFtraceLayoutMakesEveryEventMalformed() throws {
        let trace = try Self.parse("babeltrace-lttng-kernel-clock-seconds.txt", format: .ftrace)
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 28)
    }

    @Test func timeOfDayCarriesOverMidnight() {
        let text = """
            [23:59:59.999999000] (+?.?????????) h sched_switch: { cpu_id = 0 }, { prev_comm = "a", prev_tid = 1, prev_prio = 20, prev_state = 1, next_comm = "b", next_tid = 2, next_prio = 20 }
            [00:00:00.000001000] (+0.000002000) h sched_switch: { cpu_id = 0 }, { prev_comm = "b", prev_tid = 2, prev_prio = 20, prev_state = 1, next_comm = "a", next_tid = 1, next_prio = 20 }

            """
        let events = TraceText.parse(text).events
        #expect(events.count == 2)
        #expect(events.count == 2 && events[1].timeNs - events[0].timeNs == 2000)
    }
}
