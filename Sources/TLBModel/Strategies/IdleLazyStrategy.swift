import KTrace

/// `idle-lazy`: idle CPUs get no IPI. Each skipped CPU is marked stale and does one
/// full TLB flush (`tlb_flush_ns`, one `full_flushes`) when it next leaves idle —
/// `idle_exit` or a `sched_switch` to a non-idle pid — however many shootdowns it
/// missed. A fill on a CPU that is still idle and marked (an interrupt handler
/// touching the page) is served stale: the safety check reports it.
struct IdleLazyStrategy: TLBStrategy {
    /// CPUs that skipped a shootdown while idle and must flush on the way out.
    private var marked = CPUSet()
    var hooks: StrategyHooks { .leftIdle }

    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine) {
        guard !packet.used.isEmpty else { return }
        var busy = CPUSet()
        for cpu in engine.targets(of: packet, initiator: event.cpu) {
            if engine.state.isIdle(cpu) { marked.insert(cpu) } else { busy.insert(cpu) }
        }
        engine.shootNow(packet, from: event.cpu, targets: busy, maxPages: engine.tpMaxva, line: event.line)
    }

    mutating func leftIdle(by event: Event, engine: inout ReplayEngine) {
        guard marked.contains(event.cpu) else { return }
        marked.remove(event.cpu)
        engine.flushLocally(event.cpu)
    }
}
