import KTrace

/// The signal and ptrace rules of a Linux capture (docs/signal-model.md "Linux captures"), over its events in file order.
///
/// Linux names threads: a `signal_generate` is for thread `pid`, process-directed
/// when `grp=1`. Each `res=0` generation waits in the thread's or the process's
/// pending set until it is taken — delivered (`signal_deliver`), turned into a
/// ptrace signal-delivery-stop or a group stop (the `SIGCHLD` with `code=4`/`5`
/// that the stopping thread sends its tracer/parent), cancelled (a stop signal by
/// a later `SIGCONT` and the reverse), or made moot by the process dying of a fatal
/// signal. One still pending when its thread (thread-directed) or its process
/// (process-directed) exits is a `lost-signal`. A `wait4` that reports a child is a
/// wait return; reporting child X again with no state change of X in between (a
/// `SIGCHLD` sent by X, X's exit) is a `duplicate-wait-return`.
public struct LinuxSignalRules: Sendable {
    private let speller = SignalSpeller(numbering: .linux)
    /// Counts as docs/reports.md "JSON contract" names them: `posts` are `res=0` generations, `stops` the
    /// `SIGCHLD`s with `CLD_TRAPPED`/`CLD_STOPPED`, `wait_returns` the `wait4`s that
    /// returned a child.
    public private(set) var counts = SignalCounts()
    public private(set) var findingList: FindingList
    /// The findings kept, in line order after `finish()`.
    public var findings: [Finding] { findingList.findings }
    public private(set) var notes: [String] = []
    /// Whether the capture had any signal or process event.
    public private(set) var hasSignalEvents = false

    private struct Key: Hashable {
        /// A thread (thread-directed) or a process (process-directed).
        var task: Int32
        var signal: Int32
    }

    private struct Generation {
        var line: Int
        var cpu: Int
        var timeNs: Int64
        var call: String
        var count: Int
    }

    private struct SignalCall {
        var target: Int32
        var signal: Int32
        var line: Int
        var call: String
    }

    private var threadPending: [Key: Generation] = [:]
    private var groupPending: [Key: Generation] = [:]
    /// Thread → process, from the record-tgid column.
    private var processOf: [Int32: Int32] = [:]
    /// Per CPU, the pid of the last event whose TGID was noted (most lines repeat it).
    private var lastPidOnCPU: [Int32] = []
    /// Thread → the process that created it (`sched_process_fork`), for captures without TGIDs.
    private var parentOf: [Int32: Int32] = [:]
    /// Processes that took a fatal signal: what is still pending dies with them.
    private var dying: Set<Int32> = []
    /// The last `kill`/`tgkill` entry per CPU: its `signal_generate` is tied to the call's line.
    private var lastCall: [Int: SignalCall] = [:]
    /// Per child that a wait returned, a serial bumped at each state change (a child no
    /// wait returned needs none: its first return is never a duplicate); per child and
    /// waiter, the serial and line of the last return.
    private var changes: [Int32: Int] = [:]
    private var lastReturn: [Int32: [Int32: (serial: Int, line: Int)]] = [:]
    /// Tasks whose exit showed, the last `reapedWindow` of them: a wait return of one reaps it.
    private var exitedTasks = RecentPids(capacity: reapedWindow)
    /// Reaped children, the last `reapedWindow` of them: their records are kept so that a
    /// wait reporting one again is still a duplicate, then dropped.
    private var reaped = RecentPids(capacity: reapedWindow)
    /// Reaped children whose wait records are kept.
    static let reapedWindow = 4_096
    /// Duplicate wait returns, judged at the end: only a capture that records `SIGCHLD`
    /// generations shows state changes (one without `signal_generate` would make every
    /// second return a duplicate).
    private var duplicateCandidates: [Finding] = []
    private var duplicateCandidateCount = 0
    private var sawSIGCHLD = false

    public init(findingLimit: Int = FindingList.defaultLimit) {
        findingList = FindingList(limit: findingLimit)
    }

    public mutating func consume(_ event: Event) {
        if event.tgid >= 0, event.cpu >= 0, event.cpu < TraceLimits.maxCPUs {
            if event.cpu >= lastPidOnCPU.count {
                lastPidOnCPU += Array(repeating: -1, count: event.cpu + 1 - lastPidOnCPU.count)
            }
            if lastPidOnCPU[event.cpu] != event.pid {
                lastPidOnCPU[event.cpu] = event.pid
                processOf[event.pid] = event.tgid
            }
        }
        switch event.kind {
        case .kill(let pid, let sig):
            lastCall[event.cpu] = SignalCall(target: pid, signal: sig, line: event.line, call: "kill")
        case .lwpKill(let tid, _, let sig):
            lastCall[event.cpu] = SignalCall(target: tid, signal: sig, line: event.line, call: "tgkill")
        case .linuxSignalGenerate(let pid, let sig, let code, let group, let result):
            generate(pid: pid, signal: sig, code: code, group: group, result: result, event: event)
        case .linuxSignalDeliver(let sig, _, let defaultAction):
            deliver(thread: event.pid, signal: sig, defaultAction: defaultAction, event: event)
        case .waitReturn(let child, let status, let errno, _):
            guard child > 0, errno == 0, status != .none else { break }
            waitReturned(child: child, event: event)
        case .linuxExit(let groupDead):
            exited(thread: event.pid, groupDead: groupDead, event: event)
        case .fork(let child):
            parentOf[child] = process(of: event.pid)
        case .ptrace:
            break
        default:
            return
        }
        hasSignalEvents = true
    }

