import KTrace

/// A finding's message built as UTF-8 bytes, then made a `String` once.
///
/// Why: `String` concatenation and interpolation cost ~700 instructions a piece, and
/// a shootdown trace explains thousands of redundant targets (one message each, up to
/// the finding limit): that was ~12 000 instructions per message (docs/performance.md,
/// round 7). The text is exactly what the interpolations spelled.
struct MessageText {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(160) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func add(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func add(string text: String) { bytes.append(contentsOf: text.utf8) }

    /// `\(value)` of an `Int`.
    mutating func add(decimal value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude != 0
        bytes[start...].reverse()
    }

    /// `hex(_:)`: `0x` and lowercase digits.
    mutating func add(hex value: UInt64) {
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "x"))
        let digits = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
        for index in stride(from: digits - 1, through: 0, by: -1) {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt64(index * 4)) & 0xf)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }

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
