import KTrace

/// The Linux x86 TLB protocol of a real capture (docs/tlb-model.md "Linux captures"), fed its events in file order.
///
/// A flush request (`tlb_flush … reason:remote IPI send`) opens an IPI window on its
/// CPU; the `csd_queue_cpu func=flush_tlb_func` lines after it name its targets, the
/// `ipi_send_cpu`/`ipi_send_cpumask` lines the IPIs actually sent (a target whose call
/// queue was not empty, or that polls in idle, gets none). Without `csd` events an
/// IPI from a call-function callsite right after a request belongs to it. On a
/// target, `csd_function_entry` with the queued `csd` address starts the handler and
/// what it flushes until `csd_function_exit` classifies the target
/// (`LinuxTargetClass`). Each redundant target is a `redundant-shootdown` finding
/// tied to its IPI's line.
///
/// The model also replays each request under three rules — `linux` (non-idle CPUs
/// running the request's process), `netbsd8` (CPUs that last loaded it, idle ones
/// too) and `idle-lazy` (those, minus the idle ones) — and compares `linux` with the
/// recorded targets when the capture has TGIDs (`fidelity`).
public struct LinuxTLBModel: Sendable {
    public private(set) var counts = LinuxTLBCounts()
    public private(set) var findingList: FindingList
    /// The findings kept, in line order after `finish()`.
    public var findings: [Finding] { findingList.findings }
    public private(set) var notes: [String] = []
    /// Whether the capture had a Linux TLB event (a request, a queued flush, a flush IPI).
    public private(set) var hasTLBEvents = false
    /// Per strategy name (`linux`, `netbsd8`, `idle-lazy`): what it would have sent.
    public private(set) var replays: [String: LinuxReplayCounts] = [:]
    /// Set by `finish()`.
    public private(set) var fidelity = LinuxFidelity()
    /// Told each IPI and each target's class as they are decided (the HTML timeline); nil costs nothing.
    public var observer: (any LinuxTargetObserver)?

    /// The strategies `replays` holds, in report order: `no-wait-idle` interrupts whom
    /// `netbsd8` does (only the wait differs), `none` nobody (the unsafe control).
    public static let strategies = ["linux", "netbsd8", "idle-lazy", "no-wait-idle", "none"]

    /// One IPI target until its class is known (then folded into the counts and dropped).
    private struct Target {
        /// The request's id, line and pid (nil without a request).
        var request: Int?
        var requestLine = 0
        var requestPid: Int32 = 0
        var initiator: Int
        var cpu: Int
        /// The IPI's line (else the `csd_queue_cpu` line) and time.
        var line: Int
        var sendNs: Int64
        var idleAtSend: Bool
        var csd: UInt64?
        var initiatorPid: Int32
        var flushed = false
        var taskSwitch = false
        var wrongCPU = false
        var handled = false
        /// Its handler's `csd_function_exit` never showed (docs/tlb-model.md, "Handlers without an exit").
        var exitMissing = false
        var targetClass: LinuxTargetClass?
    }

    /// One flush request while it can still gain targets (it is its CPU's open request)
    /// or some target of it is unclassified; then judged for `fidelity` and dropped.
    private struct Request {
        var line: Int
        var cpu: Int
        var pid: Int32
        var process: Int32
        /// The `linux` rule's targets; nil when some other CPU's process was unknown.
        var predicted: CPUSet?
        var recorded = CPUSet()
        /// Targets not classified yet.
        var unclassified = 0
        /// Targets outside `predicted` that flushed (`needed`), and those whose class explains them.
        var unexplained: [(target: Int, cpu: Int)] = []
        var explainedExtras = 0
        /// Other CPUs with the process's mm loaded lazily (idle or under a kernel thread).
        var lazySkips = 0
    }

