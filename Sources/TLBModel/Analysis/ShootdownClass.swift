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
    func classify(_ target: Int, idle: Bool) -> ShootdownClass {
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
    func shootdownPages(_ pages: [PageKey]) -> ShootdownPages {
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

    /// True when `cpu` never filled any of `pages`.
    func neverFilled(_ cpu: Int, _ pages: [PageKey]) -> Bool {
        pages.allSatisfy { !(page($0)?.filled.contains(cpu) ?? false) }
    }

    /// The one-line explanation of a redundant target (docs/checks.md).
    func explain(_ kind: ShootdownClass, target: Int, packet: Packet, fullFlush: Bool, limited: Bool) -> String {
        let head = "IPI to cpu\(target) redundant: "
        let what = packet.pagesSpelled + (fullFlush ? " (full flush)" : "")
        switch kind {
        case .unusedPTE:
            guard let first = packet.firstRemoved else {
                return head + "no page was unmapped since the last pmap_update: nothing to shoot down"
            }
            let more = packet.removed > 1 ? " and \(packet.removed - 1) more unmapped pages" : ""
            return head + "no CPU used \(first.spelled)\(more) since mapped (PTE used bit clear): "
                + "no shootdown was needed"
        case .idle:
            let since = "cpu\(target) idle since t=" + seconds(cpu(target)?.idleSinceNs ?? 0)
            if limited { return head + since + " (TLB contents not traced: classified by idleness)" }
            let cached = neverFilled(target, packet.used) ? "never cached " : "no longer caches "
            return head + since + " and " + cached + what
        case .duplicate:
            if neverFilled(target, packet.used) {
                return head + "cpu\(target) never cached \(what) and already invalidated it"
            }
            return head + "cpu\(target) already invalidated \(what) after its last use"
        case .notCached:
            let never = neverFilled(target, packet.used) ? "never cached" : "no longer caches"
            return head + "cpu\(target) \(never) \(what)"
        case .needed, .unknown:
            return ""
        }
    }
}
