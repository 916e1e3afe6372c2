/// The `{ key = value, … }` blocks of one babeltrace2 line, as byte ranges.
///
/// Each field remembers its block: the packet context (`cpu_id`), other
/// contexts (`tid`, `pid`, `procname`), or the payload. Nested values
/// (structures, arrays, enumerations) are kept whole, not flattened. Storage is
/// reused from line to line.
struct BabeltraceFields {
    struct Field {
        /// -1 for the top-level items of `--names=all` lines.
        var block: Int
        var key: Range<Int>
        var value: Range<Int>
        var quoted: Bool
    }

    private(set) var fields: [Field] = []
    private(set) var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var blockCount = 0
    /// The payload block, or -2 when the event printed none.
    private var payloadBlock = -2

    init() { fields.reserveCapacity(16) }

    /// Default layout: `{ … }, { … }, { … }` — the last of two or more blocks is the payload.
    mutating func scanBlocks(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        reset(bytes)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x7b {
                index = scanBlock(from: index + 1, end: range.upperBound, block: blockCount)
                blockCount += 1
            } else {
                index += 1
            }
        }
        payloadBlock = blockCount >= 2 ? blockCount - 1 : -2
    }

    /// `--names=all` layout: `key = value, …` at top level; `event.fields = { … }` is the payload.
    mutating func scanNamed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        reset(bytes)
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end && (ASCII.isBlank(bytes[index]) || bytes[index] == ASCII.comma) { index += 1 }
            guard index < end, let (key, valueStart) = keyAndValueStart(from: index, end: end) else { break }
            if valueStart < end && bytes[valueStart] == 0x7b {
                if bytes.matches(key, "event.fields") { payloadBlock = blockCount }
                index = scanBlock(from: valueStart + 1, end: end, block: blockCount)
                blockCount += 1
            } else {
                var valueEnd = valueStart
                while valueEnd < end && bytes[valueEnd] != ASCII.comma { valueEnd += 1 }
                fields.append(Field(block: -1, key: key, value: valueStart..<valueEnd, quoted: false))
                index = valueEnd
            }
        }
        return !fields.isEmpty
    }

    private mutating func reset(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        fields.removeAll(keepingCapacity: true)
        blockCount = 0
        payloadBlock = -2
    }

    /// Scans fields after a `{` up to its `}`; returns the index after it.
    private mutating func scanBlock(from start: Int, end: Int, block: Int) -> Int {
        var index = start
        while index < end {
            while index < end && (ASCII.isBlank(bytes[index]) || bytes[index] == ASCII.comma) { index += 1 }
            guard index < end else { return end }
            if bytes[index] == 0x7d { return index + 1 }
            guard let (key, valueStart) = keyAndValueStart(from: index, end: end), valueStart < end else {
                return end
            }
            let byte = bytes[valueStart]
            if byte == ASCII.quote {
                let close = closingQuote(after: valueStart, end: end)
                fields.append(Field(block: block, key: key, value: valueStart + 1..<close, quoted: true))
                index = min(close + 1, end)
            } else if byte == 0x7b || byte == ASCII.openBracket || byte == ASCII.openParen {
                let close = balancedEnd(from: valueStart, end: end)
                fields.append(Field(block: block, key: key, value: valueStart..<close, quoted: false))
                index = close
            } else {
                var valueEnd = valueStart
                while valueEnd < end && bytes[valueEnd] != ASCII.comma && bytes[valueEnd] != 0x7d
                    && !ASCII.isBlank(bytes[valueEnd])
                {
                    valueEnd += 1
                }
                fields.append(Field(block: block, key: key, value: valueStart..<valueEnd, quoted: false))
                index = valueEnd
            }
        }
        return end
    }

    /// `key = ` → the key and where its value starts.
    private func keyAndValueStart(from start: Int, end: Int) -> (Range<Int>, Int)? {
        var index = start
        while index < end && !ASCII.isBlank(bytes[index]) && bytes[index] != ASCII.equals { index += 1 }
        let key = start..<index
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        guard !key.isEmpty, index < end, bytes[index] == ASCII.equals else { return nil }
        index += 1
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        return (key, index)
    }

    private func closingQuote(after open: Int, end: Int) -> Int {
        var index = open + 1
        while index < end {
            if bytes[index] == ASCII.backslash {
                index += 2
                continue
            }
            if bytes[index] == ASCII.quote { return index }
            index += 1
        }
        return end
    }

    /// The index after the bracket that closes the one at `start` (strings skipped).
    private func balancedEnd(from start: Int, end: Int) -> Int {
        var depth = 0
        var index = start
        while index < end {
            switch bytes[index] {
            case 0x7b, ASCII.openBracket, ASCII.openParen: depth += 1
            case 0x7d, ASCII.closeBracket, ASCII.closeParen:
                depth -= 1
                if depth == 0 { return index + 1 }
            case ASCII.quote: index = closingQuote(after: index, end: end)
            default: break
            }
            index += 1
        }
        return end
    }

    /// A payload field's value.
    func payload(_ key: StaticString) -> Range<Int>? {
        for field in fields where field.block == payloadBlock && bytes.matches(field.key, key) { return field.value }
        return nil
    }

    /// A context field's value (any block but the payload).
    func context(_ key: StaticString) -> Range<Int>? {
        for field in fields where field.block >= 0 && field.block != payloadBlock && bytes.matches(field.key, key) {
            return field.value
        }
        return nil
    }

    /// A top-level `--names=all` item.
    func top(_ key: StaticString) -> Range<Int>? {
        for field in fields where field.block == -1 && bytes.matches(field.key, key) { return field.value }
        return nil
    }

    func signed(_ key: StaticString) -> Int64? { payload(key).flatMap { NumberParser.signed(bytes, $0) } }

    func int32(_ key: StaticString) -> Int32? { signed(key).flatMap { Int32(exactly: $0) } }
}
