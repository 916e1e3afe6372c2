import KTrace

/// How TLB findings name pages and times, in a `MessageText`.
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

    /// `seconds(_:)`'s spelling (`12.000345`: whole seconds, six digits of microseconds)
    /// without its `String`s: ≈ 2 000 instructions per call there.
    mutating func add(seconds ns: Int64) {
        if ns < 0 { add("-") }
        let micros = ns.magnitude / 1000
        add(decimal: micros / 1_000_000)
        add(".")
        // Six digits, zeros first.
        let fraction = micros % 1_000_000
        var unit: UInt64 = 100_000
        while unit > 0 {
            add(decimal: fraction / unit % 10)
            unit /= 10
        }
    }
}
