import KTrace

/// The TLB/pmap state machine of SPEC §2, shared by the analysis (driven by the
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
    /// Event sequence number, advanced by `begin(_:)`.
    private(set) var sequence = 0
    private var declaredRunning: CPUSet?

    init(declaredCPUCount: Int?, trackHistory: Bool) {
        self.declaredCPUCount = declaredCPUCount
        self.trackHistory = trackHistory
        if let count = declaredCPUCount, count > 0 { declaredRunning = CPUSet(0..<count) }
    }

    /// Starts an event on `cpu`: notes the CPU and its running pid.
    mutating func begin(cpu: Int, pid: Int32) {
        sequence += 1
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
        let (trackHistory, sequence) = (self.trackHistory, self.sequence)
        // In place: copying the record out and back would copy its `lastFills` array.
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
            if trackHistory {
                record.noteFill(on: cpu, sequence: sequence)
                record.invalidatedAfterFill.remove(cpu)
            }
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

    /// Unmaps a mapped page; returns whether its PTE had been used (NetBSD tests `PG_U`).
    mutating func unmap(_ key: PageKey) -> Bool {
        var wasUsed = false
        pages.modify(key) { record in
            guard record.mapped else { return false }
            wasUsed = record.used
            record.mapped = false
            record.used = false
            record.epoch &+= 1
            return record.isDead
        }
        return wasUsed
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
        pages.modify(key) { record in
            record.holders.remove(cpu)
            if trackHistory { record.invalidatedAfterFill.insert(cpu) }
            return record.isDead
        }
    }

    /// `cpu` flushed its TLB: every translation, or only user ones (CR3 reload keeps global kernel pages).
    mutating func flush(_ cpu: Int, userOnly: Bool) {
        guard cpu >= 0 && cpu < cpus.count else { return }
        if userOnly {
            cpus[cpu].lastUserFlush = sequence
        } else {
            cpus[cpu].lastFullFlush = sequence
        }
        let keys = cpus[cpu].entries.allKeys
        if !userOnly { cpus[cpu].entries = PageTable() }
        for key in keys where !userOnly || !key.isKernel {
            if userOnly { cpus[cpu].entries[key] = nil }
            pages.modify(key) { record in
                record.holders.remove(cpu)
                return record.isDead
            }
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

    mutating func pin(_ keys: [PageKey]) {
        for key in keys {
            pages.modify(key) { record in
                record.pins += 1
                return false
            }
        }
    }

    mutating func unpin(_ keys: [PageKey]) {
        for key in keys {
            // Dropped when nothing refers to the page any more.
            pages.modify(key) { record in
                record.pins -= 1
                return record.isDead
            }
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
