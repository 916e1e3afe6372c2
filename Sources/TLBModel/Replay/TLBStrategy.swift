import KTrace

/// What a replay strategy decides (docs/tlb-model.md "Strategies"). The model (`ReplayEngine`) keeps
/// the state machine per CPU and per page; a strategy only answers "what happens
/// now" at the few points where kernels differ. Every hook has a NetBSD 8 default.
protocol TLBStrategy {
    /// Whether `rewrite` may change the workload; the default (false) lets the replay skip it.
    var rewritesEvents: Bool { get }
    /// The hooks among `unmapped`, `willMap`, `leftIdle`, `switchedContext` the strategy
    /// implements itself; the replay calls only those (and does `unmapped`'s default
    /// itself): a call through `any TLBStrategy` projects its box, ≈ 50 instructions, on
    /// every map and unmap. Default: none. A strategy that implements one of these hooks
    /// must list it (`StrategyHookTests` replays every strategy with all hooks called).
    var hooks: StrategyHooks { get }
    /// Rewrites one workload event (UBC re-chunking, direct map); the default keeps it.
    mutating func rewrite(_ event: Event, into output: inout [Event])
    /// Workload events still owed when the trace ends (windows left mapped); the default owes none.
    mutating func rewriteEnd(into output: inout [Event])
    /// `event`'s CPU unmapped `key` (`used`: its PTE had been used; `soleUser`: the only pid
    /// that filled it since it was mapped, else negative). Default: queue it in the packet.
    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event, engine: inout ReplayEngine)
    /// `event`'s CPU drained its packet (`pmap_update`). Default: NetBSD 8's shootdown.
    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine)
    /// `key` is about to be mapped by `event`.
    mutating func willMap(_ key: PageKey, by event: Event, engine: inout ReplayEngine)
    /// `event`'s CPU left the idle loop.
    mutating func leftIdle(by event: Event, engine: inout ReplayEngine)
    /// `event`'s CPU switched context (`sched_switch`, `idle_enter`, `pmap_activate`/`pmap_deactivate`).
    mutating func switchedContext(by event: Event, engine: inout ReplayEngine)
    /// The trace ended.
    mutating func finish(engine: inout ReplayEngine)
}

/// Hooks a strategy implements beyond NetBSD 8's defaults (`TLBStrategy.hooks`).
struct StrategyHooks: OptionSet {
    let rawValue: UInt8
    static let unmapped = StrategyHooks(rawValue: 1)
    static let willMap = StrategyHooks(rawValue: 2)
    static let leftIdle = StrategyHooks(rawValue: 4)
    static let switchedContext = StrategyHooks(rawValue: 8)
    static let all: StrategyHooks = [.unmapped, .willMap, .leftIdle, .switchedContext]
}

extension TLBStrategy {
    var rewritesEvents: Bool { false }
    var hooks: StrategyHooks { [] }
    mutating func rewrite(_ event: Event, into output: inout [Event]) { output.append(event) }
    mutating func rewriteEnd(into output: inout [Event]) {}

    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event, engine: inout ReplayEngine) {
        engine.state.queue(key, used: used, on: event.cpu)
    }

    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine) {
        engine.shootNow(
            packet, from: event.cpu, targets: engine.targets(of: packet, initiator: event.cpu),
            maxPages: engine.tpMaxva, line: event.line)
    }

    mutating func willMap(_ key: PageKey, by event: Event, engine: inout ReplayEngine) {}
    mutating func leftIdle(by event: Event, engine: inout ReplayEngine) {}
    mutating func switchedContext(by event: Event, engine: inout ReplayEngine) {}
    mutating func finish(engine: inout ReplayEngine) {}
}

extension TLBStrategySpec {
    /// The strategy this spec names, and whether it shoots down through Xen hypercalls.
    func makeStrategy(variant: KernelVariant) -> (strategy: any TLBStrategy, hypercalls: Bool) {
        let xen = variant.isXen
        switch name {
        case .netbsd8: return (NetBSD8Strategy(maxPages: nil), xen)
        case .idleLazy: return (IdleLazyStrategy(), xen)
        case .noWaitIdle: return (NoWaitIdleStrategy(), xen)
        case .deferredUnmap: return (DeferredUnmapStrategy(capacity: parameters["fifo"] ?? 64), xen)
        case .ubcWinshift: return (UBCWinshiftStrategy(shift: parameters["shift"] ?? 17), xen)
        case .bindLocal: return (BindLocalStrategy(), xen)
        case .directMap: return (DirectMapStrategy(), xen)
        case .xenHypercall: return (NetBSD8Strategy(maxPages: nil), true)
        case .tpMaxva: return (NetBSD8Strategy(maxPages: parameters["n"] ?? 16), xen)
        case .none: return (NoneStrategy(), xen)
        case .linux: return (NetBSD8Strategy(maxPages: nil), xen)
        }
    }
}
