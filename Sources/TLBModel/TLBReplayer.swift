import KTrace

/// Replays a trace's TLB workload under a strategy (SPEC §2.2) with the safety
/// check and the cost model (SPEC §2.3).
///
/// Keeps the workload events, drops the recorded reactions (`tlb_shootdown_ipi`,
/// `xen_mmuext`, `tlb_invalidate`, `tlb_shootdown_done`) and lets the strategy
/// re-derive them. Feed events in file order, then call `finish(cpuCount:)`.
public struct TLBReplayer {
    public let strategy: TLBStrategySpec
    private let config: TraceConfig
    private var engine: ReplayEngine
    private var model: any TLBStrategy
    /// Reused per event so rewriting allocates nothing in the steady state.
    private var rewritten: [Event] = []

    public init(strategy: TLBStrategySpec, config: TraceConfig) {
        self.strategy = strategy
        self.config = config
        let made = strategy.makeStrategy(variant: config.variant)
        model = made.strategy
        engine = ReplayEngine(config: config, label: strategy.description, useHypercalls: made.hypercalls)
        if strategy.name == "linux" {
            engine.notes.append("linux: Linux's rule replays Linux captures (SPEC §2.4); replayed as netbsd8")
        } else if !TLBStrategySpec.names.contains(strategy.name) {
            engine.notes.append("unknown TLB strategy '\(strategy.name)': replayed as netbsd8")
        }
    }

    /// Lets the analysis watch the shootdowns the replay derives (fidelity check).
    mutating func recordShootdowns() { engine.recordsShootdowns = true }

    /// The shootdowns derived since the last call (only when recording).
    /// Called on every drain: when nothing was derived it must not allocate (emptying
    /// a buffer the caller still shares would copy it).
    mutating func takeShootdowns() -> [Shootdown] {
        guard !engine.emitted.isEmpty else { return [] }
        let taken = engine.emitted
        engine.emitted = []
        return taken
    }

    public mutating func consume(_ event: Event) {
        switch event.kind {
        case .shootdownIPI, .xenMMUExt, .tlbInvalidate, .shootdownDone:
            // A reaction: re-derived, not replayed; the CPU still exists.
            engine.state.begin(cpu: event.cpu, pid: event.pid)
            return
        default:
            // Not the TLB model's: no strategy rewrites it and `apply` only notes the CPU.
            if event.kind.isProcessEvent {
                engine.state.begin(cpu: event.cpu, pid: event.pid)
                return
            }
        }
        // `removeLast` over the usual one event: the generic `removeAll(keepingCapacity:)`
        // costs ~170 instructions per call.
        while !rewritten.isEmpty { rewritten.removeLast() }
        model.rewrite(event, into: &rewritten)
        let events = rewritten
        for index in events.indices { apply(events[index]) }
    }

    public mutating func finish(cpuCount: Int) -> TLBReplayOutcome {
        while !rewritten.isEmpty { rewritten.removeLast() }
        model.rewriteEnd(into: &rewritten)
        let events = rewritten
        for index in events.indices { apply(events[index]) }
        model.finish(engine: &engine)
        var outcome = TLBReplayOutcome()
        outcome.counts = engine.counts
        outcome.findings = engine.findings
        outcome.notes = engine.notes
        return outcome
    }

    /// One workload event through the state machine, with the strategy's hooks.
    private mutating func apply(_ event: Event) {
        engine.state.begin(cpu: event.cpu, pid: event.pid)
        switch event.kind {
        case .pmapEnter(let pmap, let va):
            map(PageKey(pmap: pmap, va: va), event)
        case .pmapKenterPA(let va):
            map(PageKey(pmap: .kernel, va: va), event)
        case .tlbFill(let pmap, let va):
            engine.fill(PageKey(pmap: pmap, va: va), by: event)
        case .pmapRemove(let pmap, let sva, let eva):
            unmap(space: spaceOf(pmap), from: sva, to: eva, event)
        case .pmapKremove(let va, let length):
            unmap(space: PageKey.kernelSpace, from: va, to: va &+ length, event)
        case .pmapUpdate:
            let packet = engine.state.drain(event.cpu, line: event.line)
            model.drain(packet, by: event, engine: &engine)
        case .idleEnter:
            engine.state.setIdle(event.cpu, true, at: event.timeNs)
            model.switchedContext(by: event, engine: &engine)
        case .idleExit:
            leaveIdle(event)
        case .schedSwitch(_, let next):
            if next == 0 {
                engine.state.setIdle(event.cpu, true, at: event.timeNs)
            } else {
                leaveIdle(event)
            }
            model.switchedContext(by: event, engine: &engine)
        case .pmapActivate(let pmap):
            engine.state.load(space: pmap.isKernel ? nil : spaceOf(pmap), on: event.cpu)
            model.switchedContext(by: event, engine: &engine)
        case .pmapDeactivate:
            engine.state.load(space: nil, on: event.cpu)
            model.switchedContext(by: event, engine: &engine)
        case .lwpBind(let pid, _, let cpu):
            engine.bindings[pid] = cpu >= 0 ? cpu : nil
        case .pmapTLBShootdown(let pmap, let va, _) where !config.tlbFillsRecorded:
            // No fills: the kernel's own queue calls say which pages were used (PG_U).
            if let va {
                // Without fills no user is known: bind-local cannot keep such a page local.
                model.unmapped(
                    PageKey(pmap: pmap, va: va), used: true, soleUser: PageRecord.noUser, by: event, engine: &engine)
            } else {
                engine.state.queueFullFlush(pmap, on: event.cpu)
            }
        default:
            break
        }
    }

    private mutating func map(_ key: PageKey, _ event: Event) {
        model.willMap(key, by: event, engine: &engine)
        engine.state.map(key)
    }

    private mutating func unmap(space: UInt64, from sva: UInt64, to eva: UInt64, _ event: Event) {
        for key in engine.state.mappedPages(space: space, from: sva, to: eva) {
            let (used, soleUser) = engine.state.unmap(key)
            model.unmapped(key, used: used, soleUser: soleUser, by: event, engine: &engine)
        }
    }

    private mutating func leaveIdle(_ event: Event) {
        guard engine.state.isIdle(event.cpu) else { return }
        engine.state.setIdle(event.cpu, false, at: event.timeNs)
        model.leftIdle(by: event, engine: &engine)
    }
}

/// What a TLB strategy did on a trace.
public struct TLBReplayOutcome: Sendable {
    public var counts = TLBReplayCounts()
    /// `stale-translation` findings of the safety check.
    public var findings: [Finding] = []
    public var notes: [String] = []

    public init() {}
}
