import KTrace

/// What one (IPI, target CPU) pair was (docs/tlb-model.md "Classification"), in the table's precedence order.
/// The raw values are the finding classes (`needed` for a needed target).
public enum ShootdownClass: String, Sendable, CaseIterable {
    /// The target's TLB held a page being shot down.
    case needed
    /// No CPU used the pages since they were mapped: no shootdown was needed at all.
    case unusedPTE = "unused-pte"
    /// The target was idle and held none of the pages.
    case idle
    /// The target had already invalidated the pages after its last use.
    case duplicate
    /// The target never cached the pages (since mapped or last invalidated).
    case notCached = "not-cached"
    /// No `tlb_fill` in the trace and the target was not idle: cannot tell.
    case unknown

    /// The classes that make a target redundant.
    static let redundantClasses: [ShootdownClass] = [.unusedPTE, .idle, .duplicate, .notCached]

    /// Classification with the TLB contents unknown (no `tlb_fill` in the trace).
    static func limited(idle: Bool) -> ShootdownClass { idle ? .idle : .unknown }

    /// The index of a redundant class in `redundantClasses`.
    var redundantIndex: Int? {
        switch self {
        case .unusedPTE: return 0
        case .idle: return 1
        case .duplicate: return 2
        case .notCached: return 3
        case .needed, .unknown: return nil
        }
    }

    /// The class a redundant-shootdown finding carries.
    var findingClass: FindingClass { FindingClass(rawValue) }
}

/// What classifying a shootdown's targets reads of its pages, looked up once per shootdown.
struct ShootdownPages {
    /// No used page: no shootdown was needed at all.
    let isEmpty: Bool
    /// CPUs whose TLB holds at least one of the pages.
    var held = CPUSet()
    /// CPUs that, for every page, filled it, invalidated it or flushed ever
    /// (`TLBState.invalidatedSinceFill`: the answer for a CPU that holds none of them).
    var invalidatedAll = CPUSet()

    /// Classifies `target` (`idle`: it was idle at the send), in the table's order.
    @inline(__always) func classify(_ target: Int, idle: Bool) -> ShootdownClass {
        if held.contains(target) { return .needed }
        if isEmpty { return .unusedPTE }
        if idle { return .idle }
        // Not needed: the target holds none of the pages, as `invalidatedSinceFill` assumes.
        if invalidatedAll.contains(target) { return .duplicate }
        return .notCached
    }
}

extension TLBState {
    /// The pages' holders and invalidation history, for `ShootdownPages.classify`.
    @inline(__always) func shootdownPages(_ pages: [PageKey]) -> ShootdownPages {
        var result = ShootdownPages(isEmpty: pages.isEmpty)
        for (index, key) in pages.enumerated() {
            var invalidated = key.isKernel ? flushedAll : flushedAll.union(flushedUser)
            if let slot = self.pages.slot(of: key) {
                result.held.formUnion(self.pages[slot: slot].holders)
                invalidated.formUnion(self.pages[slot: slot].filled)
                invalidated.formUnion(self.pages[slot: slot].invalidated)
            }
            result.invalidatedAll = index == 0 ? invalidated : result.invalidatedAll.intersection(invalidated)
        }
        return result
    }

    /// `cpu` invalidated `key` (or flushed) after its last fill of it — or ever, if it never
    /// filled it. For a CPU that does not hold `key` (the only one asked): it filled the
    /// page (a holder is removed only by an invalidation or a flush), invalidated it, or
    /// flushed ever.
    func invalidatedSinceFill(_ cpu: Int, _ key: PageKey) -> Bool {
        if let record = page(key), record.filled.contains(cpu) || record.invalidated.contains(cpu) { return true }
        return self.cpu(cpu)?.hasFlushed(covering: key) ?? false
    }
}
