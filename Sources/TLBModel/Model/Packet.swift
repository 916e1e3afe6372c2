import KTrace

/// A CPU's shootdown packet: the pages its unmaps queued since its last `pmap_update`.
struct Packet {
    /// Pages whose PTE was used when unmapped, in unmap order: the ones NetBSD shoots down.
    var used: [PageKey] = []
    /// All pages unmapped into this packet, used or not.
    var removed = 0
    /// The first page unmapped into the packet, used or not (for messages).
    var firstRemoved: PageKey?
    /// A kernel page is queued: the shootdown goes to every running CPU.
    var hasKernel = false
    /// User pmaps with queued pages: their CPUs are targets too.
    var userSpaces: [UInt64] = []
    /// Line of the `pmap_update` that drained it (0 while still queueing).
    var drainLine = 0
    /// The kernel queued `va=-1` (`pmap_tlb_shootdown` of everything): a full flush
    /// whatever the page count.
    var fullFlushRequested = false
    /// The analysis already counted this packet's `tp_maxva` overflow.
    var overflowCounted = false
    /// The analysis already counted this drain's full flush (`full_flushes`).
    var flushCounted = false

    var isEmpty: Bool { removed == 0 }

    /// Back to a new packet's state, keeping the arrays' storage for the next drain.
    mutating func empty() {
        // `removeLast` loops: the generic `removeAll(keepingCapacity:)` costs ~170 instructions.
        while !used.isEmpty { used.removeLast() }
        while !userSpaces.isEmpty { userSpaces.removeLast() }
        removed = 0
        firstRemoved = nil
        hasKernel = false
        drainLine = 0
        fullFlushRequested = false
        overflowCounted = false
        flushCounted = false
    }

    mutating func queue(_ key: PageKey, used isUsed: Bool) {
        removed += 1
        if firstRemoved == nil { firstRemoved = key }
        guard isUsed else { return }
        used.append(key)
        if key.isKernel {
            hasKernel = true
        } else if !userSpaces.contains(key.space) {
            userSpaces.append(key.space)
        }
    }

    /// `va=-1` queued: every translation of `pmap` must go (NetBSD's `tp_count = 0xffff`).
    mutating func queueFullFlush(_ pmap: PmapID) {
        removed += 1
        fullFlushRequested = true
        if pmap.isKernel {
            hasKernel = true
        } else if !userSpaces.contains(spaceOf(pmap)) {
            userSpaces.append(spaceOf(pmap))
        }
    }

    /// Anything for `pmap_tlb_shootnow` to send: a used page, or a full flush asked for.
    var needsShootdown: Bool { !used.isEmpty || fullFlushRequested }

    /// More used pages than a packet holds (or `va=-1` queued): NetBSD turns the
    /// shootdown into a full flush.
    func overflows(_ tpMaxva: Int) -> Bool { fullFlushRequested || used.count > tpMaxva }

    /// `kernel va 0x… (+1 more page)` for messages.
    var pagesSpelled: String {
        guard let first = used.first else { return "no used page" }
        let more = used.count - 1
        return more == 0 ? first.spelled : first.spelled + " (+\(more) more page\(more == 1 ? "" : "s"))"
    }
}
