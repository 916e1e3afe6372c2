/// Byte scans eight bytes at a time (SWAR): the padded columns and event names
/// of an ftrace line are walked on every line, and a byte loop costs about
/// four instructions per byte (round 4 of docs/performance-history.md).
///
/// Each scan answers exactly what its byte-by-byte loop would; only the
/// last (fewer than eight) bytes of a range are read one at a time.
enum WordScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let low7: UInt64 = 0x7f7f_7f7f_7f7f_7f7f
    /// The high bit of every byte.
    static let high: UInt64 = 0x8080_8080_8080_8080

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

    /// The high bit of every blank (space or tab) byte.
    @inline(__always)
    static func blankMask(_ word: UInt64) -> UInt64 {
        equalMask(word, ASCII.space) | equalMask(word, ASCII.tab)
    }

    /// Six decimal digits, `:` and a blank (`000105: `, a timestamp's fraction
    /// and its end) → the digits' value; nil for any other word.
    @inline(__always)
    static func sixDigitsColonBlank(_ word: UInt64) -> UInt64? {
        let digits = word & 0xffff_ffff_ffff
        // Each byte 0x30–0x3f, and still below 0x40 after adding 6: `0`–`9`.
        guard digits & 0xf0f0_f0f0_f0f0 == 0x3030_3030_3030,
            (digits &+ 0x0606_0606_0606) & 0xf0f0_f0f0_f0f0 == 0x3030_3030_3030,
            word >> 48 & 0xff == UInt64(ASCII.colon), ASCII.isBlank(UInt8(word >> 56))
        else { return nil }
        // Two leading zero digits, then eight digits into one number: pairs, fours, eights.
        var value = (digits & 0x0f0f_0f0f_0f0f) << 16
        value = (value &* 2561) >> 8
        value = ((value & 0x00ff_00ff_00ff_00ff) &* 6_553_601) >> 16
        return ((value & 0x0000_ffff_0000_ffff) &* 42_949_672_960_001) >> 32
    }

    /// The first of the 16 bytes in `low`, `high` (in that order) that is not a blank, or 16.
    @inline(__always)
    static func firstNonBlank(_ low: UInt64, _ high: UInt64) -> Int {
        let other = ~blankMask(low) & ~low7
        if other != 0 { return other.trailingZeroBitCount / 8 }
        return 8 + (~blankMask(high) & ~low7).trailingZeroBitCount / 8
    }

    /// The first index in `start..<end` whose byte is not a blank, or `end`.
    @inline(__always)
    static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index &+ 8 <= end {
            let other = ~blankMask(load(bytes, at: index)) & ~low7
            if other != 0 { return index &+ other.trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// The first index in `start..<end` whose byte is a blank, or `end`.
    @inline(__always)
    static func skipNonBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index &+ 8 <= end {
            let blanks = blankMask(load(bytes, at: index))
            if blanks != 0 { return index &+ blanks.trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < end && !ASCII.isBlank(bytes[index]) { index += 1 }
        return index
    }

    // The scans below use `&+`: indices stay within the buffer (no overflow checks).

    /// The first index in `start..<end` holding `:`, `(` or a blank — where an
    /// event name ends — or `end`.
    @inline(__always)
    static func nameEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index &+ 8 <= end {
            let word = load(bytes, at: index)
            let stops = blankMask(word) | equalMask(word, ASCII.colon) | equalMask(word, ASCII.openParen)
            if stops != 0 { return index &+ stops.trailingZeroBitCount / 8 }
            index &+= 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.colon || byte == ASCII.openParen || ASCII.isBlank(byte) { break }
            index += 1
        }
        return index
    }
}
