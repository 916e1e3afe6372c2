import KTrace

/// Classifies every recorded shootdown of a trace (docs/tlb-model.md "Classification") and checks it
/// against the `netbsd8` baseline replay (fidelity, docs/tlb-model.md "Strategies").
///
/// The recorded TLB state follows the trace: fills cache, recorded
/// `tlb_invalidate` events (and `xen_mmuext`, which the hypervisor carries out
/// synchronously) invalidate. An IPI shoots down the packet its CPU drained at its
/// last `pmap_update`: the pages unmapped there since the `pmap_update` before.
///
/// Feed it every event in file order with `consume(_:)`, then call `finish(cpuCount:)`.
public struct TLBAnalyzer {
    private let config: TraceConfig
    private let cost: ShootdownCost
    var state: TLBState
    private var counts = TLBCounts()
    /// Stale uses and variant mismatches, in line order.
    private var otherFindings: FindingList
    /// Classification with fills known, and the idle-only one kept until the first fill.
    private var full: ClassTally
    private var limited: ClassTally?
    /// Per CPU: the packet its last `pmap_update` drained (what its IPIs shoot down).
    private var drained = PerCPU<Packet>()
    /// Per CPU: the cost-model wait of shootdowns not yet closed by `tlb_shootdown_done`.
    private var pendingWait = PerCPU<Int64>()
    private var baseline: TLBReplayer
    private var fidelity = FidelityChecker()
    private var hasTLBEvents = false
    /// CPUs that both `state` and the baseline replay's state have begun (`TLBState.begin`):
    /// beginning one again changes neither (without per-event pruning).
    private var begun = CPUSet()
    /// The internal netbsd8 replay's outcome, after `finish(cpuCount:)`: a `replay` run
    /// uses it as its baseline instead of replaying netbsd8 a second time.
    public private(set) var baselineOutcome: TLBReplayOutcome?
    /// Told every target's class as it is decided (the HTML timeline); nil = nobody asks.
    public var observer: (any ShootdownObserver)?

    public init(config: TraceConfig) {
        self.config = config
        otherFindings = FindingList(limit: config.findingLimit)
        full = ClassTally(isLimited: false, limit: config.findingLimit)
        limited = ClassTally(isLimited: true, limit: config.findingLimit)
        cost = ShootdownCost(model: config.cost)
        state = TLBState(declaredCPUCount: config.declaredCPUCount, trackHistory: true, pruning: config.pagePruning)
        baseline = TLBReplayer(strategy: TLBStrategySpec(name: .netbsd8), config: config)
        baseline.recordShootdowns()
    }

    public mutating func consume(_ event: Event) { consumeOne(event) }

