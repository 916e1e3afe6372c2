/// A finding's message built as UTF-8 bytes, then made a `String` once.
///
/// Why: a trace can keep thousands of findings (redundant shootdown targets, signal
/// posts and reports), and a message built by string interpolation and `+` cost
/// ≈ 12 000–13 500 instructions (a `String` per number and per piece, regrown as it was
/// appended to); built here, ≈ 4 000–5 000 (docs/performance.md, round 7). The text is
/// exactly what the interpolations spelled. `@inlinable`: the models that build
/// messages are other modules.
public struct MessageText {
    @usableFromInline var bytes: [UInt8] = []

    /// An empty message with room for a typical one.
    @inlinable public init() { bytes.reserveCapacity(224) }

    /// The message.
    @inlinable public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends a literal piece.
    @inlinable public mutating func add(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends a string (a name, a formatted time).
    @inlinable public mutating func add(string text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` in decimal, as `"\(value)"` spells it.
    @inlinable public mutating func add<Number: BinaryInteger>(decimal value: Number) {
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

    /// Appends `0x` and `value`'s lowercase hex digits.
    @inlinable public mutating func add(hex value: UInt64) {
        bytes.append(UInt8(ascii: "0"))
        bytes.append(UInt8(ascii: "x"))
        let digits = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
        for index in stride(from: digits - 1, through: 0, by: -1) {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt64(index * 4)) & 0xf)
            bytes.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
        }
    }
}
