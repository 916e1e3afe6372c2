import Testing

@testable import KTrace

/// Input rules from the session-2 audit of the trace format (docs/trace-format.md), each worked out by hand.
@Suite struct InputAuditTests {
    /// `lwp_kill` without `lid` reads `lid=1`, as every other event with a `lid` does.
    @Test func lwpKillLidDefaultsToOne() throws {
        let trace = TraceText.parse("t-11 [000] 1.0: lwp_kill: pid=11 sig=SIGSTOP\n")
        guard case .lwpKill(11, 1, _) = try #require(trace.events.first).kind else {
            Issue.record("\(trace.events)")
            return
        }
        #expect(trace.summary.malformedCount == 0)
    }

    /// docs/trace-format.md "Event vocabulary": "LTTng names the same fields `group` and `result`" — also in ftrace layout.
    @Test func signalGenerateWithLTTngFieldNames() {
        let line = "x-10 [000] 1.0: signal_generate: sig=19 errno=0 code=0 comm=x pid=11 group=1 result=0\n"
        let kinds = TraceText.parse(line).events.map(\.kind)
        #expect(kinds.count == 1)
        if case .linuxSignalGenerate(11, _, _, group: true, result: 0) = kinds.last {} else { Issue.record("\(kinds)") }
    }

    /// docs/trace-format.md "Event lines": numbers are decimal or `0x` hex, in `# cost:` headers too.
    @Test func hexCostHeader() {
        let trace = TraceText.parse("# cost: ipi_send_ns=0x10 idle_wake_ns=300\na-1 [000] 1.0: idle_enter:\n")
        #expect(trace.summary.config.cost.ipiSendNs == 16)
        #expect(trace.summary.warningCount == 0)
    }

    /// docs/trace-format.md "Event lines": "a timestamp that goes backwards by more than 1 ms on one CPU is a warning" —
    /// against the previous event on that CPU: 5.000 → 4.998 (2 ms back) warns, 4.998 →
    /// 4.9975 (0.5 ms) does not.
    @Test func backwardsTimeAgainstThePreviousEvent() {
        let trace = TraceText.parse(
            "a-1 [000] 5.000000: idle_enter:\na-1 [000] 4.998000: idle_exit:\na-1 [000] 4.997500: idle_enter:\n")
        #expect(trace.summary.warningCount == 1)
        #expect(trace.summary.warnings.first?.hasPrefix("line 2:") == true)
    }

    /// Every line lands in one bucket: trace-cmd's lost-event lines count with the comments.
    @Test func lostEventLinesAreCounted() {
        let text =
            "cpus=4\nCPU 3 is empty\nversion = 7\n"
            + "cat-1 [000] 1.000001: tlb_flush: pages=1 reason=local shootdown (2)\n"
            + "CPU:2 [17 EVENTS DROPPED]\n"
        let summary = TraceText.parse(text).summary
        #expect(summary.lines == 5)
        #expect(summary.eventLines + summary.commentLines + summary.blankLines + summary.malformedCount == 5)
        #expect(summary.lostEvents == 17)
    }

    /// trace-cmd's `cpus=N` beyond kreplay's 256 CPUs is said, not silently cut.
    @Test func cpusBeyondTheLimitWarn() {
        let summary = TraceText.parse("cpus=384\ncat-1 [000] 1.000001: tlb_flush: pages=1 reason=x (2)\n").summary
        #expect(summary.config.declaredCPUCount == 256)
        #expect(summary.warnings.contains { $0.contains("cpus=384 is beyond") })
    }

    /// A UTF-8 byte-order mark before the first header does not hide the header.
    @Test func byteOrderMarkBeforeTheHeader() {
        let trace = TraceText.parse("\u{FEFF}# machine: arch=i386 ncpu=4\na-1 [000] 1.0: idle_enter:\n")
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.summary.config.declaredCPUCount == 4)
        #expect(trace.summary.config.variant == .i386)
    }
}

/// `%*pb` masks: each comma-separated group is a 32-bit word (`1,2` is cpus 1 and 32); a
/// mask with no digit is malformed.
@Suite struct CommaMaskTests {
    @Test func groupsAreWords() {
        let trace = TraceText.parse(
            "# machine: ncpu=64\na-1 [000] 1.0: tlb_shootdown_ipi: mask=1,2 pages=1\n"
                + "a-1 [000] 1.1: tlb_shootdown_ipi: mask=, pages=1\n")
        guard case .shootdownIPI(let targets, _) = trace.events.first?.kind else {
            Issue.record("\(trace.events)")
            return
        }
        #expect(Array(targets) == [1, 32])
        #expect(trace.events.count == 1 && trace.summary.malformedCount == 1)
    }
}

/// Names never alias, however many were interned before (in this trace or an earlier one of
/// the same run), and come back byte for byte.
@Suite struct TraceNameTests {
    @Test func distinctNamesStayDistinct() {
        for index in 0..<70_000 { _ = TraceName("filler-\(index)") }
        let reason = TraceName("wpid == child not met")
        #expect(reason != TraceName("another reason"))
        #expect(reason == TraceName("wpid == child not met"))
        #expect(reason.string == "wpid == child not met")
        // Composed and decomposed é are equal `String`s but different bytes in a trace.
        let composed = TraceName("caf\u{E9}")
        let decomposed = TraceName("cafe\u{301}")
        #expect(composed != decomposed)
        #expect(Array(decomposed.string.utf8) == Array("cafe\u{301}".utf8))
    }
}
