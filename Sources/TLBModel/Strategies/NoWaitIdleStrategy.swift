import KTrace

/// `no-wait-idle`: idle CPUs still get the IPI and invalidate, but the initiator
/// waits only for the targets that were not idle (no wait at all when every target
/// idles). CPU time on the idle targets is still charged.
struct NoWaitIdleStrategy: TLBStrategy {
    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine) {
        let targets = engine.targets(of: packet, initiator: event.cpu)
        var waitFor = CPUSet()
        for cpu in targets where !engine.state.isIdle(cpu) { waitFor.insert(cpu) }
        engine.shootNow(
            packet, from: event.cpu, targets: targets, maxPages: engine.tpMaxva, waitFor: waitFor, line: event.line)
    }
}
