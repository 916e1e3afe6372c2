import KTrace

/// The finding rules of docs/signal-model.md "Rules" over one stream of signal events, recorded or
/// re-derived by a replay: one implementation for both.
///
/// Events come in file order. Posts, stops and waits are matched to the
/// *generation* of their signal (a `kill`, `lwp_kill`, `trapsignal`, or a
/// `kpsignal2` that does not belong to the call just before it on its CPU).
struct SignalRules: Sendable {
    let speller: SignalSpeller
    /// Linux captures: a `kpsignal2` without a `sigpost` was ignored or merged (`res≠0`).
    let linuxStyle: Bool
    private(set) var counts = SignalCounts()
    private(set) var findingList = FindingList()
    /// The findings kept (the first of each kind; `findingList.totals` counts them all).
    var findings: [Finding] { findingList.findings }
    private(set) var notes: [String] = []
    private(set) var hasSignalEvents = false

    // `KeyTable`s, not dictionaries: each signal event reads and writes a few of
    // them, and SipHash per access was most of the rules' cost.
    private var serials = KeyTable<SignalKey, Int>(vacant: 0)
    private var open = KeyTable<SignalKey, GenerationRecord>(vacant: .unused)
    private var reports = KeyTable<SignalKey, ReportRecord>(vacant: .unused)
    private var posts = KeyTable<LWPSignalKey, PostRecord>(vacant: .unused)
    private var deliveries = KeyTable<LWPSignalKey, DeliveryRecord>(vacant: .unused)
    private var injections = KeyTable<SignalKey, Int>(vacant: 0)
    /// A set (the values are unused).
    private var pending = KeyTable<LWPSignalKey, Bool>(vacant: false)
    private var traced = PidSet()
    /// Processes with an `issignal` in the trace: their `postsig`s follow an issignal.
    private var takesSignalsVisibly = PidSet()
    /// What each CPU did last (nil: nothing seen): checked on every event, so the many
    /// non-signal events cost an array read.
    private var lastCalls = PerCPU<LastCall>()
    /// `FindingClass.posted(by:then:)` of the caller pairs met so far (a few: NetBSD's
    /// callers), so that its two `String` appends (≈ 850 instructions) run once per pair,
    /// not per kept finding.
    private var postedClasses: [(first: SigpostCaller, second: SigpostCaller, findingClass: FindingClass)] = []
    /// Drop a process's state at its `exit` (set for streaming analyses and replays,
    /// so memory follows the live processes; left off by `explore`, whose visited
    /// set compares the state). Nothing of P is read after P's exit: its open
    /// generations were judged there, its LWPs are gone, and the stops, posts and
    /// deliveries the rules match are those of *this* process — a pid seen again
    /// later is a new process (pid reuse), with its own generations.
    var forgetsExitedProcesses: Bool

    init(
        numbering: SignalNumbering, findingLimit: Int = FindingList.defaultLimit, forgetsExitedProcesses: Bool = false
    ) {
        self.forgetsExitedProcesses = forgetsExitedProcesses
        findingList = FindingList(limit: findingLimit)
        speller = SignalSpeller(numbering: numbering)
        linuxStyle = numbering == .linux
    }

    mutating func consume(_ event: Event) {
        let site = Site(event)
        var call = LastCall.other
        switch event.kind {
        case .kill(let pid, let sig):
            generate(SignalKey(pid: pid, signal: sig), origin: .kill, site: site)
            call = .signalCall(SignalKey(pid: pid, signal: sig))
        case .lwpKill(let pid, let lid, let sig):
            generate(SignalKey(pid: pid, signal: sig), origin: .lwpKill(lid: lid), site: site)
            call = .signalCall(SignalKey(pid: pid, signal: sig))
        case .trapsignal(let pid, let lid, let sig):
            generate(SignalKey(pid: pid, signal: sig), origin: .trapsignal(lid: lid), site: site)
        case .kpsignal2(let pid, let sig):
            let key = SignalKey(pid: pid, signal: sig)
            // The kpsignal2 right after a kill/lwp_kill on this CPU is that call's own.
            if lastCall(on: event.cpu) != .signalCall(key) { generate(key, origin: .kernel, site: site) }
        case .sigpost(let pid, let lid, let sig, let caller):
            counts.posts += 1
            post(LWPSignalKey(pid: pid, lid: lid, signal: sig), caller: caller, event: event)
        case .issignal(let pid, let lid, let sig):
            takesSignalsVisibly.insert(pid)
            take(LWPSignalKey(pid: pid, lid: lid, signal: sig))
        case .procStopDone(let pid, let sig):
            counts.stops += 1
            open.modify(SignalKey(pid: pid, signal: sig)) { $0.delivered = true }
        case .postsig(let pid, let lid, let sig):
            deliver(LWPSignalKey(pid: pid, lid: lid, signal: sig), event: event)
        case .waitReturn(let child, let status, _, _):
            counts.waitReturns += 1
            if case .stopped(let sig) = status { report(SignalKey(pid: child, signal: sig), event: event) }
        case .exit:
            exit(event.pid, site: site)
        case .ptrace(let request, let pid, let sig):
            tracerRequest(request, pid: pid, signal: sig)
        case .fork, .sigswitch, .procStop, .procUnstop:
            break
        default:
            noteLastCall(.other, on: event.cpu)
            return
        }
        hasSignalEvents = true
        noteLastCall(call, on: event.cpu)
    }

