/// Parses `babeltrace2` text output (`sink.text.pretty`) of LTTng kernel traces,
/// byte by byte, into the docs/trace-format.md "Event vocabulary" vocabulary.
///
/// ```
/// [15:03:21.123456789] (+0.000001011) host sched_switch: { cpu_id = 0 }, { prev_comm = "swapper/0", … }
/// [1521990201.123456789] (+…) host event: { cpu_id = 1 }, { tid = 7, pid = 7, procname = "x" }, { … }
/// [2018-03-25 15:03:21.123456789] (+…) host event: …
/// timestamp = 15:03:21.123456789, delta = +0.000001011, trace:hostname = host, name = event, …   (--names=all)
/// WARNING: Tracer discarded 5 events between [...] and [...] in trace "host" …   (on stderr: 2>&1)
/// ```
///
/// The first `{ … }` is the packet context (`cpu_id`), the last the payload,
/// those between are contexts (`tid`, `pid`, `procname` when the session added
/// them). Without a `tid`/`pid` context an event belongs to the thread the CPU
/// was last seen switching to (`sched_switch`), or pid -1 before that.
struct BabeltraceLineParser {
    var fields = BabeltraceFields()
    private(set) var emitted: [Event] = []
    /// The thread each CPU runs, from `sched_switch` (`-1` unknown).
    var currentTid: [Int32] = []
    /// `options` of the last `wait4` entry per thread, for its exit.
    var pendingWaitOptions: [Int32: (child: Int32, options: WaitOptions)] = [:]
    /// Day wrap-around for `[HH:MM:SS.n]` timestamps.
    private var dayOffsetNs: Int64 = 0
    private var lastTimeNs: Int64 = Int64.min

    init() {}

    /// Hands the last line's events over for `events` (see `InputFormatParser.exchangeEmitted`).
    mutating func exchangeEmitted(_ events: inout [Event]) { swap(&events, &emitted) }

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> LineParser.Outcome {
        emitted.removeAll(keepingCapacity: true)
        var index = 0
        let end = bytes.count
        while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
        if index == end { return .blank }
        if bytes[index] == ASCII.hash { return .comment(contentStart: index + 1) }
        let rest = index..<end
        if InputFormatDetector.starts(bytes, rest, "WARNING:") { return Self.warning(bytes, from: index) }
        let head: (time: Int64, name: Range<Int>)
        if bytes[index] == ASCII.openBracket {
            guard let parsed = bracketHead(bytes, from: index) else {
                return .malformed(reason: "babeltrace: no [timestamp] … event: head")
            }
            head = parsed
        } else if InputFormatDetector.starts(bytes, rest, "timestamp = ") {
            guard fields.scanNamed(bytes, index..<end), let parsed = namedHead(bytes) else {
                return .malformed(reason: "babeltrace --names: no timestamp or name")
            }
            head = parsed
        } else {
            return .malformed(reason: "babeltrace: line does not start with [timestamp]")
        }
        guard let cpuValue = fields.context("cpu_id").flatMap({ NumberParser.unsigned(bytes, $0) }),
            cpuValue < UInt64(TraceLimits.maxCPUs)
        else { return .malformed(reason: "babeltrace: no { cpu_id = N } context") }
        let cpu = Int(cpuValue)
        if cpu >= currentTid.count {
            currentTid.append(contentsOf: repeatElement(-1, count: cpu + 1 - currentTid.count))
        }
        let contextTid = (fields.context("tid") ?? fields.context("vtid") ?? fields.context("pid"))
            .flatMap { NumberParser.signed(bytes, $0) }.flatMap { Int32(exactly: $0) }
        let pid = contextTid ?? currentTid[cpu]
        let context = LineParser.EventContext(line: line, cpu: cpu, pid: pid, timeNs: head.time)
        guard let name = BabeltraceEventName.lookup(bytes, head.name) else { return .unknown(name: head.name) }
        var produced: [Event] = []
        swap(&produced, &emitted)
        let problem = decode(name, context: context, emit: { produced.append($0) })
        swap(&produced, &emitted)
        if let problem {
            emitted.removeAll(keepingCapacity: true)
            return .malformed(reason: problem)
        }
        return .events
    }

    /// `[time] (+delta) [host] name: { … }, …`
    private mutating func bracketHead(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
        time: Int64, name: Range<Int>
    )? {
        let end = bytes.count
        var close = start + 1
        while close < end && bytes[close] != ASCII.closeBracket { close += 1 }
        guard close < end, let time = timestamp(bytes, start + 1..<close) else { return nil }
        var index = close + 1
        var name: Range<Int>?
        while index < end {
            while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
            if index < end && bytes[index] == ASCII.openParen {
                while index < end && bytes[index] != ASCII.closeParen { index += 1 }
                index += 1
                continue
            }
            let tokenStart = index
            while index < end && !ASCII.isBlank(bytes[index]) { index += 1 }
            guard index > tokenStart else { break }
            if bytes[index - 1] == ASCII.colon {
                name = tokenStart..<index - 1
                break
            }
        }
        guard let name, !name.isEmpty else { return nil }
        fields.scanBlocks(bytes, index..<end)
        return (time, name)
    }

