import Testing

@testable import KTrace

/// What `tools/capture/netbsd/kreplay.d` prints that older kreplay traces do not:
/// the `# capture:` header, `pmap_tlb_shootdown`, raw wait words and NetBSD's
/// numeric wait options.
@Suite struct NetBSDCaptureParsingTests {
    func kinds(_ body: String, header: String = "") -> [EventKind] {
        TraceText.parse(header + body).events.map(\.kind)
    }

    @Test func captureHeaderSaysFillsAreAbsent() {
        let trace = TraceText.parse("# capture: source=netbsd-dtrace tlb_fill=none\na-1 [000] 1.0: idle_enter:\n")
        #expect(trace.config.tlbFillsRecorded == false)
        #expect(trace.config.otherHeaders["capture.source"] == "netbsd-dtrace")
        #expect(TraceText.parse("# capture: source=x\n").config.tlbFillsRecorded)
        #expect(TraceText.parse("# capture: tlb_fill=some\n").config.tlbFillsRecorded)
    }

    @Test func tlbShootdownQueuesAPageOrEverything() throws {
        let events = kinds(
            """
            cat-512 [000] 1.000000001: pmap_tlb_shootdown: pmap=kernel va=0xffff800040001000 why=2
            sh-511 [003] 1.000000002: pmap_tlb_shootdown: pmap=123 va=-1 why=FREE_PTP1
            sh-511 [003] 1.000000003: pmap_tlb_shootdown: pmap=kernel va=0x1000 why=TLBSHOOT_KENTER
            sh-511 [003] 1.000000004: pmap_tlb_shootdown: pmap=kernel va=0x2000
            sh-511 [003] 1.000000005: pmap_tlb_shootdown: pmap=kernel va=0x3000 why=14

            """)
        #expect(events.count == 5)
        guard case .pmapTLBShootdown(.kernel, 0xffff_8000_4000_1000, .kremove) = events[0] else {
            Issue.record("\(events[0])")
            return
        }
        guard case .pmapTLBShootdown(.user(123), nil, .freePTP1) = events[1] else {
            Issue.record("\(events[1])")
            return
        }
        guard case .pmapTLBShootdown(.kernel, 0x1000, .kenter) = events[2] else {
            Issue.record("\(events[2])")
            return
        }
        // `why` is optional; an unknown reason (14 is TLBSHOOT__MAX) reads as none.
        guard case .pmapTLBShootdown(.kernel, 0x2000, nil) = events[3],
            case .pmapTLBShootdown(.kernel, 0x3000, nil) = events[4]
        else {
            Issue.record("\(events[3...])")
            return
        }
    }

    @Test func tlbShootdownWithoutPmapIsMalformed() {
        let trace = TraceText.parse("cat-512 [000] 1.0: pmap_tlb_shootdown: va=0x1000 why=2\n")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 1)
    }

    /// NetBSD `<sys/wait.h>`: W_STOPCODE(17) = 0x117f, W_EXITCODE(5, 0) = 0x500,
    /// killed by SIGKILL = 9, with a core = 0x86 (SIGSEGV 6 | WCOREFLAG 0x80), continued = 0xffff.
    @Test func rawWaitWordsDecodeAsNetBSDEncodesThem() throws {
        let events = kinds(
            """
            t-600 [000] 1.000000001: wait_return: child=601 wstatus=0x117f options=0x0
            t-600 [000] 1.000000002: wait_return: child=601 wstatus=0x500 options=0x1
            t-600 [000] 1.000000003: wait_return: child=601 wstatus=9 options=0x12
            t-600 [000] 1.000000004: wait_return: child=601 wstatus=0xffff options=2
            t-600 [000] 1.000000005: wait_return: child=601 wstatus=0x86
            t-600 [000] 1.000000006: wait_return: child=0 status=none options=0x1
            t-600 [000] 1.000000007: wait_return: status=none errno=10 options=0x0

            """)
        let statuses: [WaitStatus] = events.compactMap {
            if case .waitReturn(_, let status, _, _) = $0 { return status }
            return nil
        }
        #expect(
            statuses == [
                .stopped(signal: 17), .exited(code: 5), .signaled(signal: 9), .continued, .signaled(signal: 6),
                .none, .none,
            ])
        let options: [WaitOptions] = events.compactMap {
            if case .waitReturn(_, _, _, let options) = $0 { return options }
            return nil
        }
        // NetBSD numbering: 0x10 is WCONTINUED (Linux's is 8), 2 WUNTRACED.
        #expect(options == [[], [.noHang], [.untraced, .continued], [.untraced], [], [.noHang], []])
        guard case .waitReturn(_, .none, 10, _) = events[6] else {
            Issue.record("\(events[6])")
            return
        }
    }

    @Test func numericWaitOptionsFollowTheSignalNumbering() {
        let line = "t-600 [000] 1.0: wait_return: child=601 status=none options=0x8\n"
        let linux = kinds(line, header: "# machine: signals=linux\n")
        let netbsd = kinds(line)
        guard case .waitReturn(_, _, _, let linuxOptions) = linux.first,
            case .waitReturn(_, _, _, let netbsdOptions) = netbsd.first
        else {
            Issue.record("\(linux) \(netbsd)")
            return
        }
        #expect(linuxOptions == [.continued])
        #expect(netbsdOptions == [])
    }

    @Test func aWaitWordBeyondSixteenBitsIsMalformed() {
        let trace = TraceText.parse("t-600 [000] 1.0: wait_return: child=601 wstatus=0x10000\n")
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 1)
    }

    @Test func reasonsSpellAsTheKernelNamesThem() {
        #expect(TLBShootdownReason.allCases.count == 14)
        #expect(TLBShootdownReason.busSpace.rawValue == 13)
        for reason in TLBShootdownReason.allCases {
            #expect(TLBShootdownReason(spelled: reason.spelling) == reason)
            #expect(TLBShootdownReason(spelled: "TLBSHOOT_" + reason.spelling) == reason)
            #expect(TLBShootdownReason(spelled: String(reason.rawValue)) == reason)
        }
        #expect(TLBShootdownReason(spelled: "NOPE") == nil)
    }
}
