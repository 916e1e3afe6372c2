import KTrace

/// The TLB/pmap state machine of docs/tlb-model.md "Kernel rules", shared by the analysis (driven by the
/// recorded invalidations) and by every replay (driven by a strategy).
///
/// It knows pages, TLB entries, idleness and packets; it does not decide who gets
/// a shootdown — callers do.
struct TLBState {
    private(set) var cpus: [CPUState] = []
    private(set) var pages = PageTable(vacant: PageRecord())
    /// CPUs seen so far (events' `cpu` fields).
    private(set) var seen = CPUSet()
    /// CPUs that ever flushed everything / their user translations (`CPUState.flushedAll`,
    /// `flushedUser` as sets, for classifying a shootdown's targets at once).
    private(set) var flushedAll = CPUSet()
    private(set) var flushedUser = CPUSet()
    /// CPUs idle now (`CPUState.idle` as a set: `isIdle` of any CPU below `CPUSet.capacity`,
    /// for a shootdown's targets at once).
    private(set) var idleCPUs = CPUSet()
    /// Header `ncpu`; nil means "the CPUs seen so far".
    let declaredCPUCount: Int?
    /// Keep the per-page fill/invalidate history the §2.1 classification needs.
    let trackHistory: Bool
    /// When records no rule can read again are dropped (tests vary it; answers must not).
    let pruning: PagePruning
    private var declaredRunning: CPUSet?

    init(declaredCPUCount: Int?, trackHistory: Bool, pruning: PagePruning = .whenUnneeded) {
        self.declaredCPUCount = declaredCPUCount
        self.trackHistory = trackHistory
        self.pruning = pruning
        if let count = declaredCPUCount, count > 0 { declaredRunning = CPUSet(0..<count) }
    }

    /// Starts an event on `cpu`: notes the CPU. Every event of every TLB model comes here.
    /// Without per-event pruning, beginning a CPU already begun changes nothing (`cpus`
    /// and `seen` only grow).
    @inline(__always) mutating func begin(cpu: Int) {
        if pruning == .everyEvent { pruneAll() }
        // A negative CPU is neither added nor inserted (`CPUSet.insert` ignores it).
        if cpu >= cpus.count { addCPUs(through: cpu) }
        seen.insert(cpu)
    }

    @inline(never) private mutating func addCPUs(through cpu: Int) {
        cpus.append(contentsOf: repeatElement(CPUState(), count: cpu - cpus.count + 1))
    }

    /// Every running CPU: `0..<ncpu` when declared, else the CPUs seen so far.
    var running: CPUSet { declaredRunning ?? seen }

    func cpu(_ cpu: Int) -> CPUState? { cpu >= 0 && cpu < cpus.count ? cpus[cpu] : nil }

    /// A field read: `cpu(_:)` would copy the CPU's whole state (and retain its tables).
    func isIdle(_ cpu: Int) -> Bool { cpu >= 0 && cpu < cpus.count && cpus[cpu].idle }

    func page(_ key: PageKey) -> PageRecord? { pages[key] }

    // MARK: Workload

    /// A mapping is created; remapping a mapped page changes nothing.
    mutating func map(_ key: PageKey) {
        pages.update(key, default: PageRecord()) { $0.map() }
    }

    /// `cpu` touched `key`. Returns true when its TLB still held a translation from
    /// before the page was last unmapped (a stale translation use).
    mutating func fill(cpu: Int, key: PageKey, pid: Int32) -> Bool {
        guard cpu >= 0 && cpu < cpus.count else { return false }
        let trackHistory = self.trackHistory
        let epoch = pages.update(key, default: PageRecord()) { record in
            // A trace that starts mid-stream may fill a page it never saw mapped.
            if !record.mapped { record.map() }
            record.used = true
            record.holders.insert(cpu)
            if record.soleUser == PageRecord.noUser {
                record.soleUser = pid
            } else if record.soleUser != pid {
                record.soleUser = PageRecord.severalUsers
            }
            if trackHistory { record.filled.insert(cpu) }
            return record.epoch
        }
        // One lookup: a new entry (filled at `epoch`) is not stale.
        let stale = cpus[cpu].entries.update(key, default: epoch) { filledAt in
            defer { filledAt = epoch }
            return filledAt < epoch
        }
        if !key.isKernel { load(space: key.space, on: cpu, flushing: false) }
        return stale
    }

