import KTrace

/// The TLB/pmap state machine of docs/tlb-model.md "Kernel rules", shared by the analysis (driven by the
/// recorded invalidations) and by every replay (driven by a strategy).
///
/// It knows pages, TLB entries, idleness and packets; it does not decide who gets
/// a shootdown — callers do.
struct TLBState {
    private(set) var cpus: [CPUState] = []
    private(set) var pages = PageTable<PageRecord>()
    /// CPUs seen so far (events' `cpu` fields).
    private(set) var seen = CPUSet()
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

    /// Starts an event on `cpu`: notes the CPU and its running pid.
    mutating func begin(cpu: Int, pid: Int32) {
        if pruning == .everyEvent { pruneAll() }
        guard cpu >= 0 else { return }
        if cpu >= cpus.count { cpus.append(contentsOf: repeatElement(CPUState(), count: cpu - cpus.count + 1)) }
        cpus[cpu].pid = pid
        seen.insert(cpu)
    }

    /// Every running CPU: `0..<ncpu` when declared, else the CPUs seen so far.
    var running: CPUSet { declaredRunning ?? seen }

    func cpu(_ cpu: Int) -> CPUState? { cpu >= 0 && cpu < cpus.count ? cpus[cpu] : nil }

    func isIdle(_ cpu: Int) -> Bool { self.cpu(cpu)?.idle ?? false }

    func page(_ key: PageKey) -> PageRecord? { pages[key] }

    func holds(_ cpu: Int, _ key: PageKey) -> Bool { pages[key]?.holders.contains(cpu) ?? false }

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
        let stale = cpus[cpu].entries[key].map { $0 < epoch } ?? false
        cpus[cpu].entries[key] = epoch
        if !key.isKernel { load(space: key.space, on: cpu, flushing: false) }
        return stale
    }

    /// The mapped pages of `pmap` in `[sva, eva)`, by address.
    func mappedPages(space: UInt64, from sva: UInt64, to eva: UInt64) -> [PageKey] {
        guard eva > sva else { return [] }
        let first = sva & ~(pageSize - 1)
        // No `eva - first + pageSize - 1`: near the top of the address space it overflows,
        // and a `while va < eva` walk would wrap around to 0 and never end.
        let span = eva - first
        let count = span / pageSize + (span % pageSize == 0 ? 0 : 1)
        var found: [PageKey] = []
        if count <= UInt64(pages.count) {
            var va = first
            for _ in 0..<count {
                let key = PageKey(space: space, va: va)
                if pages[key]?.mapped == true { found.append(key) }
                va &+= pageSize
            }
        } else {
            // A huge range (exit, munmap of everything): walk what is mapped instead.
            for (key, record) in pages.entries
            where key.space == space && key.va >= first && key.va < eva && record.mapped {
                found.append(key)
            }
            found.sort { $0.va < $1.va }
        }
        return found
    }

    /// Unmaps a mapped page: whether its PTE had been used (NetBSD tests `PG_U`) and
    /// the only pid that used it since it was mapped (`PageRecord.soleUser`) — read
    /// here, as the record may be dropped with the unmap.
    mutating func unmap(_ key: PageKey) -> (used: Bool, soleUser: Int32) {
        var result = (used: false, soleUser: PageRecord.noUser)
        modifyPage(key) { record in
            guard record.mapped else { return }
            result = (record.used, record.soleUser)
            record.mapped = false
            record.used = false
            record.epoch &+= 1
        }
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

    /// Takes `cpu`'s packet (`pmap_update`), leaving an empty one.
    mutating func drain(_ cpu: Int, line: Int) -> Packet {
        guard cpu >= 0 && cpu < cpus.count else { return Packet() }
        var packet = cpus[cpu].packet
        cpus[cpu].packet = Packet()
        packet.drainLine = line
        return packet
    }

    // MARK: Reactions

    /// `cpu` invalidated one page.
    mutating func invalidate(_ key: PageKey, on cpu: Int) {
        guard cpu >= 0 && cpu < cpus.count else { return }
        cpus[cpu].entries[key] = nil
        let trackHistory = self.trackHistory
        modifyPage(key) { record in
            record.holders.remove(cpu)
            if trackHistory { record.invalidated.insert(cpu) }
        }
    }

    /// `cpu` flushed its TLB: every translation, or only user ones (CR3 reload keeps global kernel pages).
    mutating func flush(_ cpu: Int, userOnly: Bool) {
        guard cpu >= 0 && cpu < cpus.count else { return }
        if userOnly {
            cpus[cpu].flushedUser = true
        } else {
            cpus[cpu].flushedAll = true
        }
        let keys = cpus[cpu].entries.allKeys
        if !userOnly { cpus[cpu].entries = PageTable() }
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
        if idle { cpus[cpu].idleSinceNs = timeNs }
    }

    // MARK: Page lifetime

    /// Changes a page's record in place, then drops it if nothing can read it again.
    private mutating func modifyPage(_ key: PageKey, _ body: (inout PageRecord) -> Void) {
        var candidate = false
        let keeps = pruning == .never
        pages.modify(key) { record in
            body(&record)
            guard !keeps, record.isDead, record.filled.isEmpty else { return false }
            // No history at all (every replay's pages): drop it now. Else the CPUs'
            // flushes decide, below — rare, so the closure stays small.
            if record.invalidated.isEmpty { return true }
            candidate = true
            return false
        }
        guard candidate, let record = pages[key] else { return }
        if Self.forgets(record, key, cpus: cpus, pruning: pruning) { pages.remove(key) }
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
    private mutating func pruneAll() {
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
