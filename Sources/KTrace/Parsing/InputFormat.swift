/// The text layouts kreplay reads (docs/trace-format.md "Event lines", §1.4; docs/inputs.md).
///
/// `ftrace`, `trace-cmd` and `kreplay` share the ftrace line layout and one
/// parser (which also understands trace-cmd's preamble, its `-l` latency
/// column and its lost-events lines); `babeltrace` is the `sink.text.pretty`
/// output of `babeltrace2` for LTTng kernel traces.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    /// Linux `/sys/kernel/tracing/trace` (starts with `# tracer:`).
    case ftrace
    /// `trace-cmd report` output (starts with `cpus=N`).
    case traceCmd = "trace-cmd"
    /// `babeltrace2` text of an LTTng kernel trace (`[time] (+delta) host event: { cpu_id = N }, { … }`).
    case babeltrace
    /// kreplay's own traces (`# kreplay-trace: version=1`), NetBSD or synthetic.
    case kreplay

    /// True when the events come from Linux: signal numbers are Linux's.
    var impliesLinux: Bool { self != .kreplay }
}

/// Recognises a trace's format from its first meaningful lines.
enum InputFormatDetector {
    /// The format a line reveals, or nil when the line says nothing (blank, plain comment).
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> InputFormat? {
        var index = 0
        let end = bytes.count
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        guard index < end else { return nil }
        let rest = index..<end
        if bytes[index] == ASCII.hash {
            if starts(bytes, rest, "# kreplay-trace:") { return .kreplay }
            if starts(bytes, rest, "# tracer:") { return .ftrace }
            return nil
        }
        if starts(bytes, rest, "cpus=") || starts(bytes, rest, "version = ") { return .traceCmd }
        if starts(bytes, rest, "timestamp = ") || starts(bytes, rest, "WARNING: Tracer discarded") {
            return .babeltrace
        }
        if bytes[index] == ASCII.openBracket && index + 1 < end && ASCII.isDigit(bytes[index + 1]) {
            // `[12:00:00.000000001] (+…` or `[1234.5] host event: {`; an ftrace `[003]` never starts a line.
            var close = index + 1
            while close < end && bytes[close] != ASCII.closeBracket { close += 1 }
            if close < end { return .babeltrace }
        }
        if TraceCmdPreamble.isTraceCmdLine(bytes, from: index) { return .traceCmd }
        return .ftrace
    }

    static func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        return range.count >= count && bytes.matches(range.lowerBound..<range.lowerBound + count, text)
    }
}
