import KTrace

/// `deferred-unmap:fifo=N`: the passive-unmap FIFO proposal.
///
/// A kernel-pmap unmap invalidates the unmapping CPU's own TLB at once (`invlpg`)
/// and queues the page in that CPU's FIFO instead of its packet: `pmap_update`
/// sends nothing for it. The FIFO drains with one full-flush shootdown to every
/// running CPU but its owner when it holds N pages, when its CPU switches context
/// (`sched_switch`, `idle_enter`, `pmap_activate`/`pmap_deactivate`), and — the
/// rule that keeps it safe — before a page still queued is mapped again (the
/// kernel must not hand out a VA other TLBs may still translate). User-pmap
/// unmaps keep NetBSD 8's path. Pages still queued at trace end are noted.
struct DeferredUnmapStrategy: TLBStrategy {
    let capacity: Int
    /// Per-CPU FIFOs of unmapped kernel pages awaiting their shootdown.
    private var fifos = PerCPU<[PageKey]>()
    /// Which CPU's FIFO holds a page (a `PageTable`, not a `Dictionary`: no SipHash on
    /// every unmap and map).
    private var owner = PageTable<Int>(vacant: -1)

    var hooks: StrategyHooks { [.unmapped, .willMap, .switchedContext] }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event, engine: inout ReplayEngine) {
        guard key.isKernel else {
            engine.state.queue(key, used: used, on: event.cpu)
            return
        }
        // An unused PTE is in no TLB: nothing to defer.
        guard used else { return }
        engine.invalidateLocally(key, on: event.cpu)
        if !owner.contains(key) {
            fifos.update(event.cpu) { fifo in
                if fifo == nil { fifo = [] }
                fifo!.append(key)
            }
            owner[key] = event.cpu
        }
        if (fifos[event.cpu]?.count ?? 0) >= capacity { drainFIFO(of: event.cpu, line: event.line, &engine) }
    }

    mutating func willMap(_ key: PageKey, by event: Event, engine: inout ReplayEngine) {
        guard let cpu = owner[key] else { return }
        drainFIFO(of: cpu, line: event.line, &engine)
    }

    mutating func switchedContext(by event: Event, engine: inout ReplayEngine) {
        drainFIFO(of: event.cpu, line: event.line, &engine)
    }

    mutating func finish(engine: inout ReplayEngine) {
        let left = fifos.values.reduce(0) { $0 + $1.count }
        if left > 0 { engine.notes.append("deferred-unmap: \(left) unmapped pages still queued at trace end") }
    }

    private mutating func drainFIFO(of cpu: Int, line: Int, _ engine: inout ReplayEngine) {
        guard var pages = fifos.removeValue(forKey: cpu) else { return }
        // The FIFO's storage stays for its next pages.
        defer {
            pages.removeAll(keepingCapacity: true)
            fifos[cpu] = pages
        }
        guard !pages.isEmpty else { return }
        for key in pages { owner[key] = nil }
        var targets = engine.state.running
        targets.remove(cpu)
        engine.shootdown(
            from: cpu, pages: pages, fullFlush: true, kernel: true, targets: targets, waitFor: targets, line: line,
            includeInitiator: false)
    }
}
