import KTrace

/// The replay side of the model: TLB state plus what a strategy's reactions cost.
///
/// Strategies call `shootdown(…)`, `invalidateLocally(…)` and `flushLocally(…)`;
/// the engine applies them to the TLBs and charges the cost model (docs/tlb-model.md "Cost model").
/// Counting conventions (docs/tlb-model.md): `invalidations` counts `invlpg`
/// executions on any CPU, initiator included; `full_flushes` counts flush
/// events — a full-flush shootdown once however many CPUs it hits, a flush a
/// CPU does on its own (idle-lazy) once per CPU.
struct ReplayEngine {
    var state: TLBState
    var counts = TLBReplayCounts()
    /// Stale uses of the safety check; the first `findingLimit` kept (`counts` has them all).
    var findings: [Finding] = []
    var findingLimit = FindingList.defaultLimit
    var notes: [String] = []
    let cost: ShootdownCost
    /// The packet size of the trace's kernel (header `tp_maxva`).
    let tpMaxva: Int
    /// Shootdowns go through `xen_mmuext` hypercalls (Xen PV), not IPIs.
    let useHypercalls: Bool
    /// Strategy spelling for messages.
    let label: String
    /// LWP bindings from `lwp_bind`: pid → CPU.
    var bindings: [Int32: Int] = [:]
    /// When set, shootdowns are kept in `emitted` for the fidelity check.
    var recordsShootdowns = false
    var emitted: [Shootdown] = []

    init(config: TraceConfig, label: String, useHypercalls: Bool, trackHistory: Bool = false) {
        findingLimit = config.replayFindingLimit
        state = TLBState(
            declaredCPUCount: config.declaredCPUCount, trackHistory: trackHistory, pruning: config.pagePruning)
        cost = ShootdownCost(model: config.cost)
        tpMaxva = config.tpMaxva
        self.useHypercalls = useHypercalls
        self.label = label
    }

    /// NetBSD 8's targets for a packet: every running CPU but the initiator for the
    /// kernel pmap, the CPUs that have a user pmap loaded for it.
    func targets(of packet: Packet, initiator: Int) -> CPUSet {
        var targets = packet.hasKernel ? state.running : CPUSet()
        for space in packet.userSpaces {
            for cpu in state.cpusLoading(space) { targets.insert(cpu) }
        }
        targets.remove(initiator)
        return targets
    }

    /// The NetBSD 8 `pmap_tlb_shootnow`: one shootdown of the packet's used pages to
    /// `targets`, a full flush when more than `maxPages` are queued.
    mutating func shootNow(
        _ packet: Packet, from cpu: Int, targets: CPUSet, maxPages: Int, waitFor: CPUSet? = nil, line: Int
    ) {
        guard packet.needsShootdown else { return }
        shootdown(
            from: cpu, pages: packet.used, fullFlush: packet.overflows(maxPages), kernel: packet.hasKernel,
            targets: targets, waitFor: waitFor ?? targets, line: line)
    }

    /// Sends one shootdown: the targets and the initiator invalidate `pages` (or flush).
    /// The initiator waits for the slowest target in `waitFor`.
    mutating func shootdown(
        from cpu: Int, pages: [PageKey], fullFlush: Bool, kernel: Bool, targets: CPUSet, waitFor: CPUSet, line: Int,
        includeInitiator: Bool = true
    ) {
        // Page by page the initiator's invalidation joins the targets' (one record change
        // per page); only without history, where the order of CPUs cannot matter.
        let joinsTargets =
            includeInitiator && !fullFlush && !targets.isEmpty && !state.trackHistory
            && cpu >= 0 && cpu < CPUSet.capacity
        if joinsTargets {
            counts.invalidations += pages.count
            counts.cpuNs = counts.cpuNs.saturatingAdd(cost.invalidation(pages: pages.count, fullFlush: false))
        } else if includeInitiator {
            invalidateLocally(pages, fullFlush: fullFlush, kernel: kernel, on: cpu, countFlush: targets.isEmpty)
        }
        guard !targets.isEmpty else { return }
        counts.ipis += 1
        counts.targets += targets.count
        if fullFlush { counts.fullFlushes += 1 }
        // The targets invalidate (charged below as part of each target's work); a page's
        // record changes once for all of them.
        if fullFlush {
            for target in targets { state.flush(target, userOnly: !kernel) }
        } else {
            counts.invalidations += pages.count * targets.count
            var invalidating = targets
            if joinsTargets { invalidating.insert(cpu) }
            for key in pages { state.invalidate(key, on: invalidating) }
        }
        let slowest = chargeTargets(targets, waitFor: waitFor, pages: pages.count, fullFlush: fullFlush)
        let wait = cost.initiatorWait(hypercall: useHypercalls, slowestTarget: slowest)
        if !useHypercalls {
            counts.cpuNs = counts.cpuNs.saturatingAdd(cost.model.ipiSendNs.saturatingMultiply(Int64(targets.count)))
        }
        counts.initiatorWaitNs = counts.initiatorWaitNs.saturatingAdd(wait)
        counts.cpuNs = counts.cpuNs.saturatingAdd(wait)
        if recordsShootdowns {
            emitted.append(
                Shootdown(
                    initiator: cpu, targets: targets, pages: fullFlush ? 0 : pages.count, fullFlush: fullFlush,
                    line: line))
        }
    }

