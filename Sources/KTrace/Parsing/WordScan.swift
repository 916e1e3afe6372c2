/// Byte scans eight bytes at a time (SWAR): the padded columns and event names
/// of an ftrace line are walked on every line, and a byte loop costs about
/// four instructions per byte (round 4 of docs/performance.md).
///
/// Each scan answers exactly what its byte-by-byte loop would; only the
/// last (fewer than eight) bytes of a range are read one at a time.
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7f7f_7f7f_7f7f_7f7f

    /// Bytes `index..<index + 8` as a little-endian word; the caller checks the bounds.
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of every byte of `word` equal to `byte` (exact: no carries
    /// between bytes, so any set bit, not only the lowest, is a match).
    @inline(__always)
    static func equalMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return ~(((difference & low7) &+ low7) | difference | low7)
    }

    @inline(__always)
    private static func blankMask(_ word: UInt64) -> UInt64 {
        equalMask(word, ASCII.space) | equalMask(word, ASCII.tab)
    }

    /// The first index in `start..<end` whose byte is not a blank, or `end`.
    @inline(__always)
    static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let other = ~blankMask(load(bytes, at: index)) & ~low7
            if other != 0 { return index + other.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// The first index in `start..<end` whose byte is a blank, or `end`.
    @inline(__always)
    static func skipNonBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let blanks = blankMask(load(bytes, at: index))
            if blanks != 0 { return index + blanks.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end && !ASCII.isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// The first index in `start..<end` holding `:`, `(` or a blank — where an
    /// event name ends — or `end`.
    @inline(__always)
    static func nameEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let word = load(bytes, at: index)
            let stops = blankMask(word) | equalMask(word, ASCII.colon) | equalMask(word, ASCII.openParen)
            if stops != 0 { return index + stops.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.colon || byte == ASCII.openParen || ASCII.isBlank(byte) { break }
            index += 1
        }
        return index
    }
}
