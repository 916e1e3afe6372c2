/// A piece of an event line's fields: fixed text or a number.
enum FieldPart {
    case text(StaticString)
    case int(Int64)
}

/// Writes the signal and ptrace events of one tracer and its traced process
/// with several LWPs, the way a NetBSD 8 kernel logs them (docs/signal-model.md).
///
/// `race` selects the kernel: true is NetBSD 8, where `proc_stop` posts an
/// `_lwp_kill` signal to the stopping LWP once more (the seed's double post:
/// the process stops twice and the tracer's `wait` returns twice); false is a
/// fixed kernel (one generation, one stop).
struct TracedProcessWriter {
    let tracer: TaskPrefix
    /// The traced process's LWPs, lid 1 first.
    let lwps: [TaskPrefix]
    let race: Bool
    var traceePid: Int32 { lwps[0].pid }

    /// One event line.
    func line(_ emitter: TraceEmitter, _ task: TaskPrefix, _ event: StaticString, _ parts: FieldPart...)
        throws(SynthError)
    {
        emitter.begin(task, flags: ".....", event: event)
        for part in parts {
            switch part {
            case .text(let text): emitter.buffer.append(text)
            case .int(let value): emitter.buffer.appendDecimal(value)
            }
        }
        try emitter.endLine()
        emitter.advance(1000)
    }

    private var pid: FieldPart { .int(Int64(traceePid)) }

    /// The tracer forks the tracee, which asks to be traced and stops itself
    /// with `raise(SIGSTOP)`; the tracer collects the stop and (with `resume`) continues it.
    func start(_ emitter: TraceEmitter, resume resumes: Bool = true) throws(SynthError) {
        try line(emitter, tracer, "fork:", .text(" child="), pid)
        try line(emitter, lwps[0], "ptrace:", .text(" req=PT_TRACE_ME pid="), pid)
        try line(emitter, lwps[0], "kill:", .text(" pid="), pid, .text(" sig=SIGSTOP"))
        try line(emitter, lwps[0], "kpsignal2:", .text(" pid="), pid, .text(" sig=SIGSTOP"))
        try post(emitter, on: 1, by: lwps[0], sig: "SIGSTOP", caller: " caller=kpsignal2")
        try stop(emitter, lid: 1, sig: "SIGSTOP", otherPosts: false, selfPost: false)
        try collect(emitter, sig: "stopped:SIGSTOP")
        if resumes { try resume(emitter, lid: 1) }
    }

    /// `_lwp_kill(target, SIGSTOP)` called by LWP `caller`: one stop, or two on NetBSD 8.
    func lwpKill(_ emitter: TraceEmitter, caller: Int, target: Int) throws(SynthError) {
        let calling = lwps[caller - 1]
        try line(
            emitter, calling, "lwp_kill:", .text(" pid="), pid, .text(" lid="), .int(Int64(target)),
            .text(" sig=SIGSTOP"))
        try line(emitter, calling, "kpsignal2:", .text(" pid="), pid, .text(" sig=SIGSTOP"))
        try post(emitter, on: target, by: calling, sig: "SIGSTOP", caller: " caller=kpsignal2")
        try stop(emitter, lid: target, sig: "SIGSTOP", otherPosts: true, selfPost: race)
        try collect(emitter, sig: "stopped:SIGSTOP")
        try resume(emitter, lid: target)
        guard race else { return }
        // The self-post is taken again on the way back to user space: a second stop.
        try stop(emitter, lid: target, sig: "SIGSTOP", otherPosts: false, selfPost: false)
        try collect(emitter, sig: "stopped:SIGSTOP")
        emitter.stats.duplicateWaitReturns += 1
        try resume(emitter, lid: target)
    }

    /// The tracee exits; the tracer reaps it, and its next `wait` fails with ECHILD.
    func finish(_ emitter: TraceEmitter, status: Int64) throws(SynthError) {
        try line(emitter, lwps[0], "exit:", .text(" status="), .int(status))
        try line(emitter, tracer, "wait_return:", .text(" child="), pid, .text(" status=exited:"), .int(status))
        try line(emitter, tracer, "wait_return:", .text(" child="), pid, .text(" status=none errno=ECHILD"))
        emitter.stats.waitReturns += 2
    }

    func post(_ emitter: TraceEmitter, on lid: Int, by task: TaskPrefix, sig: StaticString, caller: StaticString)
        throws(SynthError)
    {
        try line(
            emitter, task, "sigpost:", .text(" pid="), pid, .text(" lid="), .int(Int64(lid)), .text(" sig="),
            .text(sig), .text(caller))
        emitter.stats.posts += 1
    }

    /// LWP `lid` takes `sig` and stops the process; `proc_stop` wakes the other
    /// LWPs (`otherPosts`) and, on NetBSD 8 for an `_lwp_kill` signal, posts it to
    /// the stopping LWP again (`selfPost`).
    func stop(_ emitter: TraceEmitter, lid: Int, sig: StaticString, otherPosts: Bool, selfPost: Bool)
        throws(SynthError)
    {
        let task = lwps[lid - 1]
        let lidPart = FieldPart.int(Int64(lid))
        try line(emitter, task, "issignal:", .text(" pid="), pid, .text(" lid="), lidPart, .text(" sig="), .text(sig))
        try line(emitter, task, "sigswitch:", .text(" pid="), pid, .text(" lid="), lidPart, .text(" sig="), .text(sig))
        try line(emitter, task, "proc_stop:", .text(" pid="), pid, .text(" sig="), .text(sig))
        if otherPosts {
            for other in 1...lwps.count where other != lid {
                try post(emitter, on: other, by: task, sig: sig, caller: " caller=proc_stop")
            }
        }
        if selfPost {
            try post(emitter, on: lid, by: task, sig: sig, caller: " caller=proc_stop")
            emitter.stats.doublePosts += 1
        }
        try line(emitter, task, "proc_stop_done:", .text(" pid="), pid, .text(" sig="), .text(sig))
        emitter.stats.stops += 1
    }

    /// The tracer's `wait` reports `status`.
    func collect(_ emitter: TraceEmitter, sig status: StaticString, options: StaticString = "") throws(SynthError) {
        try line(
            emitter, tracer, "wait_return:", .text(" child="), pid, .text(" status="), .text(status),
            .text(options))
        emitter.stats.waitReturns += 1
    }

    /// `PT_CONTINUE` with no signal; LWP `lid`'s CPU logs the resume.
    func resume(_ emitter: TraceEmitter, lid: Int) throws(SynthError) {
        try line(emitter, tracer, "ptrace:", .text(" req=PT_CONTINUE pid="), pid, .text(" sig=0"))
        try line(emitter, lwps[lid - 1], "proc_unstop:", .text(" pid="), pid)
    }
}