    /// Records held per task or per signal (for tests: bounded by the live tasks, however
    /// long the trace). Per-task state is dropped when the task's exit shows.
    public var retainedRecordCount: Int {
        threadPending.count + groupPending.count + processOf.count + parentOf.count + dying.count
            + lastCall.count + changes.count + lastReturn.values.reduce(0) { $0 + $1.count }
            + exitedTasks.storedCount + reaped.storedCount
    }

    /// Ends the stream: what is still pending is not lost (the capture stopped first).
    public mutating func finish() {
        if sawSIGCHLD {
            counts.duplicateWaitReturns = duplicateCandidateCount
            for finding in duplicateCandidates where findingList.admit(.duplicateWaitReturn) {
                findingList.keep(finding)
            }
            // Those past the kept list are counted too.
            for _ in duplicateCandidates.count..<duplicateCandidateCount { _ = findingList.admit(.duplicateWaitReturn) }
        } else if duplicateCandidateCount > 0 {
            notes.append(
                "duplicate wait returns not judged: the capture records no SIGCHLD generation "
                    + "(signal:signal_generate off?), so a child's state changes are invisible")
        }
        let open =
            (threadPending.map { ($0.key, $0.value, "thread") } + groupPending.map { ($0.key, $0.value, "process") })
            .sorted { $0.1.line < $1.1.line }
        for (key, generation, kind) in open {
            notes.append(
                "\(speller.name(key.signal)) generated for \(kind) \(key.task) by \(generation.call) at line "
                    + "\(generation.line) is still pending when the trace ends")
        }
        findingList.sortByLine()
    }

    // MARK: Rules

    private func process(of thread: Int32) -> Int32 { processOf[thread] ?? thread }

    private mutating func generate(
        pid: Int32, signal: Int32, code: Int32, group: Bool, result: Int32, event: Event
    ) {
        let target = process(of: pid)
        // prepare_signal() flushes before the result is known, whatever it is.
        if signal == LinuxSignals.sigcont {
            cancel(in: target) { LinuxSignals.isStop($0) }
        } else if LinuxSignals.isStop(signal) {
            cancel(in: target) { $0 == LinuxSignals.sigcont }
        }
        if signal == LinuxSignals.sigchld {
            sawSIGCHLD = true
            // Sent by the child (event.pid) to its tracer or parent: a state change of the child.
            noteChange(of: event.pid)
            if event.process != event.pid { noteChange(of: event.process) }
            if code == LinuxSignals.cldTrapped || code == LinuxSignals.cldStopped {
                counts.stops += 1
                stopped(thread: event.pid, groupStop: code == LinuxSignals.cldStopped)
            }
        }
        guard result == 0 else { return }
        counts.posts += 1
        var call = "signal_generate"
        var line = event.line
        if let last = lastCall[event.cpu], last.signal == signal, last.target == pid || last.target == target {
            call = last.call
            line = last.line
        }
        lastCall[event.cpu] = nil
        let key = Key(task: group ? target : pid, signal: signal)
        let fresh = Generation(line: line, cpu: event.cpu, timeNs: event.timeNs, call: call, count: 1)
        // Real-time signals queue: one key counts its generations (the first one's line kept).
        if group {
            Self.add(fresh, at: key, to: &groupPending)
        } else {
            Self.add(fresh, at: key, to: &threadPending)
        }
    }

    private static func add(_ generation: Generation, at key: Key, to pending: inout [Key: Generation]) {
        if pending[key] != nil {
            pending[key]?.count += 1
        } else {
            pending[key] = generation
        }
    }

    /// Drops pending signals of `process` (its own set and every thread's) that `matches`.
    private mutating func cancel(in process: Int32, where matches: (Int32) -> Bool) {
        for key in groupPending.keys where key.task == process && matches(key.signal) {
            groupPending[key] = nil
        }
        for key in threadPending.keys where matches(key.signal) && self.process(of: key.task) == process {
            threadPending[key] = nil
        }
    }

    /// A generation of `signal` taken by `thread`: its own pending set first, then its
    /// process's (dequeue_signal's order).
    @discardableResult
    private mutating func take(thread: Int32, signal: Int32) -> Bool {
        if takeOne(&threadPending, Key(task: thread, signal: signal)) { return true }
        if takeOne(&groupPending, Key(task: process(of: thread), signal: signal)) { return true }
        // Without TGIDs a thread's process is unknown: try its creator's.
        if processOf[thread] == nil, let parent = parentOf[thread] {
            return takeOne(&groupPending, Key(task: parent, signal: signal))
        }
        return false
    }

