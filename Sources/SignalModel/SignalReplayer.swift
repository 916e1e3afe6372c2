import KTrace

/// Replays a trace's process/signal workload under a strategy (docs/signal-model.md "Replay").
///
/// The workload — `fork`, `ptrace`, `lwp_kill`, `kill`, `trapsignal`, `exit`
/// and each `wait_return` as a wait call with its options — is kept in file
/// order; the recorded reactions are dropped and re-derived by the kernel
/// model, and the §3.1 rules run on the re-derived stream. A re-derived event
/// carries the line of the workload event that caused it.
public struct SignalReplayer {
    public let strategy: SignalStrategySpec
    /// Keep the re-derived event stream in the outcome (tests, debugging).
    public var keepsEvents = false
    private let config: TraceConfig
    private let policy: any SignalStrategy
    private var kernel: SignalKernel
    private var rules: SignalRules
    private var deferred: [Event] = []
    /// What the kernel derived since it was last emptied: one log, filled in place (a
    /// log per step allocated its arrays, and handing it back and forth cost retains
    /// and releases on every signal event). Emptied keeping its capacity.
    private var reactions = ReactionLog()
    /// The waits `takeResolvedWaits` hands out, kept with their capacity (see there).
    private var handedOutWaits: [ReplayedWait] = []
    /// Processes with LWPs inside a workload call the trace has not shown them return
    /// from: the CPUs of those calls and the process's latest call. Ascending by pid;
    /// nearly always one entry (an array: read on every signal event).
    private var inCall: [InCall] = []
    static let maxBlockedWaits = 8
    private var droppedNotes = 0
    /// Each wait and what it returned: the first `maxKeptWaits` (for reports and tests).
    private var waits: [ReplayedWait] = []
    static let maxKeptWaits = 10_000
    /// Waits resolved since the last `takeResolvedWaits()`, when an analyzer streams them.
    private var resolvedQueue: [ReplayedWait] = []
    /// Set by an analyzer that compares waits as they resolve (memory stays flat).
    var streamsWaits = false
    /// Cleared by an analyzer that uses only the wait results: the re-derived stream
    /// then feeds no rules and makes no notes (it would build findings and strings
    /// that are thrown away).
    var derivesFindings = true
    private var events: [Event] = []
    private var notes: [String] = []
    /// Every deferred wait blocked at the end of the last `resolveWaits` pass, and
    /// nothing since can have changed that (see `resolveWaits`): the next pass would ask
    /// the same waits of the same kernel and block again.
    private var waitsStayBlocked = false
    /// Off in tests only: every pass asks the kernel again (the memo must not change a result).
    var memoizesBlockedWaits = true
    /// Passes the memo skipped (tests).
    private(set) var skippedWaitPasses = 0
    /// Whether the kernel drops reaped processes and the rules a process's state at
    /// its exit (on: memory follows the live processes; tests turn it off to compare).
    var forgetsExitedProcesses: Bool {
        get { rules.forgetsExitedProcesses }
        set {
            kernel.forgetsReaped = newValue
            rules.forgetsExitedProcesses = newValue
        }
    }

    public init(strategy: SignalStrategySpec, config: TraceConfig) {
        self.strategy = strategy
        self.config = config
        policy = strategy.makeStrategy()
        kernel = SignalKernel(numbering: config.signalNumbering)
        kernel.forgetsReaped = true
        rules = SignalRules(
            numbering: config.signalNumbering, findingLimit: config.replayFindingLimit, forgetsExitedProcesses: true)
    }

    public mutating func consume(_ event: Event) {
        guard SignalReplayer.isNetBSDSignalEvent(event.kind) else { return }
        consumeSignalEvent(event)
    }

