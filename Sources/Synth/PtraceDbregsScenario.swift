import KTrace
/// `synth ptrace-dbregs`: the ATF test `t_ptrace_wait:dbregs_dr0_trap_variable`
/// as in the shared example: the tracee stops itself, hits a hardware
/// watchpoint (`SIGTRAP`, `TRAP_DBREG`), then stops itself with `_lwp_kill(2)`.
///
/// With `race` (NetBSD 8) that last SIGSTOP is posted twice, the process stops
/// twice and the test's extra `WNOHANG` wait collects the duplicate. Without
/// (a fixed kernel) there is one stop and the `WNOHANG` wait returns nothing.
public struct PtraceDbregsScenario: Sendable {
    public var race = true
    public var seed: UInt64 = 1
    public var comments: [String] = []

    public init() {}

    public func generate(into emitter: TraceEmitter) throws(SynthError) {
        var rng = SplitMix64(seed: seed)
        let machine = try SynthMachine(ncpu: 2)
        let tracer = TaskPrefix(comm: "t_ptrace_wait", pid: 600, cpu: 0)
        let tracee = TaskPrefix(comm: "t_ptrace_wait", pid: 601, cpu: 1)
        let writer = TracedProcessWriter(tracer: tracer, lwps: [tracee], race: race)
        var comments = self.comments
        comments.append(
            race
                ? "NetBSD 8: _lwp_kill(SIGSTOP) posts SIGSTOP twice; the tracer's wait reports the stop twice."
                : "Fixed kernel: _lwp_kill(SIGSTOP) stops the tracee once; the WNOHANG wait finds nothing.")
        for line in machine.headerLines(ubc: false) { try emitter.comment(line) }
        try emitter.comment("test: program=t_ptrace_wait test_case=dbregs_dr0_trap_variable")
        for line in comments { try emitter.comment(line) }
        emitter.now = 20_000_000_000 + Int64(rng.below(1000)) * 1000
        emitter.totalUnits = 1
        let test: [FieldPart] = [.text(" tp=t_ptrace_wait tc=dbregs_dr0_trap_variable")]
        try writer.line(emitter, tracer, "atf_tc_start:", test[0])
        try writer.start(emitter, resume: false)
        try writer.line(emitter, tracer, "ptrace:", .text(" req=PT_SET_DBREGS pid=601"))
        try writer.resume(emitter, lid: 1)
        emitter.advance(Int64(rng.below(20)) * 1000)
        try writer.line(emitter, tracee, "trapsignal:", .text(" pid=601 lid=1 sig=SIGTRAP code=TRAP_DBREG"))
        try writer.post(emitter, on: 1, by: tracee, sig: "SIGTRAP", caller: " caller=trapsignal")
        try writer.stop(emitter, lid: 1, sig: "SIGTRAP", otherPosts: false, selfPost: false)
        try writer.collect(emitter, sig: "stopped:SIGTRAP")
        try writer.resume(emitter, lid: 1)
        emitter.advance(Int64(rng.below(20)) * 1000)
        // The test's _lwp_kill(SIGSTOP), its blocking wait, then its extra WNOHANG wait.
        let kill = TracedProcessWriter(tracer: tracer, lwps: [tracee], race: false)
        try kill.line(emitter, tracee, "lwp_kill:", .text(" pid=601 lid=1 sig=SIGSTOP"))
        try kill.line(emitter, tracee, "kpsignal2:", .text(" pid=601 sig=SIGSTOP"))
        try kill.post(emitter, on: 1, by: tracee, sig: "SIGSTOP", caller: " caller=kpsignal2")
        try kill.stop(emitter, lid: 1, sig: "SIGSTOP", otherPosts: false, selfPost: race)
        try kill.collect(emitter, sig: "stopped:SIGSTOP")
        try kill.resume(emitter, lid: 1)
        if race {
            try kill.stop(emitter, lid: 1, sig: "SIGSTOP", otherPosts: false, selfPost: false)
            try kill.collect(emitter, sig: "stopped:SIGSTOP", options: " options=WNOHANG")
            emitter.stats.duplicateWaitReturns += 1
            try kill.resume(emitter, lid: 1)
        } else {
            try kill.collect(emitter, sig: "none", options: " options=WNOHANG")
        }
        try writer.finish(emitter, status: 5)
        try writer.line(emitter, tracer, "atf_tc_end:", test[0], .text(" result=passed"))
        try emitter.unitDone()
    }
}
