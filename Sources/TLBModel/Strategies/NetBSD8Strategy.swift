import KTrace

/// `netbsd8` (and `tp-maxva:n=N`, `xen-hypercall`): the kernel of kern/53124.
///
/// A kernel-pmap packet goes to every running CPU but the initiator, idle ones
/// included; a user-pmap packet to the CPUs that have the pmap loaded; more than
/// `maxPages` used pages make a full flush; the initiator waits for every target.
/// On `*-xen` variants (or as `xen-hypercall`) the engine sends the same shootdown
/// as one synchronous `xen_mmuext` hypercall instead of IPIs.
struct NetBSD8Strategy: TLBStrategy {
    /// Packet size; nil means the trace's `tp_maxva`.
    let maxPages: Int?

    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine) {
        engine.shootNow(
            packet, from: event.cpu, targets: engine.targets(of: packet, initiator: event.cpu),
            maxPages: maxPages ?? engine.tpMaxva, line: event.line)
    }
}
