import Testing

@testable import KTrace

/// Negating a wait4 return of Int64.min (a hex `0x8000…`) to make an errno trapped.
@Suite struct RegressionWaitReturnTests {
    @Test(arguments: [
        "a-1 [000] 1.000000: sys_wait4 -> 0x8000000000000000",
        "a-1 [000] 1.000000: sys_exit_wait4: 0x8000000000000000",
        "[06:08:42.000381033] (+0.000001000) host syscall_exit_wait4: { cpu_id = 0 }, "
            + "{ tid = 5, pid = 5, procname = \"t\" }, { ret = 0x8000000000000000, stat_addr = 0, ru = 0 }",
    ])
    func mostNegativeReturnIsNotATrap(line: String) {
        let trace = TraceText.parse(line + "\n", name: "w.trace")
        #expect(trace.summary.lines == 1)
        #expect(trace.summary.eventLines + trace.summary.malformedCount == 1)
    }
}
