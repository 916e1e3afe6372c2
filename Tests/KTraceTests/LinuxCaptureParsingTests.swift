import Foundation
import TestSupport
import Testing

@testable import KTrace

/// Real captures of this machine's Linux 6.18 kernel (tools/capture/linux) and the
/// ftrace layouts its `options/` produce: read byte-level, TGID kept (docs/trace-format.md "Event lines", §2.4).
@Suite struct LinuxCaptureParsingTests {
    static let repository = RepositoryPaths.root

    static func capture(_ path: String) throws -> ParsedTrace {
        let bytes = try [UInt8](Data(contentsOf: repository.appendingPathComponent(path)))
        return TraceText.parse(bytes: bytes, name: path)
    }

    /// Lines copied from `traces/linux/tlb-busy-2cpu.trace.gz` (record-tgid on).
    @Test func recordTGIDColumn() throws {
        let trace = TraceText.parse(
            """
            # tracer: nop
                    tlbshoot-6682    (   6681) [001] d.h..  3157.780486: csd_function_entry: func=flush_tlb_func, csd=00000000c985eb20
                      <idle>-0       (-------) [000] d..1.  3157.732408: cpu_idle: state=1 cpu_id=0
                      <idle>-0       (-------) [000] dN.1.  3157.740310: cpu_idle: state=4294967295 cpu_id=0
                      ptstop-6737    (   6737) [000] .....  3158.412481: sys_ptrace(request: 7, pid: 0x1a52, addr: 0, data: 0x13)
                 Web (x) Co-300      (    299) [000] ...1.     1.000001: tlb_flush: pages:1 reason:remote IPI send (4)

            """)
        #expect(trace.summary.malformedCount == 0, "\(trace.summary.malformed)")
        #expect(trace.events.map(\.pid) == [6682, 0, 0, 6737, 300])
        #expect(trace.events.map(\.tgid) == [6681, -1, -1, 6737, 299])
        #expect(trace.events.map(\.process) == [6681, 0, 0, 6737, 299])
        #expect(trace.events.map(\.cpu) == [1, 0, 0, 0, 0])
        #expect(trace.events[0].timeNs == 3_157_780_486_000)
        guard case .csdFunctionEntry(0xc985_eb20, flushesTLB: true) = trace.events[0].kind,
            case .idleEnter = trace.events[1].kind, case .idleExit = trace.events[2].kind,
            case .ptrace(.continueExecution, 0x1a52, 19) = trace.events[3].kind,
            case .linuxTLBFlush(1, .remoteIPISend) = trace.events[4].kind
        else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
    }

    /// `# tracer:` after other header lines still makes an ftrace file: Linux numbers.
    @Test func tracerHeaderAfterMachineHeader() {
        let trace = TraceText.parse("# machine: ncpu=2\n# tracer: nop\na-1 [000] 1.0: idle_enter:\n")
        #expect(trace.config.signalNumbering == .linux)
        #expect(trace.summary.inputFormat == .ftrace)
    }

    /// `trace_pipe` has no header: a first event that only Linux prints makes it Linux's.
    @Test func headerlessCaptureStartingWithALinuxEvent() {
        let linux = TraceText.parse("a-1 [000] 1.0: tlb_flush: pages:1 reason:remote IPI send (4)\n")
        #expect(linux.config.signalNumbering == .linux)
        let netbsd = TraceText.parse("a-1 [000] 1.0: idle_enter:\n")
        #expect(netbsd.config.signalNumbering == .netbsd)
    }

    @Test func badTGIDColumnIsMalformed() {
        let trace = TraceText.parse("a-1 (  x1) [000] 1.0: idle_enter:\n")
        #expect(trace.summary.malformedCount == 1)
    }