    private struct CPU {
        var idle = false
        var pid: Int32 = -1
        /// -1 unknown, 0 idle.
        var process: Int32 = -1
        /// The last user address space loaded (NetBSD keeps it loaded through idle and
        /// kernel threads): set where the kernel switched mm — a `tlb_flush … task switch`
        /// right after a `sched_switch` (a switch to a kernel thread or within one mm has
        /// none). -1 none.
        var lastLoaded: Int32 = -1
        /// A `task switch` flush followed the last `sched_switch`: the next task's first
        /// line names the mm now loaded.
        var mmSwitched = false
        /// The process before the last `sched_switch` (-1 unknown), and when it happened.
        var previousProcess: Int32 = -1
        var switchNs: Int64 = 0
        var openRequest: Int?
        /// Targets queued by this CPU's open request that no IPI named yet: target → id.
        var unsent: [Int: Int] = [:]
        /// Targets (ids) awaiting their handler here, oldest first (at most `pendingLimit`).
        var pending: [Int] = []
        var handler: Int?
        /// The `next_pid` of the last `sched_switch` until an event of it shows: the lines
        /// in between (the switch's own `tlb_flush … task switch`) still print the
        /// previous task.
        var switchingTo: Int32?
        /// The pid of the last event here whose TGID was noted (most lines repeat it).
        var notedPid: Int32 = -1
    }

    /// IPI latencies kept one by one by default (512 KiB): exact p50/p99 up to this
    /// many measured targets, bounded-precision past it (`LinuxLatencyRecorder`).
    public static let defaultExactLatencyLimit = 65_536

    /// Targets awaiting a handler on one CPU: past this, the oldest is classified as the
    /// end of the trace would (its handler is taken as lost). A live kernel has at most
    /// a few per CPU.
    static let pendingLimit = 4_096

    private var cpus: [CPU] = []
    /// Live targets and requests by id (ids count up); each is dropped once judged.
    private var targets: [Int: Target] = [:]
    private var nextTarget = 0
    private var requests: [Int: Request] = [:]
    private var nextRequest = 0
    private var processOf: [Int32: Int32] = [:]
    private var latencies: LinuxLatencyRecorder
    private var ipisByCPU: [Int: Int] = [:]
    private var perCPU: [Int: LinuxCPUFigures] = [:]
    /// `fidelity` so far, over the requests already judged (`mismatches` in `mismatchList`).
    private var judged = LinuxFidelity()
    private var mismatchList: FindingList
    private var sawCSD = false
    private var sawTGID = false
    /// Handlers judged without their `csd_function_exit` (`endWithoutExit`).
    private var handlersWithoutExit = 0

    /// `exactLatencyLimit`: IPI latencies kept one by one (exact p50/p99) before they
    /// are folded into a bounded histogram (`LinuxLatencyRecorder`).
    public init(
        findingLimit: Int = FindingList.defaultLimit,
        exactLatencyLimit: Int = LinuxTLBModel.defaultExactLatencyLimit
    ) {
        findingList = FindingList(limit: findingLimit)
        mismatchList = FindingList(limit: findingList.limit)
        latencies = LinuxLatencyRecorder(exactLimit: exactLatencyLimit)
        for name in Self.strategies { replays[name] = LinuxReplayCounts() }
    }

    public mutating func consume(_ event: Event) {
        let cpu = event.cpu
        guard cpu >= 0, cpu < TraceLimits.maxCPUs else { return }
        if cpu >= cpus.count { cpus += Array(repeating: CPU(), count: cpu + 1 - cpus.count) }
        noteRunning(event)
        switch event.kind {
        case .schedSwitch(_, let next):
            endOpenHandler(on: cpu)
            cpus[cpu].switchingTo = next
            cpus[cpu].mmSwitched = false
            cpus[cpu].previousProcess = cpus[cpu].process
            cpus[cpu].switchNs = event.timeNs
            cpus[cpu].pid = next
            cpus[cpu].process = next == 0 ? 0 : processOf[next] ?? -1
            cpus[cpu].idle = next == 0
        case .linuxExit:
            // The task is gone: its process is not looked up again (a reused pid shows its TGID).
            processOf[event.pid] = nil
        case .idleEnter:
            endOpenHandler(on: cpu)
            cpus[cpu].idle = true
        case .idleExit:
            endOpenHandler(on: cpu)
            cpus[cpu].idle = false
        case .linuxTLBFlush(_, let reason):
            flush(reason, event: event)
        case .csdQueue(let target, let csd, flushesTLB: true):
            queued(target: Int(target), csd: csd, event: event)
        case .ipiSend(let set, let fromCallFunction):
            ipiSent(set, fromCallFunction: fromCallFunction, knownTLB: false, event: event)
        case .shootdownIPI(let set, _):
            ipiSent(set, fromCallFunction: true, knownTLB: true, event: event)
        case .csdFunctionEntry(let csd, flushesTLB: true) where csd != 0:
            handlerEntered(csd: csd, event: event)
        case .csdFunctionExit(let csd, flushesTLB: true) where csd != 0:
            if let index = cpus[cpu].handler, targets[index]?.csd == csd {
                cpus[cpu].handler = nil
                classify(index)
            }
        case .csdFunctionEntry:
            // Another function (or the initiator's own flush, csd=0) runs: the open handler returned.
            endOpenHandler(on: cpu)
        default:
            break
        }
    }

