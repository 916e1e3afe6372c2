import KTrace

/// One shootdown as the fidelity check compares them: (initiator, targets, pages or full flush).
struct Shootdown: Equatable {
    var initiator: Int
    var targets: CPUSet
    /// Pages invalidated; nil when the trace does not say (Linux).
    var pages: Int?
    var fullFlush: Bool
    /// The line that caused it (`pmap_update`) or recorded it (the IPI).
    var line: Int

    /// `{1,2,3} (2 pages)` / `{1,2,3} (full flush)`.
    var spelled: String {
        let what: String
        if fullFlush {
            what = "full flush"
        } else if let pages {
            what = pages == 1 ? "1 page" : "\(pages) pages"
        } else {
            what = "pages unknown"
        }
        return "cpu\(initiator) → \(targets) (\(what))"
    }

    /// Same initiator, targets and extent; an unknown page count matches any.
    func matches(_ other: Shootdown) -> Bool {
        guard initiator == other.initiator, targets == other.targets, fullFlush == other.fullFlush else {
            return false
        }
        if fullFlush { return true }
        guard let pages, let otherPages = other.pages else { return true }
        return pages == otherPages
    }

    /// Several events of one drain as one shootdown: one IPI per target repeats the
    /// pages (`sumPages` false), one `invlpg_multi` hypercall per page adds them.
    mutating func merge(_ other: Shootdown, sumPages: Bool) {
        targets = targets.union(other.targets)
        fullFlush = fullFlush || other.fullFlush
        if let pages, let otherPages = other.pages {
            self.pages = sumPages ? pages + otherPages : max(pages, otherPages)
        } else {
            pages = nil
        }
    }
}

/// The §2.3 cost of shootdown work, in nanoseconds.
struct ShootdownCost {
    let model: CostModel
    /// Every cost is zero or more (a trace header cannot set a negative one; a library
    /// caller could): then `n` targets' work can be charged as one product.
    let hasNoNegativeCost: Bool

    init(model: CostModel) {
        self.model = model
        hasNoNegativeCost =
            min(
                model.ipiSendNs, model.ipiHandleNs, model.idleWakeNs, model.invlpgNs, model.tlbFlushNs,
                model.hypercallNs)
            >= 0
    }

    /// What one CPU spends invalidating: `invlpg_ns` per page or `tlb_flush_ns`.
    func invalidation(pages: Int, fullFlush: Bool) -> Int64 {
        fullFlush ? model.tlbFlushNs : model.invlpgNs.saturatingMultiply(Int64(pages))
    }

    /// What a target spends on one shootdown: answering the IPI (waking first when
    /// idle), or, through a hypercall, only the invalidation the hypervisor does for it.
    func target(idle: Bool, pages: Int, fullFlush: Bool, hypercall: Bool = false) -> Int64 {
        guard !hypercall else { return invalidation(pages: pages, fullFlush: fullFlush) }
        return model.ipiHandleNs.saturatingAdd(idle ? model.idleWakeNs : 0)
            .saturatingAdd(invalidation(pages: pages, fullFlush: fullFlush))
    }

    /// The initiator's wait for one shootdown: a synchronous hypercall's duration, or
    /// the slowest target it waits for (the IPIs run in parallel).
    func initiatorWait(hypercall: Bool, slowestTarget: Int64) -> Int64 {
        hypercall ? model.hypercallNs : slowestTarget
    }

    /// The wait of one drain so far plus one more of its shootdowns: hypercalls one
    /// after another, per-target IPIs in parallel.
    func drainWait(_ pending: Int64, adding wait: Int64, hypercall: Bool) -> Int64 {
        hypercall ? pending.saturatingAdd(wait) : max(pending, wait)
    }
}
