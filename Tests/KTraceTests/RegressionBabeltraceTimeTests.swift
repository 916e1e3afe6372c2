import Testing

@testable import KTrace

/// babeltrace2 clock values beyond Int64 nanoseconds trapped (arithmetic overflow,
/// or `Int64(UInt64)` of a huge seconds field); now each is a malformed line.
@Suite struct RegressionBabeltraceTimeTests {
    static func line(_ stamp: String) -> String {
        "[\(stamp)] (+0.000001000) host sched_switch: { cpu_id = 0 }, { tid = 5 }, "
            + "{ prev_comm = \"a\", prev_tid = 5, prev_prio = 20, prev_state = 1, next_comm = \"b\", next_tid = 6, "
            + "next_prio = 20 }\n"
    }

    @Test(arguments: [
        "12:00:18446744073709551615", "12:00:9223372036854775807", "12:00:9223372036.854775807",
        "9999-12-31 00:00:00.000000000", "0000-01-01 00:00:00.000000000",
    ])
    func hugeClockIsNotATrap(stamp: String) {
        let trace = TraceText.parse(Self.line("06:00:00.000000000") + Self.line(stamp), name: "b.txt")
        #expect(trace.summary.lines == 2)
        #expect(trace.summary.eventLines == 1)
        #expect(trace.summary.malformedCount == 1)
    }

    /// Alternating 23:59 and 00:00 carries a day each time: the carry saturates.
    @Test func manyMidnightsSaturate() {
        var text = ""
        for _ in 0..<2000 { text += Self.line("23:59:59.000000000") + Self.line("00:00:00.000000000") }
        let trace = TraceText.parse(text, name: "b.txt")
        #expect(trace.summary.eventLines == 4000)
    }
}
