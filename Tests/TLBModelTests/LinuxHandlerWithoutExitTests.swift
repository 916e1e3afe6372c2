import KTrace
import Testing

@testable import TLBModel

/// A flush handler entered on a CPU while another is still open there (docs/tlb-model.md,
/// "Handlers without an exit"). Linux never nests them (`csd_do_func` traces entry, runs
/// `flush_tlb_func`, traces exit, with interrupts off), so the open one has ended and its
/// `csd_function_exit` line is missing: here because `capture-pipe.sh` enabled
/// `csd_function_entry` 4 ms before `csd_function_exit`. The lines are a real capture's
/// (this machine's 6.18 kernel, `capture-pipe.sh -e both`), verbatim.
@Suite struct LinuxHandlerWithoutExitTests {
    static let request = [
        " capture-pipe.sh-17935   (  17935) [000] ...1. 14188.769360: tlb_flush: pages:-1 reason:remote IPI send (4)",
        " capture-pipe.sh-17935   (  17935) [000] ...2. 14188.769361: csd_queue_cpu: cpu=1 "
            + "callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000c985eb20",
        " capture-pipe.sh-17935   (  17935) [000] d..2. 14188.769376: csd_function_entry: func=flush_tlb_func, "
            + "csd=0000000000000000",
        " capture-pipe.sh-17935   (  17935) [000] d..2. 14188.769376: tlb_flush: pages:0 reason:remote wrong CPU (5)",
        "             cat-17930   (  17930) [001] d.h.. 14188.769387: csd_function_entry: func=flush_tlb_func, "
            + "csd=00000000c985eb20",
    ]
    static let wrongCPU =
        "             cat-17930   (  17930) [001] d.h.. 14188.769387: tlb_flush: pages:0 reason:remote wrong CPU (5)"
    static let next = [
        " capture-pipe.sh-17927   (  17927) [000] ...1. 14188.776139: tlb_flush: pages:-1 reason:remote IPI send (4)",
        " capture-pipe.sh-17927   (  17927) [000] ...2. 14188.776140: csd_queue_cpu: cpu=1 "
            + "callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000c985eb20",
        " capture-pipe.sh-17927   (  17927) [000] ...2. 14188.776141: ipi_send_cpu: cpu=1 "
            + "callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_single_interrupt+0x0/0x10",
        "             cat-17930   (  17930) [001] d.h1. 14188.776171: csd_function_entry: func=flush_tlb_func, "
            + "csd=00000000c985eb20",
        "             cat-17930   (  17930) [001] d.h1. 14188.776172: tlb_flush: pages:0 reason:remote wrong CPU (5)",
        "             cat-17930   (  17930) [001] d.h1. 14188.776173: csd_function_exit: func=flush_tlb_func, "
            + "csd=00000000c985eb20",
    ]

    /// Both handlers printed `remote wrong CPU (5)`: both targets are `not-loaded`, the first
    /// though its exit is missing. Every target is counted in a class.
    @Test func openHandlerIsJudgedByItsRecord() {
        let model = LinuxTLBModelTests.text(Self.request + [Self.wrongCPU] + Self.next)
        #expect(model.counts.targets == 2)
        #expect(model.counts.targetsByClass == ["not-loaded": 2])
        #expect(model.counts.redundantTargets == 2)
        #expect(model.findings.map(\.line) == [3, 10])  // line 1 is `# tracer: nop`; 10 the IPI
        #expect(model.notes.contains { $0.hasPrefix("1 flush handlers have no csd_function_exit") })
    }

    /// The capture's own order: the handler's `wrong CPU` record, then (no exit) cpu1 switches
    /// tasks, whose `flush on task switch` is the switch's, not the handler's: a `sched_switch`
    /// cannot happen inside an IPI handler, so it ends the open one. `not-loaded`, not `lazy`.
    @Test func aSwitchEndsTheOpenHandler() {
        let switched = [
            "             cat-17930   (  17930) [001] d..2. 14188.771042: sched_switch: prev_comm=cat prev_pid=17930 "
                + "prev_prio=120 prev_state=S ==> next_comm=capture-pipe.sh next_pid=17927 next_prio=120",
            "             cat-17930   (  17930) [001] d..2. 14188.771050: tlb_flush: pages:0 reason:flush on task switch (0)",
        ]
        let model = LinuxTLBModelTests.text(Self.request + [Self.wrongCPU] + switched + Self.next)
        #expect(model.counts.targetsByClass == ["not-loaded": 2])
    }

    /// Without the flush record (the lost lines may have held it) the open one is `unknown`:
    /// counted, not a finding.
    @Test func openHandlerWithoutRecordIsUnknown() {
        let model = LinuxTLBModelTests.text(Self.request + Self.next)
        #expect(model.counts.targets == 2)
        #expect(model.counts.targetsByClass == ["unknown": 1, "not-loaded": 1])
        #expect(model.findings.map(\.line) == [9])
    }

    /// The trace ends inside a handler: the same rule.
    @Test func handlerOpenAtTheEnd() {
        #expect(LinuxTLBModelTests.text(Self.request).counts.targetsByClass == ["unknown": 1])
        #expect(LinuxTLBModelTests.text(Self.request + [Self.wrongCPU]).counts.targetsByClass == ["not-loaded": 1])
    }
}
