import KTrace

/// `bind-local`: binding the reader to one CPU.
///
/// A page qualifies when, at its unmap, every fill since it was mapped came from
/// one pid, that pid is bound (`lwp_bind`) to a CPU, and that CPU is the one
/// unmapping it: the unmapping CPU invalidates it locally and no IPI is sent for
/// it. The kernel knows bindings and who used a window, not other CPUs' TLBs —
/// so a page the LWP touched on another CPU before it was bound stays stale
/// there, and the safety check says so. Other pages take NetBSD 8's path.
struct BindLocalStrategy: TLBStrategy {
    /// Pages of the current packets that only their bound user touched.
    private var local: Set<PageKey> = []
    var hooks: StrategyHooks { .unmapped }

    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event, engine: inout ReplayEngine) {
        engine.state.queue(key, used: used, on: event.cpu)
        // `soleUser` comes with the unmap: the page's record may be gone by now.
        guard used, soleUser >= 0, engine.bindings[soleUser] == event.cpu else { return }
        local.insert(key)
    }

    mutating func drain(_ packet: Packet, by event: Event, engine: inout ReplayEngine) {
        guard !local.isEmpty else {
            engine.shootNow(
                packet, from: event.cpu, targets: engine.targets(of: packet, initiator: event.cpu),
                maxPages: engine.tpMaxva, line: event.line)
            return
        }
        var remote = Packet()
        var localPages: [PageKey] = []
        for key in packet.used {
            if local.remove(key) != nil { localPages.append(key) } else { remote.queue(key, used: true) }
        }
        for key in localPages {
            engine.invalidateLocally([key], fullFlush: false, kernel: key.isKernel, on: event.cpu)
        }
        engine.shootNow(
            remote, from: event.cpu, targets: engine.targets(of: remote, initiator: event.cpu),
            maxPages: engine.tpMaxva, line: event.line)
    }
}
