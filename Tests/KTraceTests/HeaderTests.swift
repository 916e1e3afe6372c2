import Testing

@testable import KTrace

@Suite struct HeaderTests {
    @Test func keyedHeadersConfigureTheAnalysis() {
        let trace = TraceText.parse(
            """
            # kreplay-trace: version=1
            # machine: arch=i386 ncpu=8 ubc_winshift=17 tp_maxva=16
            # cost: ipi_send_ns=300 hypercall_ns=900 bogus_ns=5
            # test: program=t_ptrace_wait test_case=dbregs_dr0
            # colour: blue
            a-1 [000] 1.0: idle_enter:
            # machine: ncpu=2

            """)
        let config = trace.config
        #expect(config.variant == .i386)
        #expect(config.declaredCPUCount == 8)
        #expect(config.ubcWinshift == 17)
        #expect(config.tpMaxva == 16)
        #expect(config.cost.ipiSendNs == 300 && config.cost.hypercallNs == 900 && config.cost.ipiHandleNs == 1000)
        #expect(config.testProgram == "t_ptrace_wait" && config.testCase == "dbregs_dr0")
        #expect(config.otherHeaders["colour"] == "blue")
        #expect(config.otherHeaders["kreplay-trace"] == "version=1")
    }

    @Test func variantOverridesArch() {
        let trace = TraceText.parse("# machine: arch=amd64 variant=amd64-xen\n")
        #expect(trace.config.variant == .amd64Xen)
        #expect(trace.config.variant.isXen)
    }

    @Test func overridesWinOverHeaders() {
        var options = ReadOptions()
        options.override = { $0.declaredCPUCount = 16 }
        let trace = TraceText.parse("# machine: ncpu=4\na-1 [000] 1.0: idle_enter:\n", options: options)
        #expect(trace.config.declaredCPUCount == 16)
    }

    @Test func traceCmdCPUsLineSetsCPUCountAndLinuxSignals() throws {
        let trace = TraceText.parse(
            "cpus=4\n  bash-100 [001] 1.000000: signal_generate: sig=19 errno=0 code=0 comm=sleep pid=200 grp=1 res=0\n"
        )
        #expect(trace.config.declaredCPUCount == 4)
        #expect(trace.config.signalNumbering == .linux)
        guard case .linuxSignalGenerate(200, 19, _, group: true, result: 0) = try #require(trace.events.first).kind
        else {
            Issue.record("\(trace.events)")
            return
        }
    }
}

@Suite struct HeaderWarningTests {
    @Test func outOfRangeHeaderValuesAreWarnedAboutAndIgnored() {
        let trace = TraceText.parse(
            "# machine: ncpu=99999999999 tp_maxva=0 variant=sparc64\n# cost: ipi_send_ns=-5\na-1 [000] 1.0: idle_enter:\n"
        )
        #expect(trace.config.declaredCPUCount == nil)
        #expect(trace.config.tpMaxva == 6)
        #expect(trace.config.cost.ipiSendNs == 400)
        #expect(trace.summary.warningCount == 4)
        #expect(
            trace.summary.warnings.first
                == "line 1: header 'machine: ncpu=99999999999' ignored: not a value kreplay accepts")
    }
}