    /// An event that is not the signal model's: what `consume` does with it, with
    /// the common case (its CPU's last event was no call either) in a few instructions.
    @inline(__always)
    mutating func noteOtherEvent(on cpu: Int) {
        if case .other = lastCalls[cpu] { return }
        noteLastCall(.other, on: cpu)
    }

    /// Written only when it changes: most signal events, like the CPU's event before
    /// them, are no call (the read is cheap, the write was ≈ 50 instructions).
    private mutating func noteLastCall(_ call: LastCall, on cpu: Int) {
        if lastCalls[cpu] != call { lastCalls[cpu] = call }
    }

    private func lastCall(on cpu: Int) -> LastCall? { lastCalls[cpu] }

    /// Ends the stream. A signal still pending (or not yet posted) at the end is not lost.
    mutating func finish() {
        for (key, generation) in open.entries.sorted(by: { $0.value.site.line < $1.value.site.line })
        where !generation.delivered {
            let state = isPending(key) ? "still pending" : "not yet posted"
            notes.append(
                "\(speller.name(key.signal)) generated for \(key.pid) by \(generation.origin.callName) "
                    + "at line \(generation.site.line) is \(state) when the trace ends")
        }
        findingList.sortByLine()
    }

    /// The state without lines or times, plus what was found so far.
    func fingerprint() -> RulesFingerprint {
        let lastCall = Dictionary(uniqueKeysWithValues: lastCalls.sortedKeys.map { ($0, lastCalls[$0]!) })
        return RulesFingerprint(
            serials: serials.dictionary, open: open.dictionary.mapValues(\.withoutSite),
            reports: reports.dictionary.mapValues(\.withoutSite), posts: posts.dictionary.mapValues(\.withoutSite),
            deliveries: deliveries.dictionary.mapValues(\.withoutSite), injections: injections.dictionary,
            pending: Set(pending.allKeys), traced: Set(traced.sorted), lastCall: lastCall,
            findingKinds: findings.map { $0.kind.rawValue + "/" + $0.findingClass.rawValue })
    }

    // MARK: Rules

    private mutating func generate(_ key: SignalKey, origin: GenerationOrigin, site: Site) {
        let serial = serials.update(key, default: 0) { serial in
            serial += 1
            return serial
        }
        var next = GenerationRecord(serial: serial, origin: origin, site: site)
        if let previous = open[key], !previous.delivered {
            if isPending(key) {
                next.posted = true  // merges with the pending signal, as POSIX signals do
            } else if judgeable(previous, key: key) {
                lose(previous, key: key, before: "the next \(speller.name(key.signal)) generation at line \(site.line)")
            }
        }
        open.set(next, for: key)
    }

    private mutating func post(_ key: LWPSignalKey, caller: SigpostCaller, event: Event) {
        let serial = serials[key.process] ?? 0
        let generation = open[key.process]
        let aimedHere = generation?.origin == .lwpKill(lid: key.lid)
        let makesDeliverableAgain: Bool
        switch caller {
        case .kpsignal2, .trapsignal: makesDeliverableAgain = true
        case .procStop: makesDeliverableAgain = aimedHere
        case .other: makesDeliverableAgain = false
        }
        if makesDeliverableAgain, let previous = posts[key], previous.serial == serial {
            counts.doublePosts += 1
            if findingList.admit(.doubleSigpost) {
                let postClass = postedClass(first: previous.caller, then: caller)
                findingList.keep(
                    doublePost(
                        key, first: previous, caller: caller, generation: generation, event: event,
                        findingClass: postClass))
            }
        }
        // A proc_stop post is only a wake-up, except for an _lwp_kill signal aimed at this LWP.
        if caller != .procStop || aimedHere {
            pending.set(true, for: key)
            open.modify(key.process) { $0.posted = true }
        }
        posts.set(PostRecord(serial: serial, caller: caller, site: Site(event)), for: key)
    }

