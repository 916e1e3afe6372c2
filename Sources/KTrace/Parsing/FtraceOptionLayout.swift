/// Recognises the ftrace line layouts that kreplay does not read, so that the
/// malformed-line message names the `options/` file that made them (docs/tlb-model.md "Linux captures",
/// docs/inputs.md "Capturing on Linux").
///
/// * `options/context-info` off: `event: fields` with no comm-pid, CPU or time.
/// * `options/latency-format` on: `comm-pid  0d..1. 24009us : event: …` — the
///   CPU glued to the flags, a time in µs relative to the trace start.
///
/// `irq-info` off (no flags column), `record-tgid` (the `(tgid)` column) and
/// `print-parent` (no effect on events) are read as usual.
enum FtraceOptionLayout {
    static func reason(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> StaticString? {
        if startsWithEventName(bytes, from: start) {
            return "no comm-pid, [cpu] or timestamp: captured with ftrace options/context-info off (turn it on)"
        }
        if hasLatencyTime(bytes, from: start) {
            return "ftrace options/latency-format line (µs since start, CPU in the flags): turn latency-format off"
        }
        return nil
    }

    /// `name:` or `name(` or `name ->` as the line's first word, with a name kreplay knows.
    private static func startsWithEventName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let end = bytes.count
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.colon || byte == ASCII.openParen || ASCII.isBlank(byte) { break }
            index += 1
        }
        guard index > start, index < end, EventName.lookup(bytes, start..<index) != nil else { return false }
        return bytes[index] != UInt8(ascii: " ") || (index + 2 < end && bytes[index + 1] == ASCII.dash)
    }

    /// A `12345us` token followed by a delay mark (`+ ! # * @ $` or blank) and `:`.
    private static func hasLatencyTime(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let end = bytes.count
        var index = start
        while index + 3 < end {
            if ASCII.isDigit(bytes[index]), bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "s")
            {
                var after = index + 3
                if after < end, bytes[after] != ASCII.colon { after += 1 }
                if after < end, bytes[after] == ASCII.colon { return true }
            }
            index += 1
        }
        return false
    }
}
