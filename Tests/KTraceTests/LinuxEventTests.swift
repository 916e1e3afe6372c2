import Testing

@testable import KTrace

/// Linux tracepoints as ftrace and `trace-cmd report` print them.
@Suite struct LinuxEventTests {
    @Test func tlbFlushWithKeyColonValue() throws {
        let trace = TraceText.parse(
            "  kworker/0:1-42 [000] d..2. 1.000001: tlb_flush: pages:-1 reason:remote shootdown (1)\n")
        #expect(trace.summary.malformedCount == 0)
        guard case .linuxTLBFlush(-1, .remoteShootdown) = try #require(trace.events.first).kind else {
            Issue.record("\(trace.events)")
            return
        }
    }

    @Test func ipiSendWithTLBCallbackIsAShootdown() throws {
        let trace = TraceText.parse(
            """
            cat-9 [002] 1.0: ipi_send_cpu: cpu=3 callsite=on_each_cpu_cond_mask+0x1f/0x40 callback=flush_tlb_func+0x0/0x1b0
            cat-9 [002] 1.1: ipi_send_cpumask: cpumask=0-1,3 callsite=smp_call_function_many_cond+0x1/0x2 callback=flush_tlb_func+0x0/0x1b0
            cat-9 [002] 1.2: ipi_send_cpu: cpu=1 callsite=x callback=generic_smp_call_function_single_interrupt+0x0/0x10
            cat-9 [002] 1.3: ipi_send_cpumask: cpumask=0-1,3 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_interrupt+0x0/0x10

            """)
        #expect(trace.summary.malformedCount == 0)
        guard case .shootdownIPI(let one, nil) = trace.events[0].kind,
            case .shootdownIPI(let many, nil) = trace.events[1].kind,
            case .ipiSend(let other, fromCallFunction: false) = trace.events[2].kind,
            case .ipiSend(let callFunction, fromCallFunction: true) = trace.events[3].kind
        else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
        #expect(Array(one) == [3])
        #expect(Array(many) == [0, 1, 3])
        #expect(Array(other) == [1])
        #expect(Array(callFunction) == [0, 1, 3])
    }

    @Test func schedSwitchToSwapperIsIdle() throws {
        let line =
            "  kworker/u8:2-77 [001] d..2. 1.5: sched_switch: prev_comm=kworker/u8:2 prev_pid=77 prev_prio=120 "
            + "prev_state=I ==> next_comm=swapper/1 next_pid=0 next_prio=120\n"
        let trace = TraceText.parse(line)
        guard case .schedSwitch(77, 0) = try #require(trace.events.first).kind else {
            Issue.record("\(trace.events)")
            return
        }
    }

    @Test func schedSwitchCommWithSpaces() throws {
        let line =
            "Web Content-300 [000] 1.5: sched_switch: prev_comm=Web Content prev_pid=300 prev_prio=120 "
            + "prev_state=S ==> next_comm=Isolated Web Co next_pid=301 next_prio=120\n"
        let trace = TraceText.parse(line)
        guard case .schedSwitch(300, 301) = try #require(trace.events.first).kind else {
            Issue.record("\(trace.events) \(trace.summary.malformed)")
            return
        }
        #expect(trace.events[0].pid == 300)
    }

    @Test func signalGenerateAndDeliverKeepTheirFields() {
        let trace = TraceText.parse(
            """
            cpus=2
            bash-10 [000] 1.0: signal_generate: sig=19 errno=0 code=0 comm=my prog pid=20 grp=0 res=0
            bash-10 [000] 1.1: signal_generate: sig=19 errno=0 code=0 comm=x pid=20 grp=0 res=1
            prog-20 [001] 1.2: signal_deliver: sig=19 errno=0 code=0 sa_handler=0 sa_flags=0

            """)
        #expect(trace.summary.malformedCount == 0)
        let kinds = trace.events.map { "\($0.kind)" }
        #expect(trace.events.count == 3)
        guard case .linuxSignalGenerate(20, 19, code: 0, group: false, result: 0) = trace.events[0].kind,
            case .linuxSignalGenerate(20, 19, code: 0, group: false, result: 1) = trace.events[1].kind,
            case .linuxSignalDeliver(19, code: 0, defaultAction: true) = trace.events[2].kind, trace.events[2].pid == 20
        else {
            Issue.record("\(kinds)")
            return
        }
    }

    @Test func syscallTracerWait4EntryAndExit() {
        let trace = TraceText.parse(
            """
            cpus=1
            strace-5 [000] 1.0: sys_wait4(upid: ffffffff, stat_addr: 7ffe0babeaa0, options: 1, ru: 0)
            strace-5 [000] 1.1: sys_wait4 -> 0xfa3
            strace-5 [000] 1.2: sys_wait4(upid: fa3, stat_addr: 0, options: 0, ru: 0)
            strace-5 [000] 1.3: sys_wait4 -> 0xfffffffffffffff6
            strace-5 [000] 1.4: sys_enter_wait4: upid: 0x00000fa3, stat_addr: 0x00000000, options: 0x00000001, ru: 0x0
            strace-5 [000] 1.5: sys_exit_wait4: 0x0

            """)
        #expect(trace.summary.malformedCount == 0)
        let waits = trace.events.compactMap { event -> String? in
            if case .waitReturn(let child, let status, let errno, let options) = event.kind {
                return "\(child) \(status) \(errno) \(options.contains(.noHang))"
            }
            return nil
        }
        #expect(waits == ["4003 unknown 0 true", "4003 none 10 false", "4003 none 0 true"])
    }

    @Test func killSyscallsAreGenerations() {
        let trace = TraceText.parse(
            """
            cpus=1
            t-5 [000] 1.0: sys_kill(pid: fa3, sig: 13)
            t-5 [000] 1.1: sys_tgkill(tgid: fa3, pid: fa4, sig: 13)

            """)
        guard case .kill(4003, 19) = trace.events[0].kind, case .lwpKill(4004, 1, 19) = trace.events[1].kind else {
            Issue.record("\(trace.events.map(\.kind))")
            return
        }
    }
}
