/// Reads ` key=value` fields in an expected order straight from the bytes,
/// for the decoders' fast path (see `LineParser.fastNetBSDKind`).
///
/// It accepts only the plainest spelling — one space before each key, `=`,
/// an unquoted value — and answers nil on anything else, so that the caller
/// falls back to `FieldList.scan`, which then decides exactly as before.
///
/// Keys are compared as one word and 16-digit hex values converted eight
/// digits at a time when the line has the bytes for a whole-word load; near
/// the end of the line the same checks run byte by byte (round 4 of
/// docs/performance.md).
struct FieldCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.bytes = bytes
        index = range.lowerBound
        end = range.upperBound
    }

    /// True when every byte was consumed (no further field, no trailing blank).
    var atEnd: Bool { index == end }

    /// The value of `key` when it is the next field, else nil.
    mutating func next(_ key: FieldKey) -> Range<Int>? {
        guard let valueStart = valueStart(key) else { return nil }
        index = WordScan.skipNonBlanks(bytes, from: valueStart, to: end)
        return valueStart..<index
    }

    /// Where the value of ` key=` starts when that is next (not on a quote: a
    /// quoted value may hold blanks, the general scan's business).
    @inline(__always)
    private func valueStart(_ key: FieldKey) -> Int? {
        let keyStart = index + 1
        let valueStart = keyStart + key.length
        guard valueStart <= end, bytes[index] == ASCII.space else { return nil }
        if keyStart + 8 <= end {
            guard WordScan.load(bytes, at: keyStart) & key.mask == key.word else { return nil }
        } else {
            guard bytes.matches(keyStart..<valueStart - 1, key.name), bytes[valueStart - 1] == ASCII.equals
            else { return nil }
        }
        if valueStart < end && bytes[valueStart] == ASCII.quote { return nil }
        return valueStart
    }

    /// `key=<number>`, parsed in the same pass that finds the value's end (the
    /// 18-byte `va=0x…` values are most of a TLB line). Accepts exactly what
    /// `NumberParser.unsigned` accepts, or answers nil.
    mutating func unsigned(_ key: FieldKey) -> UInt64? {
        guard var cursor = valueStart(key) else { return nil }
        let digitsStart: Int
        var value: UInt64 = 0
        if cursor + 2 < end && bytes[cursor] == ASCII.zero && (bytes[cursor + 1] | 0x20) == 0x78 {
            cursor += 2
            digitsStart = cursor
            // A kernel address: sixteen digits, then a blank or the end.
            if cursor + 16 <= end && (cursor + 16 == end || ASCII.isBlank(bytes[cursor + 16])),
                let high = HexWord.value(WordScan.load(bytes, at: cursor)),
                let low = HexWord.value(WordScan.load(bytes, at: cursor + 8))
            {
                index = cursor + 16
                return high << 32 | low
            }
            while cursor < end, let digit = ASCII.hexValue(bytes[cursor]) {
                value = value << 4 | digit
                cursor += 1
            }
            guard cursor - digitsStart <= 16 else { return nil }
        } else {
            digitsStart = cursor
            while cursor < end && ASCII.isDigit(bytes[cursor]) {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[cursor] - ASCII.zero))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                cursor += 1
            }
        }
        // No digits, or a stray byte in the value: let the general path judge.
        guard cursor > digitsStart, cursor == end || ASCII.isBlank(bytes[cursor]) else { return nil }
        index = cursor
        return value
    }

    mutating func signed(_ key: FieldKey) -> Int64? {
        next(key).flatMap { NumberParser.signed(bytes, $0) }
    }

    /// `pmap=kernel` or `pmap=<number>`.
    mutating func pmap() -> PmapID? {
        if let valueStart = valueStart(.pmap), valueStart + 8 <= end,
            WordScan.load(bytes, at: valueStart) & FieldKey.kernelMask == FieldKey.kernelWord,
            valueStart + 6 == end || ASCII.isBlank(bytes[valueStart + 6])
        {
            index = valueStart + 6
            return .kernel
        }
        guard let range = next(.pmap) else { return nil }
        if bytes.matches(range, "kernel") { return .kernel }
        return NumberParser.unsigned(bytes, range).map(PmapID.user)
    }
}

/// A key `FieldCursor` looks for: `key=` as a little-endian word (keys of up
/// to seven bytes), with the mask of its bytes.
struct FieldKey {
    let name: StaticString
    /// Bytes of `key=`.
    let length: Int
    let word: UInt64
    let mask: UInt64

    init(_ name: StaticString) {
        precondition(name.utf8CodeUnitCount <= 7, "a FieldKey is read as one word")
        self.name = name
        length = name.utf8CodeUnitCount + 1
        (word, mask) = Self.word(
            Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)) + [ASCII.equals])
    }

    private static func word(_ bytes: [UInt8]) -> (word: UInt64, mask: UInt64) {
        var word: UInt64 = 0
        for (offset, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * UInt64(offset)) }
        return (word, bytes.count == 8 ? ~0 : (1 << (8 * UInt64(bytes.count))) - 1)
    }

    static let pmap = FieldKey("pmap")
    static let va = FieldKey("va")
    static let pa = FieldKey("pa")
    static let prot = FieldKey("prot")
    static let len = FieldKey("len")
    static let mask = FieldKey("mask")
    static let pages = FieldKey("pages")
    static let waitNs = FieldKey("wait_ns")
    static let offset = FieldKey("offset")

    /// `kernel` (six bytes) as a word and its mask, for `pmap=kernel`.
    static let (kernelWord, kernelMask) = word(Array("kernel".utf8))
}

/// Eight ASCII hex digits in one word → their value (SWAR), nil if any byte
/// is not a hex digit.
enum HexWord {
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte that is ≥ `low` (bytes below 0x80 only).
    @inline(__always)
    private static func atLeast(_ word: UInt64, _ low: UInt8) -> UInt64 {
        (word &+ 0x0101_0101_0101_0101 &* UInt64(0x80 - low)) & high
    }

    /// `word` holds the digits in reading order (first digit in the lowest byte).
    @inline(__always)
    static func value(_ word: UInt64) -> UInt64? {
        guard word & high == 0 else { return nil }
        let digits = atLeast(word, ASCII.zero) & ~atLeast(word, ASCII.nine + 1)
        let lower = word | 0x2020_2020_2020_2020
        let letters = atLeast(lower, 0x61) & ~atLeast(lower, 0x67)
        guard digits | letters == high else { return nil }
        // Nibbles: the low four bits, plus 9 for `a`–`f`/`A`–`F`.
        let nibbles = (word & 0x0f0f_0f0f_0f0f_0f0f) &+ (letters >> 7) &* 9
        // Pairs of nibbles into bytes, bytes into 16-bit halves, halves into 32 bits.
        let bytes = (nibbles & 0x000f_000f_000f_000f) << 4 | (nibbles >> 8) & 0x000f_000f_000f_000f
        let halves = (bytes & 0x0000_00ff_0000_00ff) << 8 | (bytes >> 16) & 0x0000_00ff_0000_00ff
        return (halves & 0xffff) << 16 | (halves >> 32) & 0xffff
    }
}