    /// Judges what is left: targets whose handler the trace never showed, the fidelity.
    public mutating func finish() {
        for cpu in cpus.indices {
            if let index = cpus[cpu].handler { endWithoutExit(index) }
            cpus[cpu].handler = nil
            for index in cpus[cpu].pending where targets[index] != nil { classify(index) }
            cpus[cpu].pending = []
            cpus[cpu].unsent = [:]
            cpus[cpu].openRequest = nil
        }
        for id in requests.keys.sorted() { close(id) }
        counts.ipiLatencyNs = latencies.summary
        counts.ipiLatencyHistogram = latencies.histogram()
        for (cpu, ipis) in ipisByCPU { perCPU[cpu, default: LinuxCPUFigures(cpu: cpu)].ipis = ipis }
        counts.perCPU = perCPU.values.sorted { $0.cpu < $1.cpu }
        if !sawCSD && counts.targets > 0 {
            notes.append(
                "no csd_queue_cpu/csd_function_entry events: targets are the IPIs' CPUs, handlers and IPI "
                    + "latency unknown (capture with the csd events on)")
        }
        if handlersWithoutExit > 0 {
            notes.append(
                "\(handlersWithoutExit) flush handlers have no csd_function_exit (events lost, or the exit event "
                    + "enabled after the entry): each is judged by the flush it recorded, unknown if none")
        }
        if (counts.targetsByClass[LinuxTargetClass.unknown.rawValue] ?? 0) > 0 {
            notes.append(
                "\(counts.targetsByClass[LinuxTargetClass.unknown.rawValue] ?? 0) targets unclassified: "
                    + "their handler is not in the trace")
        }
        judgeFidelity()
        findingList.sortByLine()
    }

    /// Targets and requests held one by one (for tests: it stays bounded however long
    /// the trace).
    public var retainedRecordCount: Int {
        targets.count + requests.count + cpus.reduce(0) { $0 + $1.pending.count + $1.unsent.count }
    }

    /// IPI latencies held one by one (at most `exactLatencyLimit`).
    public var retainedLatencySamples: Int { latencies.retainedSamples }

    // MARK: Events

    private mutating func noteRunning(_ event: Event) {
        let cpu = event.cpu
        if event.tgid >= 0, event.pid != 0, event.pid != cpus[cpu].notedPid {
            cpus[cpu].notedPid = event.pid
            processOf[event.pid] = event.tgid
        }
        if let next = cpus[cpu].switchingTo {
            guard event.pid == next else {
                if case .linuxTLBFlush(_, .taskSwitch) = event.kind, cpus[cpu].handler == nil {
                    cpus[cpu].mmSwitched = true
                    cpus[cpu].lastLoaded = processOf[next] ?? -1
                }
                return
            }
            cpus[cpu].switchingTo = nil
            if cpus[cpu].mmSwitched, event.tgid >= 0 { cpus[cpu].lastLoaded = event.tgid }
        }
        cpus[cpu].pid = event.pid
        if event.pid == 0 {
            cpus[cpu].process = 0
        } else if event.tgid >= 0 {
            sawTGID = true
            cpus[cpu].process = event.tgid
            if cpus[cpu].lastLoaded < 0 { cpus[cpu].lastLoaded = event.tgid }
        } else {
            cpus[cpu].process = processOf[event.pid] ?? -1
        }
    }

