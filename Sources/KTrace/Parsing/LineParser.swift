#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses one trace line (docs/trace-format.md "Event lines") into events, working on bytes only.
///
/// `<comm>-<pid> [<cpu>] <flags> <sec>.<frac>: <event>: <fields>`, with the
/// flags optional, plus the ftrace syscall forms `sys_x(args)` and `sys_x -> ret`.
struct LineParser {
    /// What one line turned out to be.
    enum Outcome: Equatable {
        case events
        case blank
        /// A `#` line; `contentStart` is the index after the `#`.
        case comment(contentStart: Int)
        /// `cpus=N` as `trace-cmd report` prints first.
        case cpuCount(Int)
        case unknown(name: Range<Int>)
        case malformed(reason: String)
        /// Events the tracer lost (`CPU:2 [17 EVENTS DROPPED]`, babeltrace2's
        /// `WARNING: Tracer discarded 5 events`); `count` nil when not said.
        case lostEvents(cpu: Int?, count: Int?)
        /// A tool's informational line (`CPU 3 is empty`, `version = 6`).
        case preamble
    }

    var signalNumbering: SignalNumbering = .netbsd
    /// A Linux tracepoint or syscall form was read (`EventName.isLinuxOnly`).
    private(set) var sawLinuxEvent = false
    private var fields = FieldList()
    /// `options` of the last `wait4` entry per pid, for the exit that follows (Linux).
    var pendingWaitOptions: [Int32: (child: Int32, options: WaitOptions)] = [:]
    /// The last `sig=` name read by the fast path (`fastSignalKind`).
    var signalNames = SignalNameCache()
    /// The known names by their first bytes, for the fast path (no `swift_once` per line).
    let names = EventNameTable.shared

    init() {}

    /// The pieces of the ftrace layout around the event name.
    struct Layout: Equatable {
        var pid: Int32
        var cpu: Int
        var timeNs: Int64
        var name: Range<Int>
        /// Where fields start, and how they are written.
        var body: Range<Int>
        var form: Form
        /// The record-tgid `(tgid)` column; -1 when absent or `-------`.
        var tgid: Int32 = -1

        enum Form { case fields, syscallEntry, syscallExit }
    }

    /// Events of the last parsed line (one, or two for some Linux tracepoints).
    private(set) var emitted: [Event] = []
    /// Hands the last line's events over for `events` (see `InputFormatParser.exchangeEmitted`).
    mutating func exchangeEmitted(_ events: inout [Event]) { swap(&events, &emitted) }

    /// The field text of the last parsed line (for decoders that read it whole).
    private(set) var body: Range<Int> = 0..<0

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Outcome {
        // One event per line, usually: `removeLast` is far cheaper than the generic
        // `removeAll(keepingCapacity:)` (replaceSubrange) on this per-line path.
        while !emitted.isEmpty { emitted.removeLast() }
        let end = bytes.count
        // ftrace right-aligns the comm in 16 columns: most lines start with blanks.
        let index = WordScan.skipBlanks(bytes, from: 0, to: end)
        if index == end { return .blank }
        if bytes[index] == ASCII.hash { return .comment(contentStart: index + 1) }
        if bytes.matches(index..<min(end, index + 5), "cpus=") {
            if let count = NumberParser.unsigned(bytes, index + 5..<end), count > 0, count <= 1 << 20 {
                return .cpuCount(Int(count))
            }
            return .malformed(reason: "bad cpus= line")
        }
        // Preamble lines start `version = ` or `CPU`: skip the check for every other line.
        if bytes[index] == UInt8(ascii: "v") || bytes[index] == UInt8(ascii: "C"),
            let preamble = TraceCmdPreamble.outcome(bytes, from: index)
        {
            return preamble
        }
        let layout: Layout
        if let fast = Self.fastLayout(bytes, from: index) {
            layout = fast
        } else {
            switch Self.layout(bytes, from: index) {
            case .success(let value): layout = value
            case .failure(let error):
                // `trace-cmd report -l` has no `[cpu]`: the CPU leads the latency flags.
                guard let latency = TraceCmdPreamble.latencyPrefix(bytes, from: index),
                    case .success(let value) = Self.eventPart(
                        bytes, from: latency.next, pid: latency.pid, cpu: latency.cpu)
                else {
                    let reason = FtraceOptionLayout.reason(bytes, from: index) ?? error.reason
                    return .malformed(reason: reason.description)
                }
                layout = value
            }
        }
        body = layout.body
        guard let name = EventName.lookup(bytes, layout.name) else { return .unknown(name: layout.name) }
        let context = EventContext(
            line: line, cpu: layout.cpu, pid: layout.pid, timeNs: layout.timeNs, tgid: layout.tgid)
        if layout.form == .fields, let kind = Self.fastNetBSDKind(name, bytes, layout.body) {
            emitted.append(context.event(kind))
            return .events
        }
        if name.isLinuxOnly { sawLinuxEvent = true }
        switch layout.form {
        case .fields where !name.hasCommaSeparatedFields:
            guard fields.scan(bytes, layout.body) else { return .malformed(reason: "unterminated quote") }
        case .fields, .syscallEntry, .syscallExit:
            fields.scanCommaSeparated(bytes, layout.body)
        }
        var produced: [Event] = []
        swap(&produced, &emitted)
        defer { swap(&produced, &emitted) }
        if let problem = decode(name, form: layout.form, context: context, emit: { produced.append($0) }) {
            produced.removeAll(keepingCapacity: true)
            return .malformed(reason: problem)
        }
        return .events
    }