    /// Consecutive events, in file order: events that are not the signal model's
    /// (≈ 90 % of a mixed trace) cost one switch.
    public mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in events.indices where SignalReplayer.isNetBSDSignalEvent(events[index].kind) {
            consumeSignalEvent(events[index])
        }
    }

    private mutating func consumeSignalEvent(_ event: Event) {
        learn(event)
        // Another process runs: callers of other processes have returned by now.
        // (Checked first: nearly always only this event's own process is in a call.)
        if inCall.contains(where: { $0.pid != event.pid }) { returnFromCalls(except: event.pid) }
        reactions.removeAll()
        // A process seen running has taken its pending signals first (lwp_userret),
        // except LWPs still inside a call on another CPU; proc_unstop is left out: it
        // runs in the tracer's ptrace call.
        let cause = showsRunning(event)
        if case .procUnstop = event.kind {
        } else {
            kernel.settle(
                pid: event.pid, skippingCPUs: Self.cpus(in: inCall, of: event.pid), strategy: policy, log: &reactions)
        }
        noteKernelChange()
        flushReactions(cause: cause)
        reactions.removeAll()
        let sender = SynthEvent(cpu: event.cpu, pid: event.pid, kind: event.kind)
        // Every case but the recorded reactions changes the kernel or the deferred waits.
        switch event.kind {
        case .fork, .ptrace, .lwpKill, .kill, .trapsignal, .exit, .waitReturn: waitsStayBlocked = false
        default: break
        }
        switch event.kind {
        case .fork(let child):
            emit(event)
            kernel.fork(parent: event.pid, child: child, cpu: event.cpu)
        case .ptrace(let request, let pid, let sig):
            emit(event)
            let effect = kernel.ptrace(
                request, pid: pid, signal: sig, sender: sender, strategy: policy, log: &reactions)
            if effect == .notStopped, admitNote() {
                notes.append(
                    "line \(event.line): \(requestName(request)) for \(pid), which \(policy.name) left running: "
                        + "kept, no effect")
            }
        case .lwpKill(let pid, let lid, let sig):
            emit(event)
            kernel.lwpKill(pid: pid, lid: lid, signal: sig, sender: sender, strategy: policy, log: &reactions)
        case .kill(let pid, let sig):
            emit(event)
            kernel.kill(pid: pid, signal: sig, sender: sender, strategy: policy, log: &reactions)
        case .trapsignal(let pid, let lid, let sig):
            emit(event)
            kernel.trapsignal(pid: pid, lid: lid, signal: sig, strategy: policy, log: &reactions)
        case .exit(let status):
            emit(event)
            kernel.exit(pid: event.pid, status: status)
        case .waitReturn:
            // A blocked wait may still return later (the replay keeps the tracer's later
            // calls); but a process with many waits still blocked is stuck for good:
            // past a few, the oldest never returns. This keeps replay linear in the trace.
            if deferred.lazy.filter({ $0.pid == event.pid }).count >= Self.maxBlockedWaits,
                let index = deferred.firstIndex(where: { $0.pid == event.pid })
            {
                neverReturns(deferred.remove(at: index))
            }
            deferred.append(event)
        case .atfTestCaseStart, .atfTestCaseEnd:
            emit(event)
        default:
            // Recorded reactions are re-derived; they only show who ran (settled above).
            resolveWaits(cause: Site(event))
            return
        }
        // The caller takes what it was sent when it returns from its call: not before
        // the trace shows it return (its own next event other than the call's
        // kpsignal2/sigpost, or any other process's event). Its process's other LWPs,
        // not inside a call, take theirs now.
        if Self.isCall(event.kind) { enterCall(event) }
        kernel.settle(
            pid: event.pid, skippingCPUs: Self.cpus(in: inCall, of: event.pid), strategy: policy, log: &reactions)
        noteKernelChange()
        flushReactions(cause: Site(event))
        resolveWaits(cause: Site(event))
    }

    /// A workload call: its caller is inside the kernel until the trace shows it return.
    private static func isCall(_ kind: EventKind) -> Bool {
        switch kind {
        case .fork, .ptrace, .lwpKill, .kill, .trapsignal, .exit: return true
        default: return false
        }
    }

    /// What `event` shows of its process's LWPs inside a call: the CPUs whose LWPs
    /// are still inside (they take nothing now), and the line the reactions carry.
    /// An event on a call's CPU other than that call's own `kpsignal2`/`sigpost`
    /// shows its LWP returned: what it then takes carries the line of the process's
    /// latest call (as when it took it right after the call).
    /// Returns the line (`cause`); the CPUs still inside stay in `inCall` (`cpusInCall`).
    /// (Returning an array and the event went through generic destroys on every event.)
    private mutating func showsRunning(_ event: Event) -> Site {
        guard let index = inCall.firstIndex(where: { $0.pid == event.pid }) else { return Site(event) }
        var cause = Site(event)
        if inCall[index].cpus.contains(event.cpu) {
            switch event.kind {
            case .kpsignal2, .sigpost: break
            default:
                inCall[index].cpus.remove(event.cpu)
                cause = inCall[index].cause
            }
        }
        if inCall[index].cpus.isEmpty { inCall.remove(at: index) }
        return cause
    }

    /// The CPUs of `pid`'s LWPs inside a call (they take nothing now). Static: the
    /// kernel asks for it while it is being changed.
    private static func cpus(in inCall: [InCall], of pid: Int32) -> CallCPUs {
        for index in inCall.indices where inCall[index].pid == pid { return inCall[index].cpus }
        return CallCPUs()
    }

    /// `event` is a workload call: its LWP is inside it (the process's latest call).
    private mutating func enterCall(_ event: Event) {
        guard let index = inCall.firstIndex(where: { $0.pid >= event.pid }), inCall[index].pid == event.pid else {
            let call = InCall(pid: event.pid, cpus: CallCPUs(event.cpu), cause: Site(event))
            // Appended when last (nearly always: the list is empty); the generic `insert`
            // cost ≈ 200 instructions.
            if let at = inCall.firstIndex(where: { $0.pid > event.pid }) {
                inCall.insert(call, at: at)
            } else {
                inCall.append(call)
            }
            return
        }
        inCall[index].cpus.insert(event.cpu)
        inCall[index].cause = Site(event)
    }

    /// The callers of every process but `pid` return: they take what they were sent.
    private mutating func returnFromCalls(except pid: Int32?) {
        // In pid order, each taken out of the list before it settles (nothing a settle
        // does reads the list): no `filter` and `removeAll(where:)`, whose generic code
        // and new array cost ≈ 1 300 instructions a call.
        var index = 0
        while index < inCall.count {
            guard inCall[index].pid != pid else {
                index += 1
                continue
            }
            let call = inCall.remove(at: index)
            reactions.removeAll()
            kernel.settle(pid: call.pid, strategy: policy, log: &reactions)
            noteKernelChange()
            flushReactions(cause: call.cause)
        }
    }

    /// A blocking wait lets everyone run: every caller has returned from its call. (The
    /// generic `removeAll(keepingCapacity:)` cost ≈ 200 instructions even on an empty list.)
    private mutating func returnAllFromCalls() {
        while !inCall.isEmpty { inCall.removeLast() }
    }

    /// A settle's log: a settle that took a signal (or noted anything) changed the
    /// kernel, so blocked waits must be asked again. One that took nothing changed nothing.
    private mutating func noteKernelChange() {
        if !reactions.isEmpty { waitsStayBlocked = false }
    }

    public mutating func finish() -> SignalReplayOutcome {
        returnFromCalls(except: nil)
        for wait in deferred { neverReturns(wait) }
        deferred = []
        if droppedNotes > 0 { notes.append("\(droppedNotes) more notes not listed") }
        rules.finish()
        var outcome = SignalReplayOutcome()
        outcome.counts = rules.counts
        outcome.findings = rules.findings
        outcome.notes = notes + rules.notes
        outcome.waits = waits.sorted { $0.line < $1.line }
        outcome.events = events
        return outcome
    }

    // MARK: Internals

    /// Learns which processes and LWPs exist and where they run, from any signal event:
    /// the process/LWP the event is about (only events that run on the target LWP itself
    /// tell where it runs), or only the process running it.
    private mutating func learn(_ event: Event) {
        switch event.kind {
        case .trapsignal(let pid, let lid, _), .issignal(let pid, let lid, _), .sigswitch(let pid, let lid, _),
            .postsig(let pid, let lid, _):
            kernel.learn(running: event.pid, target: pid, lid: lid, cpu: event.cpu, runsOnTarget: true)
        case .lwpKill(let pid, let lid, _), .sigpost(let pid, let lid, _, _):
            kernel.learn(running: event.pid, target: pid, lid: lid, cpu: event.cpu, runsOnTarget: false)
        case .kill(let pid, _), .kpsignal2(let pid, _), .procStop(let pid, _), .procStopDone(let pid, _),
            .procUnstop(let pid), .ptrace(_, let pid, _):
            kernel.learn(running: event.pid, target: pid, lid: nil, cpu: event.cpu, runsOnTarget: false)
        case .fork, .waitReturn, .exit, .atfTestCaseStart, .atfTestCaseEnd:
            kernel.learnRunning(pid: event.pid, cpu: event.cpu)
        default:
            break
        }
    }

    /// Whether the NetBSD signal model reads `kind`: the kinds `learn` knows. Any other
    /// event only ends its CPU's signal call for the rules (`noteOtherEvent`). (A plain
    /// `Bool` switch: it runs on every event of a trace, ≈ 90 % of them TLB events.)
    static func isNetBSDSignalEvent(_ kind: EventKind) -> Bool {
        switch kind {
        case .trapsignal, .issignal, .sigswitch, .postsig, .lwpKill, .sigpost, .kill, .kpsignal2, .procStop,
            .procStopDone, .procUnstop, .ptrace, .fork, .waitReturn, .exit, .atfTestCaseStart, .atfTestCaseEnd:
            return true
        default:
            return false
        }
    }

    /// Returns what deferred waits can return now. A wait that would block lets
    /// every other LWP run first (its caller sleeps), then tries again.
    ///
    /// A pass where every wait blocks changes nothing but the settle's and the in-call
    /// list, and leaves the kernel where settling takes nothing more. Until the kernel
    /// changes (a workload call, a settle that took a signal, a wait that returned) or a
    /// wait is deferred, the next pass would do the same: only the in-call list is cleared
    /// (`waitsStayBlocked`; `single-stop` leaves tracers blocked on every signal event).
    /// Learning a process or LWP from an event changes no wait's outcome: what it creates
    /// has nothing pending, no report and no parent or tracer.
    private mutating func resolveWaits(cause: Site) {
        guard !deferred.isEmpty else { return }
        if waitsStayBlocked {
            returnAllFromCalls()
            skippedWaitPasses += 1
            return
        }
        // Blocked waits are compacted in place, in order (runs on every signal event
        // while a wait blocks: a new array per call was most of its cost).
        var kept = 0
        var settled = false
        // The last wait that blocked after the settle, while no wait returned since:
        // nothing changed the kernel, so the same wait blocks again (a process's
        // blocked waits are usually the same call, up to `maxBlockedWaits` of them).
        var blockedSinceSettle: (waiter: Int32, child: Int32, options: WaitOptions)?
        var settleNoted = false
        var anyReturned = false
        for index in deferred.indices {
            guard case .waitReturn(let child, _, _, let options) = deferred[index].kind else { continue }
            let waiter = deferred[index].pid
            var outcome: WaitOutcome
            if let same = blockedSinceSettle, same.waiter == waiter, same.child == child, same.options == options {
                outcome = .blocked
            } else {
                outcome = kernel.wait(waiter: waiter, child: child, options: options)
            }
            if case .blocked = outcome, !settled {
                // Let every process take what it was sent, once per event: a second
                // round would find nothing new.
                // The waiter sleeps: every other LWP runs, callers return from their calls.
                reactions.removeAll()
                kernel.settle(pid: nil, strategy: policy, log: &reactions)
                // Only the 256-round cap notes anything without settling for good: no memo then.
                settleNoted = !reactions.notes.isEmpty
                flushReactions(cause: cause)
                returnAllFromCalls()
                settled = true
                outcome = kernel.wait(waiter: waiter, child: child, options: options)
            }
            switch outcome {
            case .blocked:
                if settled { blockedSinceSettle = (waiter, child, options) }
                if kept != index { deferred.swapAt(kept, index) }
                kept += 1
            case .returned(let returnedChild, let status, let errno):
                var replayed = deferred[index]
                record(ReplayedWait(line: replayed.line, waiter: waiter, child: child, result: status, errno: errno))
                let reported = child > 0 ? child : returnedChild
                replayed.kind = .waitReturn(child: reported, status: status, errno: errno, options: options)
                emit(replayed)
                // A wait that returned consumed a report: later waits may need a new settle.
                anyReturned = true
                settled = false
                blockedSinceSettle = nil
            }
        }
        // One by one: the generic `removeLast(_:)` cost ≈ 100 instructions for the usual one.
        while deferred.count > kept { deferred.removeLast() }
        waitsStayBlocked = memoizesBlockedWaits && !anyReturned && settled && !settleNoted
    }

    private mutating func neverReturns(_ wait: Event) {
        guard case .waitReturn(let child, _, _, _) = wait.kind else { return }
        record(ReplayedWait(line: wait.line, waiter: wait.pid, child: child, result: nil))
        if admitNote() {
            notes.append("line \(wait.line): wait by \(wait.pid) for \(child) never returns under \(policy.name)")
        }
    }

    private mutating func record(_ wait: ReplayedWait) {
        if waits.count < Self.maxKeptWaits { waits.append(wait) }
        if streamsWaits { resolvedQueue.append(wait) }
    }

    /// Whether `takeResolvedWaits()` has anything to hand out.
    var hasResolvedWaits: Bool { !resolvedQueue.isEmpty }

    /// The waits resolved since the last call (only when `streamsWaits` is set).
    /// Called on every event: when nothing resolved it must not allocate. The queue and
    /// the array handed out trade places, each keeping its capacity (a new queue per
    /// resolved wait was an allocation each): the caller must be done with the array
    /// from the previous call.
    mutating func takeResolvedWaits() -> [ReplayedWait] {
        guard !resolvedQueue.isEmpty else { return [] }
        handedOutWaits.removeAll(keepingCapacity: true)
        swap(&handedOutWaits, &resolvedQueue)
        return handedOutWaits
    }

    /// Notes are for people: the first 100 are kept, the rest counted.
    /// Callers build a note's text only when this says it is kept (≈ 5 000 instructions
    /// a note; past the first 100 they are only counted).
    private mutating func admitNote() -> Bool {
        guard notes.count < 100 else {
            droppedNotes += 1
            return false
        }
        return true
    }

    /// Feeds what the kernel derived (`reactions`) to the rules, with `cause`'s line and time.
    /// (Inlined test: most steps derive nothing, and an analyzer's baseline feeds no rules.)
    @inline(__always)
    private mutating func flushReactions(cause: Site) {
        guard derivesFindings || keepsEvents, !reactions.isEmpty else { return }
        emitReactions(cause: cause)
    }

    private mutating func emitReactions(cause: Site) {
        let log = reactions  // emitting changes self
        for synth in log.events {
            emit(Event(line: cause.line, cpu: synth.cpu, pid: synth.pid, timeNs: cause.timeNs, kind: synth.kind))
        }
        for text in log.notes where admitNote() { notes.append("line \(cause.line): " + text) }
    }

    private mutating func emit(_ event: Event) {
        if derivesFindings { rules.consume(event) }
        if keepsEvents { events.append(event) }
    }

    private func requestName(_ request: PtraceRequest) -> String {
        request.spelling
    }
}

/// LWPs of one process inside a workload call (`SignalReplayer`).
private struct InCall {
    var pid: Int32
    /// The CPUs of the LWPs inside a call.
    var cpus: CallCPUs
    /// Where the process's latest call is: the line (and time) its callers' deferred reactions carry.
    var cause: Site
}
