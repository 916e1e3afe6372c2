import KTrace
/// Writes one UBC window cycle the way a NetBSD 8 kernel logs it (docs/tlb-model.md "Kernel rules"):
/// `ubc_alloc`, `pmap_kenter_pa` per page, the reader's `tlb_fill`s (and those of
/// CPUs that touch the window too), `ubc_release`, `pmap_kremove`, `pmap_update`,
/// then the shootdown of the used pages: to every CPU but the initiator (kernel
/// pmap, idle CPUs included), a full flush when more than `tp_maxva` pages,
/// nothing for unused PTEs, `xen_mmuext` hypercalls instead of IPIs on Xen, the
/// invalidations, and `tlb_shootdown_done wait_ns=` from the cost model:
///
///     native: wait_ns = ipi_handle_ns + idle_wake_ns·[some target idle]
///                       + (full flush ? tlb_flush_ns : pages·invlpg_ns)
///     Xen:    wait_ns = hypercall_ns
///
/// (the slowest target's work, as the replay model charges it; `ipi_send_ns`
/// per target is CPU time on the initiator, not wait).
struct UBCWindowWriter {
    let machine: SynthMachine
    /// UBC keeps a fixed ring of windows (`ubc_nwins`, 1024 by default); addresses are reused.
    var windowSlots: UInt64 { UInt64(max(1, machine.ubcWindows)) }

    var windowBytes: UInt64 { 1 << UInt64(machine.winshift) }

    /// The kernel address of window number `index`.
    func windowVA(_ index: Int) -> UInt64 {
        machine.ubcBase + (UInt64(index) % windowSlots) * windowBytes
    }

    /// One window: `reader` reads `length` bytes at file `offset`; each CPU in
    /// `touchers` fills one page of it (chosen by `rng`) before the release.
    func write(
        _ emitter: TraceEmitter, reader: TaskPrefix, index: Int, offset: UInt64, length: UInt64,
        touchers: [TaskPrefix], rng: inout SplitMix64
    ) throws(SynthError) {
        let buffer = emitter.buffer
        let va = windowVA(index)
        let pages = Int((length + 4095) / 4096)
        emitter.stats.windows += 1
        emitter.begin(reader, flags: "....1", event: "ubc_alloc:")
        buffer.append(" va=")
        buffer.appendHex(va)
        buffer.append(" offset=")
        buffer.appendDecimal(offset)
        buffer.append(" len=")
        buffer.appendDecimal(length)
        try emitter.endLine()
        emitter.advance(1500 + Int64(rng.below(1000)))
        let frame = 0x10_0000 + rng.below(1 << 20)
        for page in 0..<pages {
            emitter.begin(reader, flags: "....1", event: "pmap_kenter_pa:")
            buffer.append(" va=")
            buffer.appendHex(va + UInt64(page) * 4096)
            buffer.append(" pa=")
            buffer.appendHex((frame + UInt64(page)) << 12)
            buffer.append(" prot=rw")
            try emitter.endLine()
            emitter.advance(300)
        }
        // The reader copies every page: all PTEs are used.
        for page in 0..<pages {
            emitter.begin(reader, flags: "....1", event: "tlb_fill:")
            buffer.append(" pmap=kernel va=")
            buffer.appendHex(va + UInt64(page) * 4096)
            try emitter.endLine()
            emitter.advance(900 + Int64(rng.below(200)))
        }
        for toucher in touchers {
            emitter.begin(toucher, flags: "....1", event: "tlb_fill:")
            buffer.append(" pmap=kernel va=")
            buffer.appendHex(va + UInt64(rng.index(pages)) * 4096)
            try emitter.endLine()
            emitter.advance(700 + Int64(rng.below(300)))
        }
        emitter.begin(reader, flags: "....1", event: "ubc_release:")
        buffer.append(" va=")
        buffer.appendHex(va)
        try emitter.endLine()
        emitter.advance(500)
        emitter.begin(reader, flags: "....1", event: "pmap_kremove:")
        buffer.append(" va=")
        buffer.appendHex(va)
        buffer.append(" len=")
        buffer.appendDecimal(UInt64(pages) * 4096)
        try emitter.endLine()
        emitter.stats.unmaps += 1
        emitter.advance(300)
        emitter.begin(reader, flags: "....1", event: "pmap_update:")
        buffer.append(" pmap=kernel")
        try emitter.endLine()
        emitter.advance(300)
        try shootdown(emitter, reader: reader, va: va, usedPages: pages, touchers: touchers.count)
    }