    private func takeOne(_ pending: inout [Key: Generation], _ key: Key) -> Bool {
        guard let generation = pending[key] else { return false }
        if generation.count > 1 {
            pending[key]?.count -= 1
        } else {
            pending[key] = nil
        }
        return true
    }

    private mutating func deliver(thread: Int32, signal: Int32, defaultAction: Bool, event: Event) {
        let owner = process(of: thread)
        // A default-action fatal signal may show as SIGKILL for the whole group (docs/signal-model.md "Linux captures").
        if signal == LinuxSignals.sigkill || (defaultAction && LinuxSignals.fatalByDefault(signal)) {
            dying.insert(owner)
        }
        take(thread: thread, signal: signal)
    }

    /// The thread stopped (its `SIGCHLD` with `CLD_TRAPPED`/`CLD_STOPPED`): the signal it
    /// stopped for was taken. Which one the capture does not say: the one dequeue_signal
    /// would take next (synchronous signals first, then the lowest number; a stop signal
    /// for a group stop). None pending: a ptrace event stop, nothing taken.
    private mutating func stopped(thread: Int32, groupStop: Bool) {
        let owner = process(of: thread)
        func next(_ pending: [Key: Generation], task: Int32) -> Int32? {
            let signals = pending.keys.filter { $0.task == task }.map(\.signal)
                .filter { !groupStop || LinuxSignals.isStop($0) }
            return signals.min { lhs, rhs in
                let (left, right) = (LinuxSignals.isSynchronous(lhs), LinuxSignals.isSynchronous(rhs))
                return left != right ? left : lhs < rhs
            }
        }
        if let signal = next(threadPending, task: thread) {
            take(thread: thread, signal: signal)
        } else if let signal = next(groupPending, task: owner) {
            take(thread: thread, signal: signal)
        }
    }

    private mutating func noteChange(of child: Int32) {
        if lastReturn[child] != nil { changes[child, default: 0] += 1 }
    }

    private mutating func waitReturned(child: Int32, event: Event) {
        counts.waitReturns += 1
        let waiter = event.process
        let serial = changes[child] ?? 0
        if let last = lastReturn[child]?[waiter], last.serial == serial {
            duplicateCandidateCount += 1
            if duplicateCandidates.count < findingList.limit {
                duplicateCandidates.append(
                    Finding(
                        kind: .duplicateWaitReturn, line: event.line, cpu: event.cpu, pid: event.pid,
                        timeNs: event.timeNs,
                        message: "wait4 by \(event.pid) returned child \(child) again (first at line \(last.line)) "
                            + "with no state change of \(child) in between (no SIGCHLD from it, no exit)"))
            }
        }
        lastReturn[child, default: [:]][waiter] = (serial, event.line)
        if exitedTasks.contains(child) {
            exitedTasks.forget(child)
            reap(child)
        }
    }

    /// Keeps `child`'s wait records for `reapedWindow` more reaped children.
    private mutating func reap(_ child: Int32) {
        guard let oldest = reaped.add(child) else { return }
        // A pid reaped again later (reused) keeps its records until that reap leaves the ring.
        if !exitedTasks.contains(oldest), !reaped.contains(oldest) {
            changes[oldest] = nil
            lastReturn[oldest] = nil
        }
    }

    private mutating func exited(thread: Int32, groupDead: Bool?, event: Event) {
        defer {
            // Nothing of the thread is read after its exit (its SIGCHLD names it by pid).
            processOf[thread] = nil
            parentOf[thread] = nil
        }
        _ = exitedTasks.add(thread)
        noteChange(of: thread)
        let owner = process(of: thread)
        if owner != thread { noteChange(of: owner) }
        let wholeProcess = groupDead ?? (owner == thread)
        let gone = dying.contains(owner)
        var lost: [(Key, Generation, String)] = []
        for (key, generation) in threadPending
        where key.task == thread || (wholeProcess && process(of: key.task) == owner) {
            threadPending[key] = nil
            lost.append((key, generation, "thread"))
        }
        if wholeProcess {
            for (key, generation) in groupPending where key.task == owner {
                groupPending[key] = nil
                lost.append((key, generation, "process"))
            }
            dying.remove(owner)
        }
        guard !gone else { return }
        for (key, generation, kind) in lost.sorted(by: { $0.1.line < $1.1.line }) {
            counts.lostSignals += generation.count
            guard findingList.admit(.lostSignal) else { continue }
            let sig = speller.name(key.signal)
            findingList.keep(
                Finding(
                    kind: .lostSignal, line: generation.line, cpu: generation.cpu, pid: key.task,
                    timeNs: generation.timeNs,
                    message: "\(sig) generated for \(kind) \(key.task) by \(generation.call) at line "
                        + "\(generation.line) was never delivered, stopped for or cancelled before "
                        + "\(thread) exited at line \(event.line)"))
        }
    }
}
