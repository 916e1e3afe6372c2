import KTrace

/// Compares, drain by drain, the shootdowns the trace recorded with those the
/// `netbsd8` replay re-derives (the fidelity check, docs/tlb-model.md "Strategies").
///
/// A recorded IPI belongs to the last `pmap_update` on its CPU; a drain is closed
/// (and compared) at the next `pmap_update` on that CPU or at the end. Several
/// events of one drain (one IPI per target, one hypercall per page) merge into one
/// shootdown. Matching per drain keeps one extra or missing shootdown from
/// shifting every later comparison.
struct FidelityChecker {
    private struct Drain {
        var line: Int
        var pid: Int32
        var timeNs: Int64
        var recorded: Shootdown?
        var derived: Shootdown?
        /// False: neither side is compared (a user-pmap drain of a capture without fills).
        var comparable = true
    }

    private var open = PerCPU<Drain>()
    private(set) var mismatches: [Finding] = []
    private var sawWorkload = false
    private var sawShootdown = false
    /// Drains with a shootdown that were not compared (`comparable: false`).
    private(set) var skippedDrains = 0

    /// `event` (a `pmap_update`) drained its CPU's packet; the replay derived `derived`.
    mutating func drained(by event: Event, derived: [Shootdown], comparable: Bool = true) {
        sawWorkload = true
        var merged: Shootdown?
        for shootdown in derived {
            if merged == nil { merged = shootdown } else { merged?.merge(shootdown, sumPages: true) }
        }
        let opened = Drain(
            line: event.line, pid: event.pid, timeNs: event.timeNs, derived: merged, comparable: comparable)
        // The CPU's previous drain is swapped out for the new one in one access: taking a
        // ~200-byte `Drain` out, then storing the next, cost ≈ 300 instructions per drain.
        let previous = open.update(event.cpu) { slot -> Drain? in
            defer { slot = opened }
            return slot
        }
        if let previous { close(previous, cpu: event.cpu) }
    }

    /// The trace has unmaps: the NetBSD model describes it.
    mutating func sawUnmap() { sawWorkload = true }

    /// A recorded shootdown event.
    /// `hypercall`: a `xen_mmuext` (one per page); else an IPI event (one per shootdown or per target).
    mutating func recorded(_ shootdown: Shootdown, by event: Event, hypercall: Bool) {
        // In place: a `Drain` is ~200 bytes.
        open.update(event.cpu) { open in
            if open == nil { open = Drain(line: 0, pid: event.pid, timeNs: event.timeNs) }
            if open!.recorded == nil {
                open!.recorded = shootdown
            } else {
                open!.recorded!.merge(shootdown, sumPages: hypercall)
            }
        }
    }

    mutating func finish() -> FidelityOutcome {
        for cpu in open.sortedKeys { close(cpu) }
        mismatches.sort { $0.line < $1.line }
        guard sawWorkload else {
            return .notApplicable(reason: "no pmap_update/pmap_remove workload: not a NetBSD pmap trace")
        }
        guard sawShootdown else {
            return .notApplicable(
                reason: skippedDrains > 0
                    ? "only user-pmap shootdowns, which a capture without tlb_fill cannot replay"
                    : "no shootdowns in the trace")
        }
        return mismatches.isEmpty ? .reproduced : .mismatched(mismatches)
    }

    private mutating func close(_ cpu: Int) {
        guard let drain = open.removeValue(forKey: cpu) else { return }
        close(drain, cpu: cpu)
    }

    /// Compares `drain`, the last one of `cpu`, now closed.
    private mutating func close(_ drain: Drain, cpu: Int) {
        let recorded = drain.recorded.flatMap { $0.targets.isEmpty ? nil : $0 }
        guard drain.comparable else {
            if recorded != nil || drain.derived != nil { skippedDrains += 1 }
            return
        }
        if recorded != nil || drain.derived != nil { sawShootdown = true }
        let message: String
        let line: Int
        switch (recorded, drain.derived) {
        case (nil, nil):
            return
        case (let recorded?, nil):
            line = recorded.line
            let why =
                drain.line == 0
                ? "no pmap_update on cpu\(cpu) preceded it"
                : "the packet drained at line \(drain.line) holds no used page"
            message = "recorded shootdown \(recorded.spelled) but netbsd8 sends none: \(why)"
        case (nil, let derived?):
            line = drain.line
            message = "pmap_update: netbsd8 sends a shootdown \(derived.spelled) but the trace records none"
        case (let recorded?, let derived?):
            guard !recorded.matches(derived) else { return }
            line = recorded.line
            message = "recorded shootdown \(recorded.spelled) differs from netbsd8's \(derived.spelled)"
        }
        mismatches.append(
            Finding(
                kind: .fidelityMismatch, line: line, cpu: cpu, pid: drain.pid, timeNs: drain.timeNs,
                message: message))
    }
}
