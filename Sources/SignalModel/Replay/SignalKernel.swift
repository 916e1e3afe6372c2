import KTrace

/// The kernel's process/signal layer as docs/signal-model.md "Replay" describes it, with the
/// strategy deciding the posts. A value: `explore` copies it per branch and
/// compares states; the replay drives one through a trace's workload.
struct SignalKernel: Hashable, Sendable {
    /// Keyed by pid on a `PidTable`: looked up several times per signal event.
    var processes = PidTable<KernelProcess>(vacant: KernelProcess(cpu: 0))
    let speller: SignalSpeller
    /// Pids of the processes that have not exited, ascending: the only ones
    /// `settle(pid: nil)` can move (an exited process takes no signal). Kept so
    /// that settling does not sort every process ever seen on each event, which
    /// made long replays quadratic (derived from `processes`, so not compared).
    private var livePids: [Int32] = []
    /// Processes with a signal pending on some LWP: the only ones `settle` can move.
    /// Derived from `processes` too; a trace with thousands of idle tracers then
    /// settles in time proportional to what is pending, not to what was ever seen.
    private var pidsWithPending = PidSet()
    /// Set by a streaming replay: a process whose exit a `wait` collected is dropped
    /// from `processes` (its record would otherwise stay for the rest of the trace)
    /// and remembered here only by pid. Left off by `explore`, whose visited set
    /// compares `processes`.
    var forgetsReaped = false
    /// Pids dropped as reaped (`forgetsReaped`). A reaped process is inert — no
    /// signal, request, wait or exit changes it or returns anything but "no such
    /// process" — so a pid is all the model needs to stay inert for it, instead of
    /// treating a later `kill` of that pid as a process never seen (which the model
    /// creates on demand). A `fork` of the pid ends it. Bounded by the pid space.
    private var reapedPids: Set<Int32> = []

    init(numbering: SignalNumbering) {
        speller = SignalSpeller(numbering: numbering)
    }

    static func == (lhs: SignalKernel, rhs: SignalKernel) -> Bool { lhs.processes == rhs.processes }
    func hash(into hasher: inout Hasher) { hasher.combine(processes) }

    func process(_ pid: Int32) -> KernelProcess? { processes[pid] }

    /// Makes a process known (a trace may start after its fork), seen running on `cpu`.
    mutating func ensure(_ pid: Int32, cpu: Int) {
        if processes[pid] == nil && !reapedPids.contains(pid) {
            processes[pid] = KernelProcess(cpu: cpu)
            markLive(pid)
        }
    }

    private mutating func markLive(_ pid: Int32) {
        let index = livePids.partitioningIndex(where: { $0 >= pid })
        if index == livePids.count || livePids[index] != pid { livePids.insert(pid, at: index) }
    }

    mutating func markExited(_ pid: Int32) {
        let index = livePids.partitioningIndex(where: { $0 >= pid })
        if index < livePids.count && livePids[index] == pid { livePids.remove(at: index) }
    }

    /// A `wait` collected the exit of `pid`: it can never be waited for again.
    mutating func reap(_ pid: Int32) {
        if forgetsReaped {
            processes[pid] = nil
            reapedPids.insert(pid)
        } else {
            processes[pid]?.reaped = true
        }
    }

    /// Whether `pid` was dropped as reaped (a reaped process a record still holds is not).
    private func isReaped(_ pid: Int32) -> Bool { !reapedPids.isEmpty && reapedPids.contains(pid) }

    /// The process has nothing pending any more (it exited).
    mutating func clearPending(_ pid: Int32) { pidsWithPending.remove(pid) }

    private func isLive(_ pid: Int32) -> Bool {
        let index = livePids.partitioningIndex(where: { $0 >= pid })
        return index < livePids.count && livePids[index] == pid
    }

    /// A signal event shows `pid` running on `cpu`: it exists, with at least one LWP.
    /// One in-place table access (this runs on every signal event).
    mutating func learnRunning(pid: Int32, cpu: Int) {
        learn(pid, cpu: cpu) { proc in Self.learnRunning(cpu: cpu, in: &proc) }
    }

    /// The process a signal event names, made known unless it was reaped, then `body` on it
    /// in place (one table access).
    @inline(__always)
    private mutating func learn(_ pid: Int32, cpu: Int, _ body: (inout KernelProcess) -> Void) {
        // A known process (nearly always): one probe.
        if let slot = processes.slot(of: pid) { return processes.modify(slot: slot, body) }
        if isReaped(pid) { return }
        markLive(pid)
        processes.update(pid, default: KernelProcess(cpu: cpu), body)
    }

