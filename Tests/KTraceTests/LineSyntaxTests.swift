import Testing

@testable import KTrace

/// One line → its events, through the whole reader.
private func events(_ text: String, options: ReadOptions = ReadOptions()) -> ParsedTrace {
    TraceText.parse(text, options: options)
}

@Suite struct LineSyntaxTests {
    @Test func commWithSpacesAndDashesTakesPidAfterLastDash() throws {
        let trace = events("  my cool-prog -x-4242     [003] d..2.   5.000001: idle_enter:\n")
        let event = try #require(trace.events.first)
        #expect(event.pid == 4242 && event.cpu == 3 && event.timeNs == 5_000_001_000)
        #expect(trace.summary.malformedCount == 0)
    }

    @Test func flagsColumnIsOptional() throws {
        let trace = events("cat-512 [000] 10.000120: tlb_fill: pmap=kernel va=0x1000\n")
        guard case .tlbFill(.kernel, 0x1000) = try #require(trace.events.first).kind else {
            Issue.record("not a tlb_fill")
            return
        }
    }

    @Test(arguments: [
        ("1.5", Int64(1_500_000_000)), ("1.000001", 1_000_001_000), ("1.000000001", 1_000_000_001),
        ("12345.123456789", 12_345_123_456_789),
    ])
    func timestampsKeepNanoseconds(text: String, expected: Int64) throws {
        let trace = events("a-1 [000] \(text): idle_exit:\n")
        #expect(try #require(trace.events.first).timeNs == expected)
    }

    @Test func tenFractionDigitsIsMalformed() {
        let trace = events("a-1 [000] 1.1234567890: idle_exit:\n")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 1)
        #expect(trace.summary.malformed.first?.line == 1)
    }

    @Test func quotedValuesWithEscapes() throws {
        let trace = events(
            #"t-1 [000] 1.0: atf_tc_end: tp=t_ptrace tc=x result=failed reason="wait \"returned\" twice \\ oops""#
                + "\n")
        guard case .atfTestCaseEnd("t_ptrace", "x", "failed", let reason) = try #require(trace.events.first).kind else {
            Issue.record("not atf_tc_end")
            return
        }
        #expect(reason == #"wait "returned" twice \ oops"#)
    }

    @Test func unterminatedQuoteIsMalformed() {
        let trace = events(#"t-1 [000] 1.0: atf_tc_end: tp=a tc=b reason="open"# + "\n")
        #expect(trace.summary.malformedCount == 1)
    }

    @Test func shootdownTargetsByMaskTargetAndList() throws {
        let trace = events(
            """
            a-1 [000] 1.0: tlb_shootdown_ipi: mask=0xe pages=2
            a-1 [000] 1.1: tlb_shootdown_ipi: target=5 pages=0
            a-1 [000] 1.2: tlb_shootdown_ipi: cpus=1-3,70 pages=1
            a-1 [000] 1.3: tlb_shootdown_ipi: mask=1,00000000,00000000 pages=1

            """)
        let sets = trace.events.compactMap { event -> ([Int], Int?)? in
            if case .shootdownIPI(let targets, let pages) = event.kind { return (Array(targets), pages) }
            return nil
        }
        #expect(sets.map(\.0) == [[1, 2, 3], [5], [1, 2, 3, 70], [64]])
        #expect(sets.map(\.1) == [2, 0, 1, 1])
    }

    /// docs/trace-format.md "Event lines": numbers are decimal or `0x` hex — `mask=12` is 0b1100, cpus 2 and 3. A
    /// value only hex can spell (`0x`, `%*pb` comma groups, hex letters) is hex.
    @Test func decimalAndHexMasks() throws {
        let trace = events(
            "# machine: ncpu=16\n" + "a-1 [000] 1.0: tlb_shootdown_ipi: mask=12 pages=1\n"
                + "a-1 [000] 1.1: tlb_shootdown_ipi: mask=0x12 pages=1\n"
                + "a-1 [000] 1.2: tlb_shootdown_ipi: mask=1c pages=1\n"
                + "a-1 [000] 1.3: xen_mmuext: op=tlb_flush_multi mask=6\n")
        let sets = trace.events.compactMap { event -> [Int]? in
            switch event.kind {
            case .shootdownIPI(let targets, _), .xenMMUExt(let targets, _): return Array(targets)
            default: return nil
            }
        }
        #expect(sets == [[2, 3], [1, 4], [2, 3, 4], [1, 2]])
    }

    @Test func netbsdSignalsByNameAndNumber() throws {
        let trace = events(
            """
            p-1 [001] 1.0: lwp_kill: pid=601 lid=1 sig=SIGSTOP
            p-1 [001] 1.1: kill: pid=601 sig=17
            p-1 [001] 1.2: wait_return: child=601 status=stopped:SIGTRAP options=WNOHANG|WUNTRACED

            """)
        guard case .lwpKill(601, 1, 17) = trace.events[0].kind, case .kill(601, 17) = trace.events[1].kind,
            case .waitReturn(601, .stopped(5), 0, let options) = trace.events[2].kind
        else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
        #expect(options == [.noHang, .untraced])
    }

    @Test func xenAndInvalidateForms() throws {
        let trace = events(
            """
            a-1 [000] 1.0: xen_mmuext: op=invlpg_multi mask=0x6 va=0xffff800000001000
            a-1 [000] 1.1: xen_mmuext: op=tlb_flush_multi mask=0x6
            a-1 [001] 1.2: tlb_invalidate: pmap=kernel all=1
            a-1 [001] 1.3: tlb_invalidate: pmap=0xffffc000deadb000 va=0x7f7ff000

            """)
        #expect(trace.summary.malformedCount == 0)
        guard case .xenMMUExt(let first, 0xffff_8000_0000_1000) = trace.events[0].kind,
            case .xenMMUExt(_, nil) = trace.events[1].kind,
            case .tlbInvalidate(.kernel?, nil) = trace.events[2].kind,
            case .tlbInvalidate(.user(0xffff_c000_dead_b000)?, 0x7f7f_f000?) = trace.events[3].kind
        else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
        #expect(Array(first) == [1, 2])
    }

    /// The hot NetBSD events have a fixed-order fast path; any other spelling
    /// (here: two blanks between fields, one after) takes the general scan. Both must agree.
    @Test(arguments: [
        "tlb_invalidate: pmap=kernel va=0xffff800040001000", "tlb_invalidate: pmap=0x1f va=4096",
        "tlb_fill: pmap=kernel va=0x2000", "pmap_kenter_pa: va=0x2000 pa=0x163ca5000 prot=rw",
        "pmap_kremove: va=0x2000 len=8192", "pmap_update: pmap=kernel", "tlb_shootdown_ipi: mask=0xfd pages=2",
        "tlb_shootdown_done: wait_ns=3200", "ubc_alloc: va=0x2000 offset=0 len=8192", "ubc_release: va=0x2000",
        "idle_enter:", "idle_exit:",
    ])
    func fastPathAgreesWithGeneralScan(line: String) throws {
        let fast = events("a-1 [001] 1.0: \(line)\n")
        let general = events("a-1 [001] 1.0: \(line.split(separator: " ").joined(separator: "  ")) \n")
        #expect(fast.summary.malformedCount == 0 && general.summary.malformedCount == 0)
        let kind = try #require(fast.events.first).kind
        #expect("\(kind)" == "\(try #require(general.events.first).kind)")
    }

    /// Spellings the fast path declines: the general scan decides, as before.
    @Test func fastPathFallsBackOnUnusualSpellings() throws {
        let trace = events(
            """
            a-1 [001] 1.0: tlb_invalidate: pmap=kernel va=0x1000 all=1
            a-1 [001] 1.1: tlb_fill: va=0x1000 pmap=kernel
            a-1 [001] 1.2: ubc_alloc: va=0x2000 len=8192
            a-1 [001] 1.3: pmap_kremove: va=0x2000 len="8192"
            a-1 [001] 1.4: tlb_shootdown_done:
            a-1 [001] 1.5: tlb_fill: pmap=kernel va=0x1000 junk

            """)
        #expect(trace.summary.malformedCount == 1)
        #expect(trace.summary.malformed.first?.line == 6)
        guard case .tlbInvalidate(.kernel?, nil) = trace.events[0].kind,
            case .tlbFill(.kernel, 0x1000) = trace.events[1].kind,
            case .ubcAlloc(0x2000, 0, 8192) = trace.events[2].kind,
            case .pmapKremove(0x2000, 8192) = trace.events[3].kind,
            case .shootdownDone(nil) = trace.events[4].kind
        else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
    }

    @Test func missingFieldIsMalformedWithLineAndExcerpt() throws {
        let trace = events("# c\ncat-1 [000] 1.0: tlb_fill: pmap=kernel\n")
        let malformed = try #require(trace.summary.malformed.first)
        #expect(malformed.line == 2)
        #expect(malformed.excerpt == "cat-1 [000] 1.0: tlb_fill: pmap=kernel")
        #expect(malformed.reason.contains("va"))
    }

    @Test func garbageLinesAreMalformedAndCounted() {
        let trace = events("hello world\n\u{0}\u{1}binary\nx-1 [000] nope: idle_enter:\n")
        #expect(trace.summary.malformedCount == 3)
        #expect(trace.summary.lines == 3)
    }

    @Test func unknownEventsAreCountedByName() {
        let trace = events("a-1 [000] 1.0: frobnicate: x=1\na-1 [000] 1.1: frobnicate:\na-1 [000] 1.2: zap: y\n")
        #expect(trace.summary.unknownEvents == ["frobnicate": 2, "zap": 1])
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.events.isEmpty)
    }

    @Test func crlfLineEndsAreAccepted() throws {
        let trace = events("# machine: ncpu=2\r\na-1 [001] 1.0: idle_enter:\r\n")
        #expect(trace.summary.malformedCount == 0)
        #expect(trace.config.declaredCPUCount == 2)
        #expect(trace.events.count == 1)
    }

    @Test func strictStopsAtFirstMalformedLine() {
        var options = ReadOptions()
        options.strict = true
        let trace = events("a-1 [000] 1.0: idle_enter:\nbad\na-1 [000] 1.1: idle_exit:\n", options: options)
        #expect(trace.events.count == 1)
        #expect(trace.summary.strictStop?.line == 2)
    }

    @Test func timestampGoingBackIsAWarningNotAnError() {
        let trace = events("a-1 [000] 2.0: idle_enter:\na-1 [000] 1.0: idle_exit:\na-1 [001] 0.5: idle_exit:\n")
        #expect(trace.events.count == 3)
        #expect(trace.summary.warningCount == 1)
        #expect(trace.summary.warnings.first?.contains("line 2") == true)
    }

    @Test func cpuCountFromHighestCPUWhenUndeclared() {
        let trace = events("a-1 [007] 1.0: idle_enter:\n")
        #expect(trace.summary.cpuCount == 8)
    }
}

@Suite struct CPULimitTests {
    @Test func cpuBeyondDeclaredCountIsMalformed() throws {
        let trace = TraceText.parse("# machine: ncpu=2\na-1 [001] 1.0: idle_enter:\na-1 [002] 1.0: idle_enter:\n")
        #expect(trace.events.count == 1)
        let malformed = try #require(trace.summary.malformed.first)
        #expect(malformed.line == 3)
        #expect(malformed.reason == "cpu 2 but the header says ncpu=2")
    }

    @Test func absurdCPUIsMalformed() {
        let trace = TraceText.parse("a-1 [999999] 1.0: idle_enter:\na-1 [5000] 1.0: idle_enter:\n")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 2)
    }

    @Test func hugePidIsMalformedNotATrap() {
        let trace = TraceText.parse(
            "a-99999999999999999999 [000] 1.0: idle_enter:\na-1 [000] 1.0: fork: child=99999999999\n")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 2)
    }
}
