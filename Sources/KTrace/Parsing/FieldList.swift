/// The `key=value` (or `key:value`) fields of one event line, as byte ranges.
///
/// The storage is reused from line to line, so scanning allocates nothing.
struct FieldList {
    struct Field {
        var key: Range<Int>
        var value: Range<Int>
        /// The value was in double quotes (escapes still in place).
        var quoted: Bool
    }

    /// Storage reused from line to line: only the first `fieldCount` are this line's.
    /// (Resetting a count, not `removeAll(keepingCapacity:)`, which cost ~170
    /// instructions per line.)
    private var fields: [Field] = []
    private var fieldCount = 0
    private(set) var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Bare words that belong to no key (e.g. the value of `sys_exit_wait4: 0x5`).
    private(set) var bareWords: [Range<Int>] = []

    init() {
        fields.reserveCapacity(16)
        bareWords.reserveCapacity(4)
    }

    /// Scans `bytes[range]` as blank-separated `key=value` pairs.
    ///
    /// A word without `=` or `:` continues the previous value (a comm or a
    /// Linux `reason:remote shootdown (1)` with blanks in it). Returns false on an
    /// unterminated quote.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        self.bytes = bytes
        fieldCount = 0
        if !bareWords.isEmpty { bareWords.removeAll(keepingCapacity: true) }
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
            guard index < end else { break }
            let wordStart = index
            // The key, up to the first `=`/`:` after its first byte; then the value
            // is scanned for its end only (one test per byte on the long hex values).
            var separator = -1
            while index < end {
                let byte = bytes[index]
                if ASCII.isBlank(byte) { break }
                if (byte == ASCII.equals || byte == ASCII.colon) && index > wordStart {
                    separator = index
                    break
                }
                index += 1
            }
            guard separator >= 0 else {
                // A bare word: part of the previous value, or standing alone.
                if bytes.matches(wordStart..<index, "==>") { continue }
                if fieldCount > 0, !fields[fieldCount - 1].quoted {
                    fields[fieldCount - 1].value = fields[fieldCount - 1].value.lowerBound..<index
                } else {
                    bareWords.append(wordStart..<index)
                }
                continue
            }
            index += 1
            if index < end && bytes[index] == ASCII.quote {
                guard let close = closingQuote(after: index, end: end) else { return false }
                append(Field(key: wordStart..<separator, value: index + 1..<close, quoted: true))
                index = close + 1
                continue
            }
            while index < end && !ASCII.isBlank(bytes[index]) { index += 1 }
            append(Field(key: wordStart..<separator, value: separator + 1..<index, quoted: false))
        }
        return true
    }

    /// Scans `key: value, key: value` (ftrace syscall arguments and `sys_enter_*`).
    mutating func scanCommaSeparated(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.bytes = bytes
        fieldCount = 0
        if !bareWords.isEmpty { bareWords.removeAll(keepingCapacity: true) }
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end && (ASCII.isBlank(bytes[index]) || bytes[index] == ASCII.comma) { index += 1 }
            let keyStart = index
            while index < end && bytes[index] != ASCII.colon && bytes[index] != ASCII.comma { index += 1 }
            guard index < end, bytes[index] == ASCII.colon else {
                if keyStart < index { bareWords.append(keyStart..<index) }
                continue
            }
            let keyEnd = index
            index += 1
            while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
            let valueStart = index
            while index < end && bytes[index] != ASCII.comma && !ASCII.isBlank(bytes[index]) { index += 1 }
            append(Field(key: keyStart..<keyEnd, value: valueStart..<index, quoted: false))
        }
    }

    private mutating func append(_ field: Field) {
        if fieldCount < fields.count {
            fields[fieldCount] = field
        } else {
            fields.append(field)
        }
        fieldCount += 1
    }

    private func closingQuote(after open: Int, end: Int) -> Int? {
        var index = open + 1
        while index < end {
            if bytes[index] == ASCII.backslash {
                index += 2
                continue
            }
            if bytes[index] == ASCII.quote { return index }
            index += 1
        }
        return nil
    }

    /// The value range of `key`, if present.
    func range(_ key: StaticString) -> Range<Int>? {
        for index in 0..<fieldCount where bytes.matches(fields[index].key, key) { return fields[index].value }
        return nil
    }

    func has(_ key: StaticString) -> Bool { range(key) != nil }

    func unsigned(_ key: StaticString, bareHex: Bool = false) -> UInt64? {
        range(key).flatMap { NumberParser.unsigned(bytes, $0, bareHex: bareHex) }
    }

    func signed(_ key: StaticString, bareHex: Bool = false) -> Int64? {
        range(key).flatMap { NumberParser.signed(bytes, $0, bareHex: bareHex) }
    }

    /// The value as a `String`, with quotes' escapes resolved.
    func string(_ key: StaticString) -> String? {
        for field in fields[0..<fieldCount] where bytes.matches(field.key, key) {
            guard field.quoted else { return bytes.string(field.value) }
            var result: [UInt8] = []
            var index = field.value.lowerBound
            while index < field.value.upperBound {
                if bytes[index] == ASCII.backslash && index + 1 < field.value.upperBound { index += 1 }
                result.append(bytes[index])
                index += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
        return nil
    }
}
