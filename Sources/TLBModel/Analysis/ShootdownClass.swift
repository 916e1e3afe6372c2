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

    /// The class a redundant-shootdown finding carries.
    var findingClass: FindingClass { FindingClass(rawValue) }
}

extension TLBState {
    /// Classifies `target` for a shootdown of `pages` (the packet's used pages).
    func classify(target: Int, pages: [PageKey]) -> ShootdownClass {
        if pages.contains(where: { holds(target, $0) }) { return .needed }
        if pages.isEmpty { return .unusedPTE }
        if isIdle(target) { return .idle }
        // Not needed: the target holds none of the pages, as `invalidatedSinceFill` assumes.
        if pages.allSatisfy({ invalidatedSinceFill(target, $0) }) { return .duplicate }
        return .notCached
    }

    /// Classification with the TLB contents unknown (no `tlb_fill` in the trace).
    func classifyLimited(target: Int) -> ShootdownClass {
        isIdle(target) ? .idle : .unknown
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
