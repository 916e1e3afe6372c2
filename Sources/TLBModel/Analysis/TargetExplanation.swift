import KTrace

extension TLBState {
    /// True when `cpu` never filled any of `pages`.
    func neverFilled(_ cpu: Int, _ pages: [PageKey]) -> Bool {
        pages.allSatisfy { !(page($0)?.filled.contains(cpu) ?? false) }
    }

    /// The one-line explanation of a redundant target (docs/checks.md).
    func explain(_ kind: ShootdownClass, target: Int, packet: Packet, fullFlush: Bool, limited: Bool) -> String {
        var text = MessageText()
        text.add("IPI to cpu")
        text.add(decimal: target)
        text.add(" redundant: ")
        switch kind {
        case .unusedPTE:
            guard let first = packet.firstRemoved else {
                text.add("no page was unmapped since the last pmap_update: nothing to shoot down")
                return text.string
            }
            text.add("no CPU used ")
            text.add(first)
            if packet.removed > 1 {
                text.add(" and ")
                text.add(decimal: packet.removed - 1)
                text.add(" more unmapped pages")
            }
            text.add(" since mapped (PTE used bit clear): no shootdown was needed")
        case .idle:
            text.add("cpu")
            text.add(decimal: target)
            text.add(" idle since t=")
            text.add(seconds: cpu(target)?.idleSinceNs ?? 0)
            if limited {
                text.add(" (TLB contents not traced: classified by idleness)")
                return text.string
            }
            text.add(neverFilled(target, packet.used) ? " and never cached " : " and no longer caches ")
            text.addPages(of: packet, fullFlush: fullFlush)
        case .duplicate:
            text.add("cpu")
            text.add(decimal: target)
            let never = neverFilled(target, packet.used)
            text.add(never ? " never cached " : " already invalidated ")
            text.addPages(of: packet, fullFlush: fullFlush)
            text.add(never ? " and already invalidated it" : " after its last use")
        case .notCached:
            text.add("cpu")
            text.add(decimal: target)
            text.add(neverFilled(target, packet.used) ? " never cached " : " no longer caches ")
            text.addPages(of: packet, fullFlush: fullFlush)
        case .needed, .unknown:
            return ""
        }
        return text.string
    }
}

extension MessageText {
    /// `kernel va 0x… (+1 more page)`, then ` (full flush)` for a full flush.
    fileprivate mutating func addPages(of packet: Packet, fullFlush: Bool) {
        add(pagesOf: packet)
        if fullFlush { add(" (full flush)") }
    }
}