    /// The class of a double post by `first` then `second` (see `postedClasses`).
    private mutating func postedClass(first: SigpostCaller, then second: SigpostCaller) -> FindingClass {
        for entry in postedClasses where entry.first == first && entry.second == second { return entry.findingClass }
        let made = FindingClass.posted(by: first.description, then: second.description)
        // Bounded: `caller=` names a trace makes up are each built anew past a few.
        if postedClasses.count < 16 { postedClasses.append((first, second, made)) }
        return made
    }

    private mutating func take(_ key: LWPSignalKey) {
        if pending.contains(key) {
            pending.remove(key)
        } else if let other = pending.firstKey(where: { $0.process == key.process }) {
            pending.remove(other)  // a process-directed signal taken by another LWP
        }
        open.modify(key.process) { $0.delivered = true }
    }

    private mutating func deliver(_ key: LWPSignalKey, event: Event) {
        let serial = serials[key.process] ?? 0
        let injected = injections[key.process] ?? 0
        let visible = takesSignalsVisibly.contains(key.pid)
        if !visible, let previous = deliveries[key], previous.serial == serial, previous.injections == injected {
            counts.doublePosts += 1
            if findingList.admit(.doubleSigpost) {
                findingList.keep(doubleDelivery(key, first: previous, generation: open[key.process], event: event))
            }
        }
        deliveries.set(DeliveryRecord(serial: serial, injections: injected, site: Site(event)), for: key)
        if !visible { take(key) } else { open.modify(key.process) { $0.delivered = true } }
    }

    private mutating func report(_ key: SignalKey, event: Event) {
        let serial = serials[key] ?? 0
        if let previous = reports[key], previous.serial == serial {
            counts.duplicateWaitReturns += 1
            if findingList.admit(.duplicateWaitReturn) {
                findingList.keep(duplicateWait(key, first: previous, generation: open[key], event: event))
            }
        }
        reports.set(ReportRecord(serial: serial, waiter: event.pid, site: Site(event)), for: key)
    }

    private mutating func exit(_ pid: Int32, site: Site) {
        let ended = open.entries.filter { $0.key.pid == pid }.sorted { $0.value.site.line < $1.value.site.line }
        for (key, generation) in ended {
            // A pending SIGKILL at exit is what ended the process.
            if !generation.delivered, key.signal != speller.sigkill, judgeable(generation, key: key) {
                lose(generation, key: key, before: "\(pid) exited at line \(site.line)")
            }
            open.remove(key)
        }
        pending.removeAll { $0.pid == pid }
        if forgetsExitedProcesses { forget(pid) }
    }

    /// Removes every record keyed by `pid` (after its exit was judged).
    private mutating func forget(_ pid: Int32) {
        serials.removeAll { $0.pid == pid }
        reports.removeAll { $0.pid == pid }
        posts.removeAll { $0.pid == pid }
        deliveries.removeAll { $0.pid == pid }
        injections.removeAll { $0.pid == pid }
        traced.remove(pid)
        takesSignalsVisibly.remove(pid)
    }

    private mutating func tracerRequest(_ request: PtraceRequest, pid: Int32, signal: Int32) {
        switch request {
        case .traceMe, .attach: traced.insert(pid)
        case .detach: traced.remove(pid)
        default: break
        }
        if request.resumes, signal != 0 {
            injections.update(SignalKey(pid: pid, signal: signal), default: 0) { $0 += 1 }
        }
    }

    /// Whether a generation that was never taken can be called lost. docs/signal-model.md "Rules" has
    /// no exception for a NetBSD generation that was never posted, so it is lost
    /// too; a Linux `signal_generate` with `res≠0` was ignored or merged by the
    /// kernel and is never posted, so only posted Linux generations are judged.
    private func judgeable(_ generation: GenerationRecord, key: SignalKey) -> Bool {
        generation.posted || !linuxStyle
    }

    private func isPending(_ key: SignalKey) -> Bool {
        pending.firstKey { $0.process == key } != nil
    }

    private mutating func lose(_ generation: GenerationRecord, key: SignalKey, before: String) {
        counts.lostSignals += 1
        if findingList.admit(.lostSignal) { findingList.keep(lostSignal(key, generation: generation, before: before)) }
    }
}