    private static func learnRunning(cpu: Int, in proc: inout KernelProcess) {
        proc.cpu = cpu
        if proc.lwps.isEmpty { proc.lwps[1] = KernelLWP(cpu: cpu) }
    }

    /// A signal event is about `pid`'s LWP `lid` (nil: its first): both exist; an
    /// event that runs on the target LWP shows it on `cpu`.
    mutating func learnTarget(pid: Int32, lid: Int32?, cpu: Int, runsOnTarget: Bool) {
        learn(pid, cpu: cpu) { proc in Self.learnTarget(lid: lid, cpu: cpu, runsOnTarget: runsOnTarget, in: &proc) }
    }

    private static func learnTarget(lid: Int32?, cpu: Int, runsOnTarget: Bool, in proc: inout KernelProcess) {
        let lid = lid ?? proc.firstLid
        let known = proc.lwps.modify(lid) { lwp -> Bool in
            if runsOnTarget { lwp.cpu = cpu }
            return true
        }
        if known == nil {
            proc.lwps[lid] = KernelLWP(cpu: runsOnTarget ? cpu : proc.cpu)
        }
    }

    /// `learnRunning(pid: running, cpu:)` then `learnTarget(pid: target, …)`: one table
    /// access when the event is about its own process (most recorded reactions).
    mutating func learn(running: Int32, target: Int32, lid: Int32?, cpu: Int, runsOnTarget: Bool) {
        guard running == target else {
            learnRunning(pid: running, cpu: cpu)
            return learnTarget(pid: target, lid: lid, cpu: cpu, runsOnTarget: runsOnTarget)
        }
        learn(running, cpu: cpu) { proc in
            Self.learnRunning(cpu: cpu, in: &proc)
            Self.learnTarget(lid: lid, cpu: cpu, runsOnTarget: runsOnTarget, in: &proc)
        }
    }

    /// Makes an LWP known; its events are shown on `cpu`.
    mutating func ensureLWP(pid: Int32, lid: Int32, cpu: Int) {
        ensure(pid, cpu: cpu)
        if processes[pid]?.lwps[lid] == nil { processes[pid]?.lwps[lid] = KernelLWP(cpu: cpu) }
    }

    mutating func fork(parent: Int32, child: Int32, cpu: Int) {
        if !reapedPids.isEmpty { reapedPids.remove(child) }
        processes[child] = KernelProcess(cpu: cpu)
        markLive(child)
        processes[child]?.parent = parent
    }

    // MARK: Generations

    mutating func kill(
        pid: Int32, signal: Int32, sender: SynthEvent, strategy: any SignalStrategy, log: inout ReactionLog
    ) {
        let target = processes.modify(pid) { proc -> Int32? in
            guard !proc.exited else { return nil }
            proc.lastGeneration[signal] = .kill
            return proc.firstLid
        }
        guard let lid = target ?? nil else { return }
        log.emit(cpu: sender.cpu, pid: sender.pid, .kpsignal2(pid: pid, signal: signal))
        post(
            pid: pid, lid: lid, signal: signal, caller: .kpsignal2, cpu: sender.cpu, sender: sender.pid,
            strategy: strategy, log: &log)
    }

    mutating func lwpKill(
        pid: Int32, lid: Int32, signal: Int32, sender: SynthEvent, strategy: any SignalStrategy, log: inout ReactionLog
    ) {
        let known = processes.modify(pid) { proc -> Bool in
            guard !proc.exited else { return false }
            if !proc.lwps.contains(lid) { proc.lwps[lid] = KernelLWP(cpu: proc.cpu) }
            proc.lastGeneration[signal] = .lwpKill(lid: lid)
            return true
        }
        guard known == true else { return }
        log.emit(cpu: sender.cpu, pid: sender.pid, .kpsignal2(pid: pid, signal: signal))
        post(
            pid: pid, lid: lid, signal: signal, caller: .kpsignal2, cpu: sender.cpu, sender: sender.pid,
            strategy: strategy, log: &log)
    }

