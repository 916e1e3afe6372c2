import Testing

@testable import KTrace

/// A decimal pid beyond Int32 in a Linux tracepoint was wrapped into another pid.
@Suite struct RegressionLinuxPidTests {
    @Test func hugeDecimalPidIsMalformed() {
        let line = "a-1 [000] 1.000000: signal_generate: sig=9 errno=0 code=0 comm=x pid=4294967301 grp=1 res=0\n"
        let trace = TraceText.parse(line, name: "p.trace")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformed.first?.reason == "signal_generate: missing or bad pid")
    }
}
