import KTrace

/// How TLB findings name pages, in a `MessageText`.
extension MessageText {
    /// `PageKey.spelled`.
    mutating func add(_ key: PageKey) {
        if key.isKernel {
            add("kernel va ")
        } else {
            add("pmap ")
            add(hex: key.space)
            add(" va ")
        }
        add(hex: key.va)
    }

    /// `Packet.pagesSpelled`.
    mutating func add(pagesOf packet: Packet) {
        guard let first = packet.used.first else { return add("no used page") }
        add(first)
        let more = packet.used.count - 1
        guard more > 0 else { return }
        add(" (+")
        add(decimal: more)
        add(more == 1 ? " more page)" : " more pages)")
    }
}
