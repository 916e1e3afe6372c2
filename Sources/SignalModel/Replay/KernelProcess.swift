import KTrace

/// One LWP's signal state in the kernel model.
struct KernelLWP: Hashable, Sendable {
    /// CPU its events are shown on.
    var cpu: Int
    /// Posted, not yet taken by `issignal` (a set: posting a pending signal changes nothing).
    var pending: SignalSet = []
    /// Pending signals whose post came from `proc_stop` (never re-posted again).
    var postedByProcStop: SignalSet = []
    /// Signals ever posted deliverably here (what `drop-second` remembers).
    var everPosted: SignalSet = []
}

/// One process in the kernel model.
struct KernelProcess: Hashable, Sendable {
    /// Parent pid; 0 when the trace never showed the fork.
    var parent: Int32 = 0
    var tracer: Int32?
    var lwps = LWPList()
    /// Latest generation of each signal: decides `proc_stop`'s self-post.
    var lastGeneration = SignalOrigins()
    var stopped = false
    /// The stop a `wait` can still report (`SSTOP`, `p_waited == 0`); a resume ends it.
    var stopReport: Int32?
    var stopIsTraced = true
    var exitStatus: Int32?
    var reaped = false
    /// CPU for process-wide reactions (`proc_unstop`) when no LWP is known.
    var cpu: Int

    init(cpu: Int) { self.cpu = cpu }

    var exited: Bool { exitStatus != nil }
    var isTraced: Bool { tracer != nil }

    /// The LWP a process-directed signal goes to: the lowest lid.
    var firstLid: Int32 { lwps.firstLid ?? 1 }

    func lwpCPU(_ lid: Int32) -> Int { lwps.cpu(of: lid) ?? cpu }

    /// Whether `waiter` may collect this process's reports.
    func isWaitable(by waiter: Int32) -> Bool {
        !reaped && (parent == waiter || tracer == waiter || parent == 0)
    }
}

/// What a `wait` did in the kernel model.
enum WaitOutcome: Hashable, Sendable {
    case returned(child: Int32, status: WaitStatus, errno: Int32)
    /// A blocking wait with nothing to report yet.
    case blocked
}

/// What a tracer request did to its tracee.
enum PtraceEffect: Sendable, Equatable {
    case resumed
    /// A resume for a tracee the strategy left running (kept and noted, docs/signal-model.md "Replay").
    case notStopped
    case noSuchProcess
    case other
}