    private mutating func flush(_ reason: LinuxTLBFlushReason, event: Event) {
        let cpu = event.cpu
        switch reason {
        case .remoteIPISend:
            hasTLBEvents = true
            counts.remoteFlushRequests += 1
            cpus[cpu].unsent = [:]
            let previous = cpus[cpu].openRequest
            let id = nextRequest
            nextRequest += 1
            cpus[cpu].openRequest = id
            if let previous, requests[previous]?.unclassified == 0 { close(previous) }
            let process = cpus[cpu].process
            var request = Request(
                line: event.line, cpu: cpu, pid: event.pid, process: process,
                predicted: predictLinux(from: cpu, process: process, at: event.timeNs))
            request.lazySkips = replay(from: cpu, process: process)
            perCPU[cpu, default: LinuxCPUFigures(cpu: cpu)].requests += 1
            perCPU[cpu, default: LinuxCPUFigures(cpu: cpu)].lazySkips += request.lazySkips
            requests[id] = request
        case .remoteShootdown, .taskSwitch, .remoteWrongCPU:
            if let index = cpus[cpu].handler {
                if reason == .remoteShootdown { targets[index]?.flushed = true }
                if reason == .taskSwitch { targets[index]?.taskSwitch = true }
                if reason == .remoteWrongCPU { targets[index]?.wrongCPU = true }
            } else if reason == .remoteShootdown || reason == .remoteWrongCPU, !sawCSD,
                let position = cpus[cpu].pending.firstIndex(where: { targets[$0]?.csd == nil })
            {
                // Without csd events the handler's own record is all there is (a task
                // switch cannot be told from an ordinary one).
                let index = cpus[cpu].pending.remove(at: position)
                targets[index]?.flushed = reason == .remoteShootdown
                targets[index]?.wrongCPU = reason == .remoteWrongCPU
                targets[index]?.handled = true
                classify(index)
            }
        default:
            break
        }
    }

    private mutating func queued(target: Int, csd: UInt64, event: Event) {
        guard target < TraceLimits.maxCPUs else { return }
        hasTLBEvents = true
        sawCSD = true
        let index = addTarget(cpu: target, csd: csd, event: event)
        cpus[event.cpu].unsent[target] = index
    }

    private mutating func addTarget(cpu target: Int, csd: UInt64?, event: Event) -> Int {
        if target >= cpus.count { cpus += Array(repeating: CPU(), count: target + 1 - cpus.count) }
        let request = cpus[event.cpu].openRequest
        let index = nextTarget
        nextTarget += 1
        let idle = cpus[target].idle
        var record = Target(
            request: request, initiator: event.cpu, cpu: target, line: event.line, sendNs: event.timeNs,
            idleAtSend: idle, csd: csd, initiatorPid: event.pid)
        if let request, let owner = requests[request] {
            record.requestLine = owner.line
            record.requestPid = owner.pid
            requests[request]?.recorded.insert(target)
            requests[request]?.unclassified += 1
        }
        targets[index] = record
        cpus[target].pending.append(index)
        counts.targets += 1
        if idle { counts.idleTargets += 1 }
        if cpus[target].pending.count > Self.pendingLimit { classify(cpus[target].pending.removeFirst()) }
        return index
    }

    private mutating func ipiSent(_ set: CPUSet, fromCallFunction: Bool, knownTLB: Bool, event: Event) {
        let cpu = event.cpu
        let unsent = cpus[cpu].unsent
        let hits = set.filter { unsent[$0] != nil }
        if !hits.isEmpty {
            counts.shootdownIPIs += 1
            ipisByCPU[cpu, default: 0] += 1
            observer?.sentIPI(line: event.line, cpu: cpu, timeNs: event.timeNs, targets: hits.count)
            for target in hits {
                guard let index = unsent[target] else { continue }
                targets[index]?.line = event.line
                targets[index]?.sendNs = event.timeNs
                cpus[cpu].unsent[target] = nil
            }
            return
        }
        // Without csd events: a call-function IPI right after a request (or one whose
        // callback names the flush) is the request's.
        guard knownTLB || (!sawCSD && fromCallFunction && cpus[cpu].openRequest != nil) else { return }
        hasTLBEvents = true
        counts.shootdownIPIs += 1
        ipisByCPU[cpu, default: 0] += 1
        observer?.sentIPI(
            line: event.line, cpu: cpu, timeNs: event.timeNs, targets: set.count { $0 < TraceLimits.maxCPUs })
        for target in set where target < TraceLimits.maxCPUs {
            _ = addTarget(cpu: target, csd: nil, event: event)
        }
    }