    /// `timestamp = …, delta = …, trace:hostname = …, name = …, stream.packet.context = { … }, …`
    private mutating func namedHead(_ bytes: UnsafeBufferPointer<UInt8>) -> (time: Int64, name: Range<Int>)? {
        guard let stamp = fields.top("timestamp"), let time = timestamp(bytes, stamp),
            let name = fields.top("name")
        else { return nil }
        return (time, name)
    }

    /// `HH:MM:SS.n`, `SECONDS.n`, `YYYY-MM-DD HH:MM:SS.n` or clock cycles, in ns.
    private mutating func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var colons = 0
        var space = -1
        for index in range {
            if bytes[index] == ASCII.colon { colons += 1 }
            if bytes[index] == ASCII.space { space = index }
        }
        if colons == 0 {
            if let seconds = NumberParser.timestamp(bytes, range) { return seconds }
            return NumberParser.unsigned(bytes, range).flatMap { Int64(exactly: $0) }
        }
        var days: Int64 = 0
        var clock = range
        if space >= 0 {
            guard let date = BabeltraceTime.days(bytes, range.lowerBound..<space) else { return nil }
            days = date
            clock = space + 1..<range.upperBound
        }
        guard let timeOfDay = BabeltraceTime.timeOfDay(bytes, clock) else { return nil }
        if space >= 0 {
            // A date past 2262 (or before 1677) is beyond Int64 nanoseconds: not a timestamp.
            let (midnight, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000_000)
            let (time, overflow2) = midnight.addingReportingOverflow(timeOfDay)
            return overflow || overflow2 ? nil : time
        }
        // Time of day only: carry across midnight (saturating: hostile input can wrap often).
        var time = timeOfDay.saturatingAdd(dayOffsetNs)
        if lastTimeNs != Int64.min && time < lastTimeNs.saturatingAdd(-43_200_000_000_000) {
            dayOffsetNs = dayOffsetNs.saturatingAdd(86_400_000_000_000)
            time = time.saturatingAdd(86_400_000_000_000)
        }
        lastTimeNs = max(lastTimeNs, time)
        return time
    }

    /// `WARNING: Tracer discarded N events between …` (or `N packets`): lost events.
    private static func warning(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> LineParser.Outcome {
        let prefix = start + "WARNING: Tracer discarded ".utf8.count
        guard InputFormatDetector.starts(bytes, start..<bytes.count, "WARNING: Tracer discarded ") else {
            return .preamble
        }
        var index = prefix
        while index < bytes.count && ASCII.isDigit(bytes[index]) { index += 1 }
        let count = NumberParser.unsigned(bytes, prefix..<index).map { Int(clamping: $0) }
        let isEvents = InputFormatDetector.starts(bytes, index..<bytes.count, " event")
        return .lostEvents(cpu: nil, count: isEvents ? count : nil)
    }
}

/// Calendar arithmetic for babeltrace2's `--clock-date` timestamps.
enum BabeltraceTime {
    /// `YYYY-MM-DD` → days since 1970-01-01 (proleptic Gregorian).
    static func days(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard range.count == 10, bytes[range.lowerBound + 4] == ASCII.dash, bytes[range.lowerBound + 7] == ASCII.dash,
            let year = NumberParser.unsigned(bytes, range.lowerBound..<range.lowerBound + 4),
            let month = NumberParser.unsigned(bytes, range.lowerBound + 5..<range.lowerBound + 7),
            let day = NumberParser.unsigned(bytes, range.lowerBound + 8..<range.upperBound),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = Int64(year) - (month <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `HH:MM:SS.fffffffff` → ns since midnight.
    static func timeOfDay(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        let start = range.lowerBound
        guard range.count >= 8, bytes[start + 2] == ASCII.colon, bytes[start + 5] == ASCII.colon,
            let hours = NumberParser.unsigned(bytes, start..<start + 2),
            let minutes = NumberParser.unsigned(bytes, start + 3..<start + 5),
            let seconds = NumberParser.timestamp(bytes, start + 6..<range.upperBound)
                ?? NumberParser.unsigned(bytes, start + 6..<range.upperBound).flatMap(Self.wholeSeconds)
        else { return nil }
        let (time, overflow) = ((Int64(hours) * 3600 + Int64(minutes) * 60) * 1_000_000_000).addingReportingOverflow(
            seconds)
        return overflow ? nil : time
    }

    /// Whole seconds in ns, or nil beyond Int64.
    private static func wholeSeconds(_ value: UInt64) -> Int64? {
        guard let seconds = Int64(exactly: value) else { return nil }
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? nil : ns
    }
}
