/// A finding's message, built in one byte buffer.
///
/// Why: a trace can keep thousands of findings, and each message built by string
/// interpolation and `+` cost ≈ 13 000 instructions (a `String` per number and
/// per piece, regrown as it was appended to) — 12 % of the signal lane on the
/// 64 MiB bench trace (docs/performance.md, "Round 7"). The text is the same.
struct MessageText {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(224) }

    mutating func add(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Decimal, as `"\(value)"` spells it.
    mutating func add<Number: BinaryInteger>(_ value: Number) {
        var magnitude = UInt64(value.magnitude)
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, written backwards
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