    /// Consecutive events, in file order: one call per batch from the lanes (another
    /// module). Event by event, the baseline replay first: a drain reads what it derived.
    public mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        for index in events.indices { consumeOne(events[index]) }
    }

    @inline(__always)
    private mutating func consumeOne(_ event: Event) {
        // A recorded page invalidation (over half the events of a shootdown-heavy
        // trace) goes straight to its handler: the baseline replay re-derives reactions,
        // so it only notes the CPU (`TLBReplayer.consume`), and the driver would only
        // note it and hand the event to `other` (`TLBEventDriver.apply`). A CPU both have
        // begun before is not begun again (`begun`).
        if case .tlbInvalidate(let pmap, let va?) = event.kind {
            if !begun.contains(event.cpu) || state.pruning == .everyEvent {
                baseline.skipReaction(on: event.cpu)
                state.begin(cpu: event.cpu)
                begun.insert(event.cpu)
            }
            invalidated(pmap, va, on: event.cpu)
            return
        }
        baseline.consume(event)
        TLBEventDriver.apply(event, to: &self)
    }

    /// A recorded `tlb_invalidate` of one page.
    @inline(__always)
    private mutating func invalidated(_ pmap: PmapID?, _ va: UInt64, on cpu: Int) {
        hasTLBEvents = true
        state.invalidate(PageKey(pmap: pmap ?? .kernel, va: va), on: cpu)
    }

    /// Ends the trace. `cpuCount` is the header's `ncpu` or the highest CPU seen + 1.
    public mutating func finish(cpuCount: Int) -> TLBAnalysis {
        for wait in pendingWait.values { counts.initiatorWaitNs = counts.initiatorWaitNs.saturatingAdd(wait) }
        pendingWait = PerCPU()
        var analysis = TLBAnalysis()
        let tally: ClassTally
        if let limited, counts.shootdownIPIs > 0 {
            tally = limited
            analysis.classificationLimited = true
            analysis.notes.append(
                "classification limited: no tlb_fill events, so TLB contents are unknown; "
                    + "idle targets are redundant:idle, the other \(limited.unknown) unknown")
        } else {
            tally = full
        }
        counts.redundantTargets = tally.redundant
        counts.redundantByClass = tally.byClass
        counts.unknownTargets = tally.unknown
        analysis.counts = counts
        analysis.findings = merged(otherFindings.findings, tally.findings)
        analysis.findingTotals = otherFindings.totals.merging(tally.findingTotals) { $0 + $1 }
        analysis.hasTLBEvents = hasTLBEvents
        analysis.fidelity = fidelity.finish()
        if fidelity.skippedDrains > 0 {
            analysis.notes.append(
                "replay fidelity: \(fidelity.skippedDrains) user-pmap shootdown(s) not compared: the capture "
                    + "records no tlb_fill or pmap_activate, so which CPUs hold a user pmap is unknown")
        }
        let outcome = baseline.finish(cpuCount: cpuCount)
        baselineOutcome = outcome
        analysis.notes.append(contentsOf: outcome.notes)
        return analysis
    }

    private mutating func drain(_ event: Event) {
        hasTLBEvents = true
        if let wait = pendingWait.removeValue(forKey: event.cpu) {
            counts.initiatorWaitNs = counts.initiatorWaitNs.saturatingAdd(wait)
        }
        // The packet drained before on this CPU is done with: its storage is reused.
        var packet = drained.removeValue(forKey: event.cpu) ?? Packet()
        state.drain(event.cpu, line: event.line, into: &packet)
        // Without fills nor `pmap_activate`, netbsd8 cannot know which CPUs hold a user
        // pmap: such drains are not compared (docs/tlb-model.md).
        let comparable = config.tlbFillsRecorded || packet.userSpaces.isEmpty
        drained[event.cpu] = consume packet
        fidelity.drained(by: event, derived: baseline.derivedShootdowns, comparable: comparable)
        baseline.clearShootdowns()
    }

    /// A recorded shootdown: an IPI (`hypercallVA` nil) or a `xen_mmuext`.
    private mutating func shootdown(
        _ event: Event, targets: CPUSet, recordedPages: Int?, hypercall isHypercall: Bool, hypercallVA: UInt64?
    ) {
        hasTLBEvents = true
        // What is read of the packet its CPU drained, read in place: a copy of the
        // packet (taken whole only for a message) retained both its arrays.
        let drainedPages = drained.read(event.cpu) { (used: $0?.used ?? [], hasKernel: $0?.hasKernel ?? false) }
        var used = drainedPages.used
        let hasKernel = drainedPages.hasKernel
        if let va = hypercallVA {
            // `invlpg_multi` names its page: classify against that page only.
            let page = used.first { $0.va == va & ~(pageSize - 1) }
            used = page.map { [$0] } ?? []
        }
        let fullFlush = recordedPages == 0
        counts.shootdownIPIs += 1
        counts.targets += targets.count
        if fullFlush {
            // One full flush per shootdown — one drain — however many IPI lines
            // (`target=` form, one per target) or hypercalls record it. An IPI with no
            // `pmap_update` before it on its CPU cannot be grouped: it counts alone.
            let overflows = used.count > config.tpMaxva
            let (countsFlush, countsOverflow) = drained.update(event.cpu) { drain in
                let flush = drain?.flushCounted != true
                let overflow = drain?.overflowCounted == false && overflows
                drain?.flushCounted = true
                if overflow { drain?.overflowCounted = true }
                return (flush, overflow)
            }
            if countsFlush { counts.fullFlushes += 1 }
            if countsOverflow { counts.tpMaxvaOverflows += 1 }
        }
        var slowest: Int64 = 0
        let pages = recordedPages ?? max(used.count, 1)
        let shotDown = state.shootdownPages(used)
        // A target's work depends only on whether it is idle: both values computed once.
        let idleWork = cost.target(idle: true, pages: pages, fullFlush: fullFlush, hypercall: isHypercall)
        let busyWork = cost.target(idle: false, pages: pages, fullFlush: fullFlush, hypercall: isHypercall)
        for target in targets {
            let idle = state.idleCPUs.contains(target)
            if idle { counts.idleTargets += 1 }
            slowest = max(slowest, idle ? idleWork : busyWork)
            let fullClass = shotDown.classify(target, idle: idle)
            if full.count(fullClass) {
                let message = state.explain(
                    fullClass, target: target, packet: drainedPacket(event.cpu, used: used), fullFlush: fullFlush,
                    limited: false)
                full.keep(fullClass, target: target, event: event, message: message)
            }
            let limitedClass = limited == nil ? nil : ShootdownClass.limited(idle: idle)
            if let limitedClass, limited?.count(limitedClass) == true {
                let message = state.explain(
                    limitedClass, target: target, packet: drainedPacket(event.cpu, used: used), fullFlush: fullFlush,
                    limited: true)
                limited?.keep(limitedClass, target: target, event: event, message: message)
            }
            observer?.classified(event, target: target, full: fullClass, limited: limitedClass)
        }
        let wait = cost.initiatorWait(hypercall: isHypercall, slowestTarget: slowest)
        pendingWait[event.cpu] = cost.drainWait(pendingWait[event.cpu] ?? 0, adding: wait, hypercall: isHypercall)
        fidelity.recorded(
            Shootdown(
                initiator: event.cpu, targets: targets, pages: recordedPages, fullFlush: fullFlush, line: event.line),
            by: event, hypercall: isHypercall)
        if isHypercall {
            // The hypervisor invalidates on every CPU of the mask before returning.
            for target in targets {
                if fullFlush {
                    state.flush(target, userOnly: !hasKernel && !used.isEmpty)
                } else if let va = hypercallVA {
                    state.invalidate(used.first ?? PageKey(pmap: .kernel, va: va), on: target)
                }
            }
        }
    }

    /// The packet `cpu` last drained, as a shootdown of `used` classifies it (for messages).
    private func drainedPacket(_ cpu: Int, used: [PageKey]) -> Packet {
        var packet = drained[cpu] ?? Packet()
        packet.used = used
        return packet
    }

    private mutating func mismatch(_ event: Event, _ message: String) {
        if otherFindings.admit(.variantMismatch) {
            otherFindings.keep(
                Finding(
                    kind: .variantMismatch, line: event.line, cpu: event.cpu, pid: event.pid, timeNs: event.timeNs,
                    message: message))
        }
    }

    /// Two line-ordered finding lists as one.
    private func merged(_ left: [Finding], _ right: [Finding]) -> [Finding] {
        var result: [Finding] = []
        result.reserveCapacity(left.count + right.count)
        var leftIndex = 0
        var rightIndex = 0
        while leftIndex < left.count || rightIndex < right.count {
            if rightIndex >= right.count || (leftIndex < left.count && left[leftIndex].line <= right[rightIndex].line) {
                result.append(left[leftIndex])
                leftIndex += 1
            } else {
                result.append(right[rightIndex])
                rightIndex += 1
            }
        }
        return result
    }
}