    /// The shootdown of `usedPages` pages at `va` after `pmap_update` on `reader`'s CPU.
    private func shootdown(
        _ emitter: TraceEmitter, reader: TaskPrefix, va: UInt64, usedPages: Int, touchers: Int
    ) throws(SynthError) {
        // Unused PTEs queue nothing (PG_U clear): no shootdown at all.
        guard usedPages > 0 else { return }
        let full = usedPages > machine.tpMaxva
        let mask = machine.othersMask(reader.cpu)
        let targetCount = mask.nonzeroBitCount
        let idleTargets = (0..<machine.ncpu).filter { $0 != reader.cpu && machine.idle[$0] }.count
        let start = emitter.now
        if targetCount > 0 {
            if machine.variant.isXen {
                try hypercalls(emitter, reader: reader, va: va, pages: full ? 0 : usedPages, mask: mask)
                let calls = full ? 1 : usedPages
                emitter.stats.shootdownIPIs += calls
                emitter.stats.targets += calls * targetCount
                emitter.stats.idleTargets += calls * idleTargets
            } else {
                emitter.begin(reader, flags: "d..1.", event: "tlb_shootdown_ipi:")
                emitter.buffer.append(" mask=")
                emitter.buffer.appendHex(mask)
                emitter.buffer.append(" pages=")
                emitter.buffer.appendDecimal(full ? 0 : usedPages)
                try emitter.endLine()
                emitter.stats.shootdownIPIs += 1
                emitter.stats.targets += targetCount
                emitter.stats.idleTargets += idleTargets
            }
            // Each toucher cached a page being shot down (for a flush: of the pages that caused it).
            emitter.stats.neededTargets += touchers
            if full { emitter.stats.fullFlushes += 1 }
        }
        emitter.advance(100)
        try invalidate(emitter, reader, flags: "d..1.", va: va, pages: usedPages, full: full)
        guard targetCount > 0 else { return }
        var wait = machine.cost.hypercallNs
        if !machine.variant.isXen {
            emitter.advance(400)
            for cpu in 0..<machine.ncpu where mask & (1 << UInt64(cpu)) != 0 {
                try invalidate(emitter, machine.tasks[cpu], flags: "d.h1.", va: va, pages: usedPages, full: full)
                emitter.advance(machine.idle[cpu] ? 300 : 100)
            }
            let work = full ? machine.cost.tlbFlushNs : machine.cost.invlpgNs * Int64(usedPages)
            wait = machine.cost.ipiHandleNs + (idleTargets > 0 ? machine.cost.idleWakeNs : 0) + work
        }
        emitter.now = max(emitter.now, start + wait)
        emitter.begin(reader, flags: "....1", event: "tlb_shootdown_done:")
        emitter.buffer.append(" wait_ns=")
        emitter.buffer.appendDecimal(wait)
        try emitter.endLine()
    }

    /// Xen PV: one `invlpg_multi` per page, or one `tlb_flush_multi`.
    private func hypercalls(
        _ emitter: TraceEmitter, reader: TaskPrefix, va: UInt64, pages: Int, mask: UInt64
    ) throws(SynthError) {
        if pages == 0 {
            emitter.begin(reader, flags: "d..1.", event: "xen_mmuext:")
            emitter.buffer.append(" op=tlb_flush_multi mask=")
            emitter.buffer.appendHex(mask)
            try emitter.endLine()
            return
        }
        for page in 0..<pages {
            emitter.begin(reader, flags: "d..1.", event: "xen_mmuext:")
            emitter.buffer.append(" op=invlpg_multi mask=")
            emitter.buffer.appendHex(mask)
            emitter.buffer.append(" va=")
            emitter.buffer.appendHex(va + UInt64(page) * 4096)
            try emitter.endLine()
        }
    }

    /// `task`'s CPU invalidates the window's pages, or flushes its TLB.
    private func invalidate(
        _ emitter: TraceEmitter, _ task: TaskPrefix, flags: StaticString, va: UInt64, pages: Int, full: Bool
    ) throws(SynthError) {
        if full {
            emitter.begin(task, flags: flags, event: "tlb_invalidate:")
            emitter.buffer.append(" pmap=kernel all=1")
            try emitter.endLine()
            return
        }
        for page in 0..<pages {
            emitter.begin(task, flags: flags, event: "tlb_invalidate:")
            emitter.buffer.append(" pmap=kernel va=")
            emitter.buffer.appendHex(va + UInt64(page) * 4096)
            try emitter.endLine()
        }
    }
}