    /// The pages of `[sva, eva)` to try one by one, or nil when the range has more pages
    /// than the table has records (then `mappedPages` walks the records instead).
    func pageCount(from sva: UInt64, to eva: UInt64) -> UInt64? {
        guard eva > sva else { return 0 }
        // No `eva - first + pageSize - 1`: near the top of the address space it overflows,
        // and a `while va < eva` walk would wrap around to 0 and never end.
        let span = eva - (sva & ~(pageSize - 1))
        let count = span / pageSize + (span % pageSize == 0 ? 0 : 1)
        return count <= UInt64(pages.count) ? count : nil
    }

    /// The mapped pages of `pmap` in `[sva, eva)`, by address, found by walking the
    /// records (a huge range: exit, munmap of everything).
    func mappedPages(space: UInt64, from sva: UInt64, to eva: UInt64) -> [PageKey] {
        guard eva > sva else { return [] }
        let first = sva & ~(pageSize - 1)
        var found: [PageKey] = []
        for (key, record) in pages.entries
        where key.space == space && key.va >= first && key.va < eva && record.mapped {
            found.append(key)
        }
        found.sort { $0.va < $1.va }
        return found
    }

    /// Unmaps `key` if it is mapped: whether its PTE had been used (NetBSD tests `PG_U`)
    /// and the only pid that used it since it was mapped (`PageRecord.soleUser`) — read
    /// here, as the record may be dropped with the unmap. Nil when it was not mapped.
    mutating func unmap(_ key: PageKey) -> (used: Bool, soleUser: Int32)? {
        guard let slot = pages.slot(of: key) else { return nil }
        let prunes = pruning != .never
        let (result, mayDrop) = pages.modify(slot: slot) { record -> ((used: Bool, soleUser: Int32)?, Bool) in
            guard record.mapped else { return (nil, false) }
            let result = (used: record.used, soleUser: record.soleUser)
            record.mapped = false
            record.used = false
            record.epoch &+= 1
            return (result, prunes && record.isDead && record.filled.isEmpty)
        }
        if mayDrop { dropUnneeded(slot, key) }
        return result
    }

    /// Queues an unmapped page into `cpu`'s packet.
    mutating func queue(_ key: PageKey, used: Bool, on cpu: Int) {
        guard cpu >= 0 && cpu < cpus.count else { return }
        cpus[cpu].packet.queue(key, used: used)
    }

    /// `pmap_tlb_shootdown` of `va=-1` on `cpu`: its packet becomes a full flush.
    mutating func queueFullFlush(_ pmap: PmapID, on cpu: Int) {
        guard cpu >= 0 && cpu < cpus.count else { return }
        cpus[cpu].packet.queueFullFlush(pmap)
    }

    /// Takes `cpu`'s packet (`pmap_update`) into `packet`. What `packet` held (a packet
    /// done with) is emptied and becomes the CPU's next one: its storage is reused, no
    /// allocation per drain.
    mutating func drain(_ cpu: Int, line: Int, into packet: inout Packet) {
        packet.empty()
        guard cpu >= 0 && cpu < cpus.count else { return }
        swap(&packet, &cpus[cpu].packet)
        packet.drainLine = line
    }

    // MARK: Reactions

    /// `cpu` invalidated one page.
    mutating func invalidate(_ key: PageKey, on cpu: Int) {
        guard cpu >= 0 && cpu < cpus.count, let slot = pages.slot(of: key) else { return }
        // A CPU has a TLB entry for a page exactly when it is among the page's holders
        // (fills add both; invalidations and flushes remove both; a record is dropped only
        // when no CPU holds it): no page record, or not a holder, means no entry to remove.
        let holds = pages[slot: slot].holders.contains(cpu)
        if !holds && (!trackHistory || pages[slot: slot].invalidated.contains(cpu)) {
            // The record stays as it is (the usual case of a recorded shootdown's targets):
            // read, not changed in place (no copy-on-write check). It may still be dropped.
            if pruning != .never && pages[slot: slot].isDead && pages[slot: slot].filled.isEmpty {
                dropUnneeded(slot, key)
            }
            return
        }
        if holds { cpus[cpu].entries.remove(key) }
        let trackHistory = self.trackHistory
        modifyPage(slot, key) { record in
            record.holders.remove(cpu)
            if trackHistory { record.invalidated.insert(cpu) }
        }
    }

    /// Each CPU of `cpus` invalidated `key` (one shootdown's targets): the page's record
    /// is changed once for all of them.
    mutating func invalidate(_ key: PageKey, on targets: CPUSet) {
        // With history, a record may be dropped between two CPUs' invalidations (and the
        // later ones not recorded): keep that order exactly.
        guard !trackHistory else {
            for cpu in targets { invalidate(key, on: cpu) }
            return
        }
        guard let slot = pages.slot(of: key) else { return }
        // Only holders have an entry to remove (see `invalidate(_:on:)` for one CPU).
        for cpu in targets.intersection(pages[slot: slot].holders) where cpu < cpus.count {
            cpus[cpu].entries.remove(key)
        }
        modifyPage(slot, key) { record in record.holders = record.holders.subtracting(targets) }
    }