    private mutating func handlerEntered(csd: UInt64, event: Event) {
        let cpu = event.cpu
        // Linux runs flush handlers one after another with interrupts off (`csd_do_func`:
        // entry, `flush_tlb_func`, exit): one still open here has ended, its exit line lost.
        endOpenHandler(on: cpu)
        guard let position = cpus[cpu].pending.firstIndex(where: { targets[$0]?.csd == csd }),
            let sendNs = targets[cpus[cpu].pending[position]]?.sendNs
        else { return }
        let index = cpus[cpu].pending.remove(at: position)
        targets[index]?.handled = true
        latencies.add(max(0, event.timeNs - sendNs))
        cpus[cpu].handler = index
    }

    // MARK: Classes and findings

    /// Ends the handler open on `cpu`, if any, at an event that cannot happen inside it (a
    /// switch, idle, another call function's entry): its `csd_function_exit` line is missing.
    private mutating func endOpenHandler(on cpu: Int) {
        guard let open = cpus[cpu].handler else { return }
        cpus[cpu].handler = nil
        endWithoutExit(open)
    }

    /// Judges target `index` whose handler ended without a `csd_function_exit` line: by the
    /// flush it recorded, `unknown` when none showed (the lost lines may have held it).
    private mutating func endWithoutExit(_ index: Int) {
        guard targets[index] != nil else { return }
        targets[index]?.exitMissing = true
        handlersWithoutExit += 1
        classify(index)
    }

    /// Notes a judged target in its request's tallies; closes the request when that was
    /// its last target and it can gain no more.
    private mutating func settle(_ target: Target, index: Int, targetClass: LinuxTargetClass?) {
        guard let request = target.request, requests[request] != nil else { return }
        if let predicted = requests[request]?.predicted, !predicted.contains(target.cpu) {
            if targetClass == .needed {
                requests[request]?.unexplained.append((index, target.cpu))
            } else {
                requests[request]?.explainedExtras += 1
            }
        }
        requests[request]?.unclassified -= 1
        if requests[request]?.unclassified == 0, cpus[requests[request]?.cpu ?? 0].openRequest != request {
            close(request)
        }
    }

    /// Judges a request for `fidelity` and drops it.
    private mutating func close(_ id: Int) {
        guard let request = requests.removeValue(forKey: id) else { return }
        if request.recorded.isEmpty { counts.requestsWithoutIPI += 1 }
        guard let predicted = request.predicted else {
            judged.undetermined += 1
            return
        }
        judged.compared += 1
        judged.explainedExtras += request.explainedExtras
        let missing = predicted.filter { !request.recorded.contains($0) }
        let unexplained = request.unexplained.sorted { $0.target < $1.target }.map(\.cpu)
        guard !missing.isEmpty || !unexplained.isEmpty, mismatchList.admit(.fidelityMismatch) else { return }
        var message = "linux replay: flush request by pid \(request.pid) on cpu\(request.cpu)"
        if !missing.isEmpty { message += " should have interrupted \(Self.spell(missing)) (running its process)" }
        if !unexplained.isEmpty {
            message +=
                (missing.isEmpty ? "" : " and") + " interrupted \(Self.spell(unexplained)), "
                + "which flushed although not running its process"
        }
        mismatchList.keep(
            Finding(
                kind: .fidelityMismatch, findingClass: "tlb", line: request.line, cpu: request.cpu,
                pid: request.pid, timeNs: 0, message: message))
    }

    /// Judges target `index` and drops it (a no-op when already judged).
    private mutating func classify(_ index: Int) {
        guard let target = targets.removeValue(forKey: index) else { return }
        let targetClass: LinuxTargetClass
        if target.flushed {
            targetClass = .needed
        } else if target.idleAtSend {
            targetClass = .idle
        } else if !target.handled {
            targetClass = .unknown
        } else if target.taskSwitch {
            targetClass = .lazy
        } else if target.exitMissing && !target.wrongCPU {
            targetClass = .unknown
        } else {
            targetClass = .notLoaded
        }
        settle(target, index: index, targetClass: targetClass)
        counts.targetsByClass[targetClass.rawValue, default: 0] += 1
        observer?.classified(
            line: target.line, initiator: target.initiator, target: target.cpu, sendNs: target.sendNs,
            targetClass: targetClass)
        guard targetClass.isRedundant else { return }
        counts.redundantTargets += 1
        guard findingList.admit(.redundantShootdown) else { return }
        let why: String
        switch targetClass {
        case .idle: why = "cpu\(target.cpu) was idle at the send"
        case .lazy: why = "its handler only switched cpu\(target.cpu) away from the mm (lazy TLB; page tables freed)"
        default: why = "its handler found the mm no longer loaded on cpu\(target.cpu) (left in the mm's CPU mask)"
        }
        var message = "IPI to cpu\(target.cpu) redundant: \(why)"
        if target.request != nil {
            message += "; flush request at line \(target.requestLine) by pid \(target.requestPid)"
        }
        findingList.keep(
            Finding(
                kind: .redundantShootdown, findingClass: FindingClass(targetClass.rawValue), line: target.line,
                cpu: target.cpu,
                pid: target.initiatorPid, timeNs: target.sendNs, message: message))
    }