    mutating func trapsignal(
        pid: Int32, lid: Int32, signal: Int32, strategy: any SignalStrategy, log: inout ReactionLog
    ) {
        let target = processes.modify(pid) { proc -> Int? in
            guard !proc.exited else { return nil }
            if !proc.lwps.contains(lid) { proc.lwps[lid] = KernelLWP(cpu: proc.cpu) }
            proc.lastGeneration[signal] = .trapsignal(lid: lid)
            return proc.lwpCPU(lid)
        }
        guard let cpu = target ?? nil else { return }
        post(
            pid: pid, lid: lid, signal: signal, caller: .trapsignal, cpu: cpu, sender: pid, strategy: strategy,
            log: &log)
    }

    /// The post of a kernel-generated signal (`PT_ATTACH`, `PT_KILL`).
    mutating func postForKernel(
        pid: Int32, lid: Int32, signal: Int32, sender: SynthEvent, strategy: any SignalStrategy, log: inout ReactionLog
    ) {
        post(
            pid: pid, lid: lid, signal: signal, caller: .kpsignal2, cpu: sender.cpu, sender: sender.pid,
            strategy: strategy, log: &log)
    }

    /// A post that makes `signal` deliverable on the LWP, if the strategy keeps it.
    private mutating func post(
        pid: Int32, lid: Int32, signal: Int32, caller: SigpostCaller, cpu: Int, sender: Int32,
        strategy: any SignalStrategy, log: inout ReactionLog
    ) {
        let state = processes.modify(pid) { proc in
            proc.lwps.modify(lid) { lwp in (lwp.pending.contains(signal), lwp.everPosted.contains(signal)) }
        }
        guard let flags = state ?? nil else { return }
        let context = PostContext(signal: signal, caller: caller, pendingNow: flags.0, postedBefore: flags.1)
        guard strategy.keepsPost(context) else {
            log.notes.append("\(strategy.name) dropped the \(caller) post of \(speller.name(signal)) to \(pid)/\(lid)")
            return
        }
        _ = processes.modify(pid) { proc in
            proc.lwps.modify(lid) { lwp in
                lwp.pending.insert(signal)
                lwp.everPosted.insert(signal)
                if caller == .procStop {
                    lwp.postedByProcStop.insert(signal)
                } else {
                    lwp.postedByProcStop.remove(signal)
                }
            }
        }
        pidsWithPending.insert(pid)
        log.emit(cpu: cpu, pid: sender, .sigpost(pid: pid, lid: lid, signal: signal, caller: caller))
    }

    // MARK: Taking signals

    /// Whether the LWP has a signal to take on its way to user space.
    func canTakeSignal(pid: Int32, lid: Int32) -> Bool {
        guard let proc = processes[pid], !proc.exited, !proc.stopped, let lwp = proc.lwps[lid] else { return false }
        return !lwp.pending.isEmpty
    }

    /// `lwp_userret → issignal`: the LWP takes its lowest pending signal; a traced
    /// LWP stops for it (`sigswitch → proc_stop`). Returns false when nothing happened.
    @discardableResult
    mutating func userret(pid: Int32, lid: Int32, strategy: any SignalStrategy, log: inout ReactionLog) -> Bool {
        let (sigstop, sigkill) = (speller.sigstop, speller.sigkill)
        // Taken in place, with the wake-up posts, in one table access.
        let found = processes.modify(pid) { proc -> TakenSignal? in
            guard !proc.exited, !proc.stopped else { return nil }
            let taken = proc.lwps.modify(lid) { lwp -> TakenSignal? in
                guard let signal = lwp.pending.min() else { return nil }
                lwp.pending.remove(signal)
                let fromProcStop = lwp.postedByProcStop.remove(signal) != nil
                return TakenSignal(signal: signal, fromProcStop: fromProcStop, cpu: lwp.cpu)
            }
            guard var taken = taken ?? nil else { return nil }
            taken.nothingPending = !proc.lwps.anyPending
            taken.isTraced = proc.isTraced
            let signal = taken.signal
            let cpu = taken.cpu
            log.emit(cpu: cpu, pid: pid, .issignal(pid: pid, lid: lid, signal: signal))
            taken.stops = proc.isTraced ? signal != sigkill : signal == sigstop
            guard taken.stops else {
                log.emit(cpu: cpu, pid: pid, .postsig(pid: pid, lid: lid, signal: signal))
                return taken
            }
            if proc.isTraced { log.emit(cpu: cpu, pid: pid, .sigswitch(pid: pid, lid: lid, signal: signal)) }
            log.emit(cpu: cpu, pid: pid, .procStop(pid: pid, signal: signal))
            // The wake-up posts to the other LWPs: they stop too, nothing becomes deliverable.
            // By index: iterating the entries copied each LWP (its signal sets retained).
            for index in 0..<proc.lwps.count where proc.lwps.lid(at: index) != lid {
                let other = proc.lwps.lid(at: index)
                log.emit(cpu: cpu, pid: pid, .sigpost(pid: pid, lid: other, signal: signal, caller: .procStop))
            }
            taken.aimedByLWPKill = proc.lastGeneration[signal] == .lwpKill(lid: lid)
            return taken
        }
        guard let taken = found ?? nil else { return false }
        if taken.nothingPending { pidsWithPending.remove(pid) }
        guard taken.stops else { return true }
        let context = StopPostContext(
            aimedByLWPKill: taken.aimedByLWPKill, takenFromProcStopPost: taken.fromProcStop)
        if strategy.postsToStoppingLWP(context) {
            post(
                pid: pid, lid: lid, signal: taken.signal, caller: .procStop, cpu: taken.cpu, sender: pid,
                strategy: strategy, log: &log)
        }
        log.emit(cpu: taken.cpu, pid: pid, .procStopDone(pid: pid, signal: taken.signal))
        _ = processes.modify(pid) { proc in
            proc.stopped = true
            proc.stopReport = taken.signal
            proc.stopIsTraced = taken.isTraced
        }
        return true
    }