    @Test func flushReasonsByNumber() {
        let text = (0...6).map { "a-1 [000] 1.0: tlb_flush: pages:\($0 - 1) reason:whatever words (\($0))\n" }.joined()
        let kinds = TraceText.parse(text).events.map(\.kind)
        var reasons: [LinuxTLBFlushReason] = []
        var pages: [Int32] = []
        for kind in kinds {
            if case .linuxTLBFlush(let count, let reason) = kind {
                reasons.append(reason)
                pages.append(count)
            }
        }
        #expect(
            reasons == [
                .taskSwitch, .remoteShootdown, .localShootdown, .localMMShootdown, .remoteIPISend, .remoteWrongCPU,
                .other,
            ])
        #expect(pages == [-1, 0, 1, 2, 3, 4, 5])
    }

    @Test func csdQueueAndCPUMaskLists() throws {
        let trace = TraceText.parse(
            """
            shoot-983 [000] ...2. 4273.575262: csd_queue_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=000000002fdd7234
            x-1 [001] dNh1. 1.0: csd_queue_cpu: cpu=0 callsite=generic_exec_single+0x36/0x150 func=nohz_csd_func csd=00000000538ab9de
            x-1 [001] d..2. 1.1: csd_function_exit: func=flush_tlb_func, csd=0000000000000000
            x-1 [001] d..2. 1.2: ipi_send_cpumask: cpumask=0-3,5,7-8 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_interrupt+0x0/0x10

            """)
        #expect(trace.summary.malformedCount == 0, "\(trace.summary.malformed)")
        guard case .csdQueue(1, 0x2fdd_7234, flushesTLB: true) = trace.events[0].kind,
            case .csdQueue(0, 0x538a_b9de, flushesTLB: false) = trace.events[1].kind,
            case .csdFunctionExit(0, flushesTLB: true) = trace.events[2].kind,
            case .ipiSend(let targets, fromCallFunction: true) = trace.events[3].kind
        else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
        #expect(Array(targets) == [0, 1, 2, 3, 5, 7, 8])
    }

    /// Every real capture reads without a malformed line, and the per-kind counts are
    /// the raw lines' (`zcat F | grep -c 'reason:remote IPI send'`,
    /// `… | grep -c 'csd_queue_cpu:.*func=flush_tlb_func'`, `… | grep -c ' cpu_idle: '`,
    /// `… | grep -c 'signal_generate:'`, `… | grep -c 'sys_wait4 ->'`).
    @Test(arguments: [
        ("traces/linux/tlb-busy-2cpu.trace.gz", 1761, 202, 163, 0, 0, 0),
        ("traces/linux/tlb-sleep-2cpu.trace.gz", 1033, 202, 2, 0, 0, 0),
        ("traces/linux/tlb-sleep-quiet-2cpu.trace.gz", 1577, 215, 15, 32, 0, 0),
        ("traces/linux/ptrace-stop.trace.gz", 67, 0, 0, 0, 14, 11),
        ("traces/linux/ptrace-tgkill.trace.gz", 75, 0, 0, 0, 16, 11),
        ("traces/linux/both-ptrace-tgkill.trace.gz", 239, 2, 2, 0, 12, 9),
        ("traces/linux/shell-signals.trace.gz", 643, 0, 0, 0, 81, 127),
        ("Tests/Fixtures/linux/tlb-busy-heldout.trace.gz", 1220, 121, 121, 0, 0, 0),
        ("Tests/Fixtures/linux/tlb-busy-notgid.trace.gz", 774, 52, 52, 0, 0, 0),
        ("Tests/Fixtures/linux/tlb-busy-nocsd.trace.gz", 513, 81, 0, 0, 0, 0),
        ("Tests/Fixtures/linux/tlb-busy-quiet.trace.gz", 1956, 202, 201, 20, 0, 0),
        ("Tests/Fixtures/linux/tlb-sleep-heldout.trace.gz", 719, 121, 1, 0, 0, 0),
        ("Tests/Fixtures/linux/ptrace-stop-heldout.trace.gz", 43, 0, 0, 0, 8, 8),
        ("Tests/Fixtures/linux/ptrace-tgkill-notgid.trace.gz", 66, 0, 0, 0, 13, 10),
        ("Tests/Fixtures/linux/layout-irq-info-0.trace.gz", 27, 0, 0, 0, 4, 6),
    ])
    func realCaptureReadsEveryLine(
        path: String, lines: Int, requests: Int, queued: Int, idle: Int, generations: Int, waitExits: Int
    ) throws {
        let trace = try Self.capture(path)
        #expect(trace.summary.malformedCount == 0, "\(trace.summary.malformed)")
        #expect(trace.summary.unknownEvents.isEmpty, "\(trace.summary.unknownEvents)")
        #expect(trace.summary.eventLines == lines)
        #expect(trace.config.signalNumbering == .linux)
        var counts = (requests: 0, queued: 0, idle: 0, generations: 0, waitExits: 0)
        for event in trace.events {
            switch event.kind {
            case .linuxTLBFlush(_, .remoteIPISend): counts.requests += 1
            case .csdQueue(_, _, flushesTLB: true): counts.queued += 1
            case .idleEnter, .idleExit: counts.idle += 1
            case .linuxSignalGenerate: counts.generations += 1
            case .waitReturn: counts.waitExits += 1
            default: break
            }
        }
        #expect(counts.requests == requests)
        #expect(counts.queued == queued)
        #expect(counts.idle == idle)
        #expect(counts.generations == generations)
        #expect(counts.waitExits == waitExits)
        if !path.contains("notgid") {
            #expect(trace.events.contains { $0.tgid > 0 })
        } else {
            #expect(trace.events.allSatisfy { $0.tgid == -1 })
        }
    }

    /// `options/context-info` off and `options/latency-format` on: every event line is
    /// malformed with a reason that names the option.
    @Test(arguments: [
        ("Tests/Fixtures/linux/layout-context-info-0.trace.gz", "options/context-info off"),
        ("Tests/Fixtures/linux/layout-latency-format-1.trace.gz", "options/latency-format"),
    ])
    func refusedLayoutsNameTheOption(path: String, option: String) throws {
        let trace = try Self.capture(path)
        #expect(trace.events.isEmpty)
        #expect(trace.summary.malformedCount == 27)  // `zcat F | grep -vc '^#'`
        #expect(trace.summary.malformed.allSatisfy { $0.reason.contains(option) }, "\(trace.summary.malformed)")
    }
}