extension TLBAnalyzer: TLBEventModel {
    var fillsRecorded: Bool { config.tlbFillsRecorded }

    /// Mappings alone do not lift the limited classification: docs/tlb-model.md limits
    /// every trace with no `tlb_fill` at all, whatever else it records.
    mutating func map(_ key: PageKey, by event: Event) {
        hasTLBEvents = true
        state.map(key)
    }

    mutating func fill(_ key: PageKey, by event: Event) {
        hasTLBEvents = true
        limited = nil
        guard state.fill(cpu: event.cpu, key: key, pid: event.pid) else { return }
        counts.staleUses += 1
        if otherFindings.admit(.staleTranslation) {
            otherFindings.keep(
                Finding(
                    kind: .staleTranslation, findingClass: .recorded, line: event.line, cpu: event.cpu, pid: event.pid,
                    timeNs: event.timeNs,
                    message: "cpu\(event.cpu) used a stale translation of \(key.spelled): it cached the page before "
                        + "its last unmap and never invalidated it"))
        }
    }

    mutating func willUnmap(by event: Event) {
        hasTLBEvents = true
        counts.unmaps += 1
        fidelity.sawUnmap()
    }

    /// The kernel queues the page in its CPU's packet, as recorded traces show it.
    mutating func unmapped(_ key: PageKey, used: Bool, soleUser: Int32, by event: Event) {
        hasTLBEvents = true
        state.queue(key, used: used, on: event.cpu)
    }

    mutating func queueFullFlush(_ pmap: PmapID, by event: Event) {
        hasTLBEvents = true
        state.queueFullFlush(pmap, on: event.cpu)
    }

    mutating func update(by event: Event) { drain(event) }
    mutating func leftIdle(by event: Event) {}
    mutating func switchedContext(by event: Event) {}

    /// The recorded reactions: the shootdowns, invalidations and waits the model classifies.
    mutating func other(_ event: Event) {
        switch event.kind {
        case .shootdownIPI(let targets, let pages):
            if config.variant.isXen {
                mismatch(
                    event,
                    "LAPIC shootdown IPI on a \(config.variant.rawValue) kernel: Xen PV shoots down "
                        + "through xen_mmuext hypercalls (module built without -DXEN?)")
            }
            shootdown(event, targets: targets, recordedPages: pages, hypercall: false, hypercallVA: nil)
        case .xenMMUExt(let targets, let va):
            if !config.variant.isXen {
                mismatch(
                    event,
                    "xen_mmuext hypercall on a native \(config.variant.rawValue) kernel: "
                        + "built with -DXEN for the wrong variant?")
            }
            shootdown(event, targets: targets, recordedPages: va == nil ? 0 : 1, hypercall: true, hypercallVA: va)
        case .tlbInvalidate(let pmap, let va):
            if let va {
                invalidated(pmap, va, on: event.cpu)
            } else {
                hasTLBEvents = true
                state.flush(event.cpu, userOnly: !(pmap?.isKernel ?? true))
            }
        case .shootdownDone(let waitNs):
            hasTLBEvents = true
            // The shootdown is over: a later IPI without a new `pmap_update` is another
            // shootdown (its full flush counts again).
            drained.update(event.cpu) { drain in
                drain?.flushCounted = false
                drain?.overflowCounted = false
            }
            let estimate = pendingWait.removeValue(forKey: event.cpu) ?? 0
            counts.initiatorWaitNs = counts.initiatorWaitNs.saturatingAdd(waitNs ?? estimate)
        case .ubcAlloc, .ubcRelease:
            hasTLBEvents = true
        default:
            break
        }
    }
}