    /// Lets the LWPs of `pid` (nil: of every process) take their pending signals
    /// until none can (bounded, never traps).
    /// `skippingCPUs`: LWPs shown on those CPUs are still inside a call (the replay
    /// saw the call, not yet their return) and take nothing now. Asked only when some
    /// LWP could take a signal (most settles find none).
    mutating func settle(
        pid only: Int32?, skippingCPUs: @autoclosure () -> CallCPUs = CallCPUs(), strategy: any SignalStrategy,
        log: inout ReactionLog
    ) {
        // Runs on every signal event: with nothing pending there is nothing to take.
        if pidsWithPending.isEmpty { return }
        if let only, !pidsWithPending.contains(only) || !mayTakeSignals(only) { return }
        let skippingCPUs = skippingCPUs()
        for _ in 0..<256 {
            var progressed = false
            if let only {
                progressed = settleLWPs(of: only, skippingCPUs: skippingCPUs, strategy: strategy, log: &log)
            } else {
                // Recomputed each round: taking a signal can post to other processes' LWPs.
                for pid in pidsWithPending.sorted where isLive(pid) {
                    if settleLWPs(of: pid, skippingCPUs: skippingCPUs, strategy: strategy, log: &log) {
                        progressed = true
                    }
                }
            }
            if !progressed { return }
        }
        log.notes.append("signal model: settling stopped after 256 rounds")
    }

    /// Whether some LWP of `pid` can take a signal. A stopped or exited process, or one
    /// whose LWPs have nothing pending, takes nothing: `userret` would return false for
    /// each LWP, changing nothing. (A stopped tracee keeps its wake-up posts pending: it
    /// is settled on every event.)
    private mutating func mayTakeSignals(_ pid: Int32) -> Bool {
        processes.modify(pid, { !$0.exited && !$0.stopped && $0.lwps.anyPending }) == true
    }

    /// One round of `settle` for one process: each LWP in lid order, unless on a skipped CPU.
    private mutating func settleLWPs(
        of pid: Int32, skippingCPUs: CallCPUs, strategy: any SignalStrategy, log: inout ReactionLog
    ) -> Bool {
        guard mayTakeSignals(pid) else { return false }
        var progressed = false
        var index = 0
        // Taking a signal adds or removes no LWP: the lid order stays.
        while let next = processes.modify(pid, { $0.lwps.lidAndCPU(at: index) }) ?? nil {
            index += 1
            if skippingCPUs.contains(next.cpu) { continue }
            if userret(pid: pid, lid: next.lid, strategy: strategy, log: &log) { progressed = true }
        }
        return progressed
    }
}

/// What `userret` took, read while the process was borrowed.
private struct TakenSignal {
    var signal: Int32
    var fromProcStop: Bool
    var cpu: Int
    var nothingPending = false
    var isTraced = false
    var stops = false
    var aimedByLWPKill = false

    init(signal: Int32, fromProcStop: Bool, cpu: Int) {
        self.signal = signal
        self.fromProcStop = fromProcStop
        self.cpu = cpu
    }
}

extension Array {
    /// The first index whose element satisfies `belongs` (which must be false, then true, along the array).
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