    // MARK: Replay

    /// How long a switch away from a process may leave its mm loaded: until the mm
    /// switch's `tlb_flush` line, or this long (a switch to a kernel thread has none).
    static let switchAwayWindowNs: Int64 = 50_000

    /// The `linux` rule: the other CPUs running `process` and not idle. Nil (the request
    /// is not compared) when a CPU's process is unknown (or the request's), or a CPU is in
    /// a switch that involves `process`: switching *to* it until the next task shows a
    /// line (the kernel writes the loaded mm only after the switch's own `tlb_flush` line;
    /// a virtual CPU preempted there got no IPI for a millisecond in a real capture), or
    /// *away* from it until the mm switch shows (at most `switchAwayWindowNs`).
    private func predictLinux(from initiator: Int, process: Int32, at timeNs: Int64) -> CPUSet? {
        guard sawTGID, process > 0 else { return nil }
        var set = CPUSet()
        for cpu in cpus.indices where cpu != initiator {
            let state = cpus[cpu]
            if state.process < 0 { return nil }
            if state.switchingTo != nil {
                if state.process == process { return nil }
                if state.previousProcess == process, !state.mmSwitched,
                    timeNs - state.switchNs < Self.switchAwayWindowNs
                {
                    return nil
                }
            }
            if cpus[cpu].process == process && !cpus[cpu].idle { set.insert(cpu) }
        }
        return set
    }

    /// Adds the request to each rule's figures; returns the CPUs Linux skipped as lazy (the
    /// mm loaded, the CPU not running the process).
    private mutating func replay(from initiator: Int, process: Int32) -> Int {
        guard process > 0 else { return 0 }
        var linux = (targets: 0, idle: 0)
        var netbsd = (targets: 0, idle: 0)
        for cpu in cpus.indices where cpu != initiator {
            let state = cpus[cpu]
            if state.process == process && !state.idle { linux.targets += 1 }
            if state.lastLoaded == process {
                netbsd.targets += 1
                if state.idle || state.pid == 0 { netbsd.idle += 1 }
            }
        }
        add(&replays["linux"], targets: linux.targets, idle: 0)
        add(&replays["netbsd8"], targets: netbsd.targets, idle: netbsd.idle)
        add(&replays["idle-lazy"], targets: netbsd.targets - netbsd.idle, idle: 0)
        add(&replays["no-wait-idle"], targets: netbsd.targets, idle: netbsd.idle)
        return max(0, netbsd.targets - linux.targets)
    }

    private func add(_ counts: inout LinuxReplayCounts?, targets: Int, idle: Int) {
        guard targets > 0 else { return }
        counts?.ipis += 1
        counts?.targets += targets
        counts?.idleTargets += idle
    }

    private mutating func judgeFidelity() {
        var result = judged
        mismatchList.sortByLine()
        result.mismatches = mismatchList.findings
        defer { fidelity = result }
        guard sawTGID else {
            result = LinuxFidelity()
            result.skippedReason =
                "a Linux capture without the TGID column (options/record-tgid off): which process each CPU runs "
                + "is unknown"
            return
        }
        guard counts.remoteFlushRequests > 0 else {
            result = LinuxFidelity()
            result.skippedReason = "a Linux capture with no flush request (tlb_flush reason:remote IPI send)"
            return
        }
        if result.compared == 0 {
            result.skippedReason = "a Linux capture with no request where every CPU's process was known"
        }
    }

    private static func spell(_ cpus: [Int]) -> String { cpus.map { "cpu\($0)" }.joined(separator: ", ") }
}
