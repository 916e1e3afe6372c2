import Testing

@testable import KTrace

/// Reproducers the fuzzers and the hostile-input audit found in the reader
/// (docs/reliability.md). Each used to trap; now each is a counted line.
@Suite struct RegressionParserTests {
    private func parse(_ text: String, options: ReadOptions = ReadOptions()) -> ParsedTrace {
        TraceText.parse(text, name: "r.trace", options: options)
    }

    /// Every line read is in exactly one bucket.
    private func expectAccounted(_ summary: TraceReadSummary, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            summary.lines
                == summary.eventLines + summary.malformedCount + summary.unknownEventCount + summary.commentLines
                + summary.blankLines, sourceLocation: sourceLocation)
    }

    /// `sys_kill -> 0x0` decoded to no event: the reader indexed `emitted[0]` (index out of range).
    @Test(arguments: ["sys_kill -> 0x0", "sys_tkill -> 0x0", "sys_tgkill -> 0xfffffffffffffffd"])
    func syscallExitOfKillIsAnIgnoredEvent(body: String) throws {
        let trace = parse("a-1 [000] 1.000000: \(body)\na-1 [000] 1.000001: idle_enter:\n")
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.summary.eventLines == 2)
        #expect(trace.events.count == 2)
        expectAccounted(trace.summary)
    }

    /// Seconds times 10^9 overflowed Int64 (arithmetic overflow trap).
    @Test(arguments: ["89999999999.0", "9223372037.0", "9223372036.999999999"])
    func timestampBeyondInt64IsMalformed(time: String) {
        let trace = parse("a-1 [000] \(time): idle_enter:\n")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformed.first?.reason == "no timestamp")
        expectAccounted(trace.summary)
    }

    @Test func largestTimestampStillReads() throws {
        let trace = parse("a-1 [000] 9223372036.854775807: idle_enter:\n")
        #expect(try #require(trace.events.first).timeNs == Int64.max)
    }
}
