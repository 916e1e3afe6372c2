import KTrace

/// `none`: no shootdowns at all; the initiator invalidates its own TLB only.
/// Unsafe on purpose — the negative control of the safety check.
struct NoneStrategy: TLBStrategy {
    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine) {
        guard !packet.used.isEmpty else { return }
        engine.invalidateLocally(
            packet.used, fullFlush: packet.overflows(engine.tpMaxva), kernel: packet.hasKernel, on: event.cpu)
    }
}
