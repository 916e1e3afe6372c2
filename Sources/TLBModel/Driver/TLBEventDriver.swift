import KTrace

/// A TLB model driven by ``TLBEventDriver``: the state it keeps and what it does
/// where models differ. The analyzer of a recorded trace and a strategy's replay
/// both conform, so the workload events reach `TLBState` the same way in both
/// (docs/tlb-model.md, "Events").
protocol TLBEventModel {
    /// The per-CPU TLBs, page records and packets.
    var state: TLBState { get set }
    /// The trace records `tlb_fill`: else the kernel's own `pmap_tlb_shootdown`
    /// lines say which unmapped pages were used (`# capture: tlb_fill=none`).
    var fillsRecorded: Bool { get }

    /// `key` is being mapped (`pmap_enter`, `pmap_kenter_pa`); the hook maps it.
    mutating func map(_ key: PageKey, by event: Event)
    /// `event`'s CPU used `key` (`tlb_fill`).
    mutating func fill(_ key: PageKey, by event: Event)
    /// A `pmap_remove`/`pmap_kremove` starts: its pages follow, one `unmapped` each.
    mutating func willUnmap(by event: Event)
    /// `event`'s CPU unmapped `key` (`used`: its PTE had been used; `soleUser`: the only pid
    /// that filled it since it was mapped, else `PageRecord.noUser` or `severalUsers`).
    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event)
    /// The kernel queued a shootdown of every page of `pmap` (`va=-1`, a capture without fills).
    mutating func queueFullFlush(_ pmap: PmapID, by event: Event)
    /// `pmap_update` on `event`'s CPU.
    mutating func update(by event: Event)
    /// `event`'s CPU left the idle loop.
    mutating func leftIdle(by event: Event)
    /// `event`'s CPU switched context (`sched_switch`, `idle_enter`, `pmap_activate`/`pmap_deactivate`).
    mutating func switchedContext(by event: Event)
    /// Any other event (the recorded reactions, `lwp_bind`, …).
    mutating func other(_ event: Event)
}

/// Dispatches one event into a ``TLBEventModel``: the state changes every TLB
/// model makes, and the model's hooks around them.
enum TLBEventDriver {
    static func apply<Model: TLBEventModel>(_ event: Event, to model: inout Model) {
        model.state.begin(cpu: event.cpu)
        switch event.kind {
        case .pmapEnter(let pmap, let va):
            model.map(PageKey(pmap: pmap, va: va), by: event)
        case .pmapKenterPA(let va):
            model.map(PageKey(pmap: .kernel, va: va), by: event)
        case .tlbFill(let pmap, let va):
            model.fill(PageKey(pmap: pmap, va: va), by: event)
        case .pmapRemove(let pmap, let sva, let eva):
            unmap(space: spaceOf(pmap), from: sva, to: eva, by: event, in: &model)
        case .pmapKremove(let va, let length):
            unmap(space: PageKey.kernelSpace, from: va, to: va &+ length, by: event, in: &model)
        case .pmapUpdate:
            model.update(by: event)
        case .idleEnter:
            model.state.setIdle(event.cpu, true, at: event.timeNs)
            model.switchedContext(by: event)
        case .idleExit:
            leaveIdle(event, in: &model)
        case .schedSwitch(_, let next):
            if next == 0 {
                model.state.setIdle(event.cpu, true, at: event.timeNs)
            } else {
                leaveIdle(event, in: &model)
            }
            model.switchedContext(by: event)
        case .pmapActivate(let pmap):
            model.state.load(space: pmap.isKernel ? nil : spaceOf(pmap), on: event.cpu)
            model.switchedContext(by: event)
        case .pmapDeactivate:
            model.state.load(space: nil, on: event.cpu)
            model.switchedContext(by: event)
        case .pmapTLBShootdown(let pmap, let va, _) where !model.fillsRecorded:
            // No fills: the kernel queued this page because its PTE was used (PG_U) —
            // the packet a model cannot derive itself.
            if let va {
                // Without fills no user is known (bind-local cannot keep such a page local).
                model.unmapped(PageKey(pmap: pmap, va: va), used: true, soleUser: PageRecord.noUser, by: event)
            } else {
                model.queueFullFlush(pmap, by: event)
            }
        default:
            model.other(event)
        }
    }

    /// Every mapped page of the range is unmapped, by address, each through the model's hook.
    private static func unmap<Model: TLBEventModel>(
        space: UInt64, from sva: UInt64, to eva: UInt64, by event: Event, in model: inout Model
    ) {
        model.willUnmap(by: event)
        guard let count = model.state.pageCount(from: sva, to: eva) else {
            for key in model.state.mappedPages(space: space, from: sva, to: eva) {
                if let (used, soleUser) = model.state.unmap(key) {
                    model.unmapped(key, used: used, soleUser: soleUser, by: event)
                }
            }
            return
        }
        // Page by page, no list: a hook never maps a page, so the pages still to come
        // stay as they were when the unmap began.
        var va = sva & ~(pageSize - 1)
        for _ in 0..<count {
            let key = PageKey(space: space, va: va)
            if let (used, soleUser) = model.state.unmap(key) {
                model.unmapped(key, used: used, soleUser: soleUser, by: event)
            }
            va &+= pageSize
        }
    }

    private static func leaveIdle<Model: TLBEventModel>(_ event: Event, in model: inout Model) {
        guard model.state.isIdle(event.cpu) else { return }
        model.state.setIdle(event.cpu, false, at: event.timeNs)
        model.leftIdle(by: event)
    }
}