    /// Charges each target's work on one shootdown to `cpu_ns` and counts the idle ones;
    /// returns the slowest work among the targets in `waitFor` (0 if none).
    mutating func chargeTargets(_ targets: CPUSet, waitFor: CPUSet, pages: Int, fullFlush: Bool) -> Int64 {
        // A target's work depends only on whether it is idle: two values, charged once
        // each times their targets instead of target by target. With no negative cost,
        // adding `n` times `work` saturates exactly as `n` saturating additions do (and
        // `cpu_ns`, a sum of such costs, is never negative).
        let idleTargets = targets.intersection(state.idleCPUs)
        let busyTargets = targets.subtracting(idleTargets)
        let idleWork = cost.target(idle: true, pages: pages, fullFlush: fullFlush, hypercall: useHypercalls)
        let busyWork = cost.target(idle: false, pages: pages, fullFlush: fullFlush, hypercall: useHypercalls)
        counts.idleTargets += idleTargets.count
        if cost.hasNoNegativeCost {
            counts.cpuNs = counts.cpuNs.saturatingAdd(idleWork.saturatingMultiply(Int64(idleTargets.count)))
                .saturatingAdd(busyWork.saturatingMultiply(Int64(busyTargets.count)))
        } else {
            for target in targets {
                counts.cpuNs = counts.cpuNs.saturatingAdd(idleTargets.contains(target) ? idleWork : busyWork)
            }
        }
        var slowest: Int64 = 0
        if !waitFor.intersection(idleTargets).isEmpty { slowest = max(slowest, idleWork) }
        if !waitFor.intersection(busyTargets).isEmpty { slowest = max(slowest, busyWork) }
        return slowest
    }

    /// `cpu` invalidates `pages` (or flushes) in its own TLB, charged to `cpu_ns` unless
    /// the caller charges it as part of a target's work.
    mutating func invalidateLocally(
        _ pages: [PageKey], fullFlush: Bool, kernel: Bool, on cpu: Int, countFlush: Bool = true, charge: Bool = true
    ) {
        if fullFlush {
            if countFlush { counts.fullFlushes += 1 }
            state.flush(cpu, userOnly: !kernel)
        } else {
            counts.invalidations += pages.count
            for key in pages { state.invalidate(key, on: cpu) }
        }
        if charge {
            counts.cpuNs = counts.cpuNs.saturatingAdd(cost.invalidation(pages: pages.count, fullFlush: fullFlush))
        }
    }

    /// `invalidateLocally([key], fullFlush: false, kernel:, on: cpu)` without the array.
    mutating func invalidateLocally(_ key: PageKey, on cpu: Int) {
        counts.invalidations += 1
        state.invalidate(key, on: cpu)
        counts.cpuNs = counts.cpuNs.saturatingAdd(cost.invalidation(pages: 1, fullFlush: false))
    }

    /// `cpu` flushes its whole TLB on its own (idle-lazy's flush on leaving idle).
    mutating func flushLocally(_ cpu: Int) {
        counts.fullFlushes += 1
        counts.cpuNs = counts.cpuNs.saturatingAdd(cost.model.tlbFlushNs)
        state.flush(cpu, userOnly: false)
    }

    /// A workload fill; a stale hit is the safety check's finding.
    mutating func fill(_ key: PageKey, by event: Event) {
        guard state.fill(cpu: event.cpu, key: key, pid: event.pid) else { return }
        counts.staleUses += 1
        guard findings.count < findingLimit else { return }
        findings.append(
            Finding(
                kind: .staleTranslation, findingClass: .replay, line: event.line, cpu: event.cpu, pid: event.pid,
                timeNs: event.timeNs,
                message: "replay \(label): cpu\(event.cpu) used a stale translation of \(key.spelled): "
                    + "the strategy left it cached after the page was unmapped"))
    }
}