    /// A `StaticString`, not a `String`: it keeps `Result<Layout, LayoutError>`
    /// trivially copyable on the per-line path (no retain/release, no outlined copies).
    struct LayoutError: Error { var reason: StaticString }

    static func layout(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Result<Layout, LayoutError> {
        let end = bytes.count
        // The CPU field: " [digits]" preceded by "-pid".
        var search = start
        var bracket = -1
        while search < end {
            guard let found = firstIndex(of: ASCII.openBracket, in: bytes, from: search) else { break }
            if found > start && ASCII.isBlank(bytes[found - 1]) && isCPUField(bytes, at: found) {
                bracket = found
                break
            }
            search = found + 1
        }
        guard bracket > 0 else { return .failure(LayoutError(reason: "no [cpu] field")) }
        var pidEnd = bracket
        while pidEnd > start && ASCII.isBlank(bytes[pidEnd - 1]) { pidEnd -= 1 }
        var tgid: Int32 = -1
        if pidEnd > start && bytes[pidEnd - 1] == ASCII.closeParen {
            guard let column = TGIDColumn.read(bytes, closeParen: pidEnd - 1, from: start) else {
                return .failure(LayoutError(reason: "bad (tgid) column before [cpu]"))
            }
            tgid = column.tgid
            pidEnd = column.start
            while pidEnd > start && ASCII.isBlank(bytes[pidEnd - 1]) { pidEnd -= 1 }
        }
        var pidStart = pidEnd
        while pidStart > start && ASCII.isDigit(bytes[pidStart - 1]) { pidStart -= 1 }
        guard pidStart < pidEnd, pidStart > start, bytes[pidStart - 1] == ASCII.dash,
            let pid = NumberParser.unsigned(bytes, pidStart..<pidEnd), pid <= UInt64(Int32.max)
        else { return .failure(LayoutError(reason: "no comm-pid before [cpu]")) }
        var index = bracket + 1
        var cpuValue = 0
        while bytes[index] != ASCII.closeBracket {
            cpuValue = cpuValue * 10 + Int(bytes[index] - ASCII.zero)
            index += 1
        }
        var result = eventPart(bytes, from: index + 1, pid: Int32(pid), cpu: cpuValue)
        if case .success(var layout) = result {
            layout.tgid = tgid
            result = .success(layout)
        }
        return result
    }

    /// The part after `[cpu]` (or after trace-cmd's latency column): optional
    /// flags, `sec.frac:`, an optional `(+delta)` (`trace-cmd report --ts-diff`), the event.
    static func eventPart(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, pid: Int32, cpu cpuValue: Int)
        -> Result<Layout, LayoutError>
    {
        let end = bytes.count
        var index = start
        // Optional flags, then the timestamp "sec.frac:".
        var timeNs: Int64?
        for _ in 0..<2 {
            while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
            let tokenStart = index
            while index < end && !ASCII.isBlank(bytes[index]) { index += 1 }
            if index > tokenStart + 1 && bytes[index - 1] == ASCII.colon,
                let time = NumberParser.timestamp(bytes, tokenStart..<index - 1)
            {
                timeNs = time
                break
            }
        }
        guard let time = timeNs else { return .failure(LayoutError(reason: "no timestamp")) }
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        if index + 1 < end && bytes[index] == ASCII.openParen && bytes[index + 1] == 0x2b {
            while index < end && bytes[index] != ASCII.closeParen { index += 1 }
            index += 1
            while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        }
        let nameStart = index
        while index < end {
            let byte = bytes[index]
            if byte == ASCII.colon || byte == ASCII.openParen || ASCII.isBlank(byte) { break }
            index += 1
        }
        guard index > nameStart else { return .failure(LayoutError(reason: "no event name")) }
        let name = nameStart..<index
        var layout = Layout(
            pid: pid, cpu: cpuValue, timeNs: time, name: name, body: end..<end, form: .fields)
        if index == end { return .failure(LayoutError(reason: "no ':' after the event name")) }
        switch bytes[index] {
        case ASCII.colon:
            layout.body = index + 1..<end
        case ASCII.openParen:
            var close = end - 1
            while close > index && bytes[close] != ASCII.closeParen { close -= 1 }
            guard close > index else { return .failure(LayoutError(reason: "unclosed '(' in syscall entry")) }
            layout.body = index + 1..<close
            layout.form = .syscallEntry
        default:
            var arrow = index
            while arrow < end && ASCII.isBlank(bytes[arrow]) { arrow += 1 }
            guard arrow + 1 < end, bytes[arrow] == ASCII.dash, bytes[arrow + 1] == ASCII.greater else {
                return .failure(LayoutError(reason: "no ':' after the event name"))
            }
            layout.body = arrow + 2..<end
            layout.form = .syscallExit
        }
        return .success(layout)
    }

    private static func isCPUField(_ bytes: UnsafeBufferPointer<UInt8>, at bracket: Int) -> Bool {
        var index = bracket + 1
        var digits = 0
        while index < bytes.count && ASCII.isDigit(bytes[index]) {
            index += 1
            digits += 1
        }
        return digits > 0 && digits <= 6 && index < bytes.count && bytes[index] == ASCII.closeBracket
    }

    /// `memchr`: the `[cpu]` search crosses the padded comm on every line.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Where an event happened, shared by the events one line produces.
    struct EventContext {
        var line: Int
        var cpu: Int
        var pid: Int32
        var timeNs: Int64
        var tgid: Int32 = -1

        func event(_ kind: consuming EventKind) -> Event {
            Event(line: line, cpu: cpu, pid: pid, timeNs: timeNs, kind: kind, tgid: tgid)
        }
    }

    /// Reads fields through the decoders (see `EventDecoding.swift`).
    var fieldList: FieldList { fields }
}