    /// `cpu` flushed its TLB: every translation, or only user ones (CR3 reload keeps global kernel pages).
    mutating func flush(_ cpu: Int, userOnly: Bool) {
        guard cpu >= 0 && cpu < cpus.count else { return }
        if userOnly {
            cpus[cpu].flushedUser = true
            flushedUser.insert(cpu)
        } else {
            cpus[cpu].flushedAll = true
            flushedAll.insert(cpu)
        }
        let keys = cpus[cpu].entries.allKeys
        if !userOnly { cpus[cpu].entries.removeAll() }
        for key in keys where !userOnly || !key.isKernel {
            if userOnly { cpus[cpu].entries[key] = nil }
            modifyPage(key) { record in record.holders.remove(cpu) }
        }
    }

    /// `pmap_activate`/`pmap_deactivate`: a different user pmap drops the user translations.
    mutating func load(space: UInt64?, on cpu: Int, flushing: Bool = true) {
        guard cpu >= 0 && cpu < cpus.count, cpus[cpu].loadedSpace != space else { return }
        cpus[cpu].loadedSpace = space
        if flushing { flush(cpu, userOnly: true) }
    }

    /// CPUs that have the user pmap `space` loaded.
    func cpusLoading(_ space: UInt64) -> CPUSet {
        var set = CPUSet()
        for index in cpus.indices where cpus[index].loadedSpace == space { set.insert(index) }
        return set
    }

    mutating func setIdle(_ cpu: Int, _ idle: Bool, at timeNs: Int64) {
        guard cpu >= 0 && cpu < cpus.count, cpus[cpu].idle != idle else { return }
        cpus[cpu].idle = idle
        if idle {
            cpus[cpu].idleSinceNs = timeNs
            idleCPUs.insert(cpu)
        } else {
            idleCPUs.remove(cpu)
        }
    }

    // MARK: Page lifetime

    /// Changes a page's record in place, then drops it if nothing can read it again.
    @inline(__always) private mutating func modifyPage(_ key: PageKey, _ body: (inout PageRecord) -> Void) {
        guard let slot = pages.slot(of: key) else { return }
        modifyPage(slot, key, body)
    }

    /// `modifyPage` for a record already found (`slot` holds `key`).
    @inline(__always) private mutating func modifyPage(
        _ slot: Int, _ key: PageKey, _ body: (inout PageRecord) -> Void
    ) {
        let prunes = pruning != .never
        // Decided in the same in-place access: the record is large.
        let mayDrop = pages.modify(slot: slot) { record in
            body(&record)
            return prunes && record.isDead && record.filled.isEmpty
        }
        if mayDrop { dropUnneeded(slot, key) }
    }

    /// Drops the dead, never-filled record in `slot` if nothing can read it again.
    private mutating func dropUnneeded(_ slot: Int, _ key: PageKey) {
        // No history at all (every replay's pages): drop it now. Else the CPUs' flushes
        // decide — rare, so this stays small.
        if pages[slot: slot].invalidated.isEmpty || forgets(slot, key) { pages.removeSlot(slot) }
    }

    private func forgets(_ slot: Int, _ key: PageKey) -> Bool {
        Self.forgets(pages[slot: slot], key, cpus: cpus, pruning: pruning)
    }

    /// Whether dropping `record` can change no answer: the page is unmapped and in no
    /// TLB, and its history says nothing a missing record does not (no CPU ever filled
    /// it, and each CPU that invalidated it has flushed, which makes it `duplicate`
    /// for the page anyway). A missing record reads as mapped nowhere, held nowhere,
    /// filled and invalidated by no CPU.
    private static func forgets(_ record: PageRecord, _ key: PageKey, cpus: [CPUState], pruning: PagePruning) -> Bool {
        guard pruning != .never, record.isDead, record.filled.isEmpty else { return false }
        for cpu in record.invalidated where cpu >= cpus.count || !cpus[cpu].hasFlushed(covering: key) {
            return false
        }
        return true
    }

    /// Drops every record nothing can read again (`PagePruning.everyEvent`).
    @inline(never) private mutating func pruneAll() {
        for (key, record) in pages.entries where Self.forgets(record, key, cpus: cpus, pruning: pruning) {
            pages.remove(key)
        }
    }
}

extension PageRecord {
    /// A new mapping: used bit clear, no user yet.
    fileprivate mutating func map() {
        guard !mapped else { return }
        mapped = true
        used = false
        soleUser = PageRecord.noUser
    }
}
