import KTrace

/// Replays a trace's TLB workload under a strategy (docs/tlb-model.md "Strategies") with the safety
/// check and the cost model (docs/tlb-model.md "Cost model").
///
/// Keeps the workload events, drops the recorded reactions (`tlb_shootdown_ipi`,
/// `xen_mmuext`, `tlb_invalidate`, `tlb_shootdown_done`) and lets the strategy
/// re-derive them. Feed events in file order, then call `finish(cpuCount:)`.
public struct TLBReplayer {
    public let strategy: TLBStrategySpec
    private let config: TraceConfig
    private var engine: ReplayEngine
    private var model: any TLBStrategy
    /// The strategy rewrites workload events (else they are applied as they come).
    private let rewrites: Bool
    /// The hooks the strategy implements (`TLBStrategy.hooks`): the others are not called.
    private var hooks: StrategyHooks
    /// Reused per event so rewriting allocates nothing in the steady state.
    private var rewritten: [Event] = []
    /// The last drained packet; once the strategy is done with it, the next drain reuses
    /// its storage.
    private var drained = Packet()

    public init(strategy: TLBStrategySpec, config: TraceConfig) {
        self.strategy = strategy
        self.config = config
        let made = strategy.makeStrategy(variant: config.variant)
        model = made.strategy
        rewrites = made.strategy.rewritesEvents
        hooks = made.strategy.hooks
        engine = ReplayEngine(config: config, label: strategy.description, useHypercalls: made.hypercalls)
        if strategy.name == .linux {
            engine.notes.append(
                "linux: Linux's rule replays Linux captures (docs/tlb-model.md, Linux captures); replayed as netbsd8")
        }
    }

    /// Calls every hook, as if the strategy implemented them all (tests: the outcome must not change).
    mutating func callEveryHook() { hooks = .all }

    /// Lets the analysis watch the shootdowns the replay derives (fidelity check).
    mutating func recordShootdowns() { engine.recordsShootdowns = true }

    /// The shootdowns derived since the last `clearShootdowns()` (only when recording).
    var derivedShootdowns: [Shootdown] { engine.emitted }

    /// Empties `derivedShootdowns`, keeping its storage: called on every drain, it must not
    /// allocate (the caller no longer holds the array).
    mutating func clearShootdowns() {
        while !engine.emitted.isEmpty { engine.emitted.removeLast() }
    }

    public mutating func consume(_ event: Event) { consumeOne(event) }

    /// `consume(_:)` of a recorded reaction (`tlb_shootdown_ipi`, `xen_mmuext`,
    /// `tlb_invalidate`, `tlb_shootdown_done`) on `cpu`, for a caller that has already
    /// told it apart: re-derived, not replayed; the CPU still exists.
    @inline(__always)
    mutating func skipReaction(on cpu: Int) { engine.state.begin(cpu: cpu) }

    /// Consecutive events, in file order: one call per batch from the lanes (another
    /// module), and each event's work inlined here instead of a call per event.
    public mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in events.indices { consumeOne(events[index]) }
    }

    @inline(__always)
    private mutating func consumeOne(_ event: Event) {
        switch event.kind {
        case .shootdownIPI, .xenMMUExt, .tlbInvalidate, .shootdownDone:
            return skipReaction(on: event.cpu)
        default:
            // Not the TLB model's: no strategy rewrites it and `apply` only notes the CPU.
            if event.kind.isProcessEvent {
                engine.state.begin(cpu: event.cpu)
                return
            }
        }
        guard rewrites else { return apply(event) }
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
    private mutating func apply(_ event: Event) { TLBEventDriver.apply(event, to: &self) }
}

extension TLBReplayer: TLBEventModel {
    var state: TLBState {
        _read { yield engine.state }
        _modify { yield &engine.state }
    }

    var fillsRecorded: Bool { config.tlbFillsRecorded }

    mutating func map(_ key: PageKey, by event: Event) {
        if hooks.contains(.willMap) { model.willMap(key, by: event, engine: &engine) }
        engine.state.map(key)
    }

    mutating func fill(_ key: PageKey, by event: Event) { engine.fill(key, by: event) }
    mutating func willUnmap(by event: Event) {}

    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event) {
        guard hooks.contains(.unmapped) else {
            // `TLBStrategy.unmapped`'s default.
            return engine.state.queue(key, used: used, on: event.cpu)
        }
        model.unmapped(key, used: used, soleUser: soleUser, by: event, engine: &engine)
    }

    mutating func queueFullFlush(_ pmap: PmapID, by event: Event) {
        engine.state.queueFullFlush(pmap, on: event.cpu)
    }

    mutating func update(by event: Event) {
        engine.state.drain(event.cpu, line: event.line, into: &drained)
        model.drain(drained, by: event, engine: &engine)
    }

    mutating func leftIdle(by event: Event) {
        if hooks.contains(.leftIdle) { model.leftIdle(by: event, engine: &engine) }
    }

    mutating func switchedContext(by event: Event) {
        if hooks.contains(.switchedContext) { model.switchedContext(by: event, engine: &engine) }
    }

    mutating func other(_ event: Event) {
        if case .lwpBind(let pid, _, let cpu) = event.kind { engine.bindings[pid] = cpu >= 0 ? cpu : nil }
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
