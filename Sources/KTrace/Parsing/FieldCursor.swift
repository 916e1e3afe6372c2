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
/// docs/performance-history.md).
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
    @inline(__always)
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
            for offset in 0..<key.length
            where bytes[keyStart + offset] != UInt8(truncatingIfNeeded: key.word >> (8 * UInt64(offset))) {
                return nil
            }
        }
        if valueStart < end && bytes[valueStart] == ASCII.quote { return nil }
        return valueStart
    }

    /// `key=<number>`, parsed in the same pass that finds the value's end (the
    /// 18-byte `va=0x…` values are most of a TLB line). Accepts exactly what
    /// `NumberParser.unsigned` accepts, or answers nil.
    @inline(__always)
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

    /// `bytes[range]` is exactly ` pmap=kernel va=0x` and sixteen hex digits
    /// (`0X` too): the address. What `pmap()`, `unsigned(.va)` and `atEnd` read
    /// from such a body, in three word compares and two `HexWord`s.
    @inline(__always)
    static func kernelVA(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        let start = range.lowerBound
        // Offsets with `&+`: the range is 34 bytes inside `bytes` (no overflow checks).
        guard range.count == 34, WordScan.load(bytes, at: start) == 0x656b_3d70_616d_7020,  // " pmap=ke"
            WordScan.load(bytes, at: start &+ 8) == 0x3d61_7620_6c65_6e72,  // "rnel va="
            bytes[start &+ 16] == ASCII.zero, bytes[start &+ 17] | 0x20 == 0x78,
            let high = HexWord.value(WordScan.load(bytes, at: start &+ 18)),
            let low = HexWord.value(WordScan.load(bytes, at: start &+ 26))
        else { return nil }
        return high << 32 | low
    }

    /// `va=<number>`: `unsigned(.va)`, with the usual ` va=0x<16 digits>` (then a
    /// blank or the end) read as three words, not through the general number path.
    @inline(__always)
    mutating func va() -> UInt64? {
        let start = index
        // `&+`: `start` is within the line (no overflow checks).
        let stop = start &+ 22
        guard stop <= end, WordScan.load(bytes, at: start) & 0xffff_ffff_ffff == 0x7830_3d61_7620,  // " va=0x"
            stop == end || ASCII.isBlank(bytes[stop]),
            let high = HexWord.value(WordScan.load(bytes, at: start &+ 6)),
            let low = HexWord.value(WordScan.load(bytes, at: start &+ 14))
        else { return unsigned(.va) }
        index = stop
        return high << 32 | low
    }

    mutating func signed(_ key: FieldKey) -> Int64? {
        next(key).flatMap { NumberParser.signed(bytes, $0) }
    }

    /// `key=<1–9 decimal digits>` (what `NumberParser.signed` reads the same and
    /// `Int32(exactly:)` keeps), else nil with the cursor left where it was.
    @inline(__always)
    mutating func decimalInt32(_ key: FieldKey) -> Int32? {
        guard let start = valueStart(key) else { return nil }
        var cursor = start
        var value: Int32 = 0
        while cursor < end, cursor - start < 9 {
            let digit = bytes[cursor] &- ASCII.zero
            guard digit < 10 else { break }
            value = value &* 10 &+ Int32(digit)
            cursor += 1
        }
        guard cursor > start, cursor == end || ASCII.isBlank(bytes[cursor]) else { return nil }
        index = cursor
        return value
    }

    /// `bytes[range]` as 1–9 decimal digits, else nil.
    static func decimalInt32(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value: Int32 = 0
        for index in range {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int32(digit)
        }
        return value
    }

    /// `pmap=kernel` or `pmap=<number>`.
    @inline(__always)
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
///
/// The keys are literal words behind `@inline(__always)` getters, not `static
/// let`s: a global's `swift_once` check cost more than the compare itself
/// (`FieldCursorTests.keyWordsSpellTheirKeys` checks the words).
struct FieldKey: Equatable {
    /// Bytes of `key=`.
    let length: Int
    let word: UInt64
    let mask: UInt64

    @inline(__always)
    init(word: UInt64, length: Int) {
        self.word = word
        self.length = length
        mask = length == 8 ? ~0 : (1 << (8 * UInt64(length))) - 1
    }

    /// The key spelled out (tests compare the literal words against it).
    init(_ name: StaticString) {
        precondition(name.utf8CodeUnitCount <= 7, "a FieldKey is read as one word")
        var word: UInt64 = 0
        let bytes = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)) + [ASCII.equals]
        for (offset, byte) in bytes.enumerated() { word |= UInt64(byte) << (8 * UInt64(offset)) }
        self.init(word: word, length: bytes.count)
    }

    static var pmap: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_70_61_6d_70, length: 5) } }
    static var va: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_61_76, length: 3) } }
    static var pa: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_61_70, length: 3) } }
    static var prot: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_74_6f_72_70, length: 5) } }
    static var len: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_6e_65_6c, length: 4) } }
    static var mask: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_6b_73_61_6d, length: 5) } }
    static var pages: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_73_65_67_61_70, length: 6) } }
    static var waitNs: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_73_6e_5f_74_69_61_77, length: 8) } }
    static var offset: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_74_65_73_66_66_6f, length: 7) } }
    static var pid: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_64_69_70, length: 4) } }
    static var lid: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_64_69_6c, length: 4) } }
    static var sig: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_67_69_73, length: 4) } }
    static var caller: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_72_65_6c_6c_61_63, length: 7) } }
    static var child: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_64_6c_69_68_63, length: 6) } }
    static var req: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_71_65_72, length: 4) } }
    static var status: FieldKey { @inline(__always) get { FieldKey(word: 0x3d_73_75_74_61_74_73, length: 7) } }

    /// `kernel` (six bytes) as a word and its mask, for `pmap=kernel`.
    static var kernelWord: UInt64 { @inline(__always) get { 0x6c_65_6e_72_65_6b } }
    static var kernelMask: UInt64 { @inline(__always) get { 0xffff_ffff_ffff } }
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
