/// Routes each line to the parser of the trace's format: detected from the
/// first meaningful lines, or forced (`--input`).
struct InputFormatParser {
    private(set) var format: InputFormat?
    private var lines = LineParser()
    private var babeltrace = BabeltraceLineParser()

    init(format: InputFormat?) { self.format = format }

    var signalNumbering: SignalNumbering {
        get { lines.signalNumbering }
        set { lines.signalNumbering = newValue }
    }

    /// Swaps the last line's events into `events`, and `events`' old contents
    /// (cleared by the next `parse`) into the parser: the reader then moves the
    /// events out instead of copying each one (an `Event` copy goes through its
    /// value witness), and both arrays keep their capacity.
    mutating func exchangeEmitted(_ events: inout [Event]) {
        if format == .babeltrace {
            babeltrace.exchangeEmitted(&events)
        } else {
            lines.exchangeEmitted(&events)
        }
    }

    /// The parser of the ftrace-layout formats, for parse threads (`BlockParser`).
    var lineParser: LineParser { lines }

    /// The trace is a Linux capture: trace-cmd or babeltrace2 text, or a Linux event read.
    var sawLinuxCapture: Bool { format == .traceCmd || format == .babeltrace || lines.sawLinuxEvent }

    /// `LineParser.hotEvent` for the ftrace-layout formats once the format is known;
    /// nil means "call `parse`".
    @inline(__always)
    mutating func hotEvent(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Event? {
        guard let format, format != .babeltrace else { return nil }
        return lines.hotEvent(bytes, line: line)
    }

    /// `hotEvent` built in place at `slot`; false means "call `parse`".
    @inline(__always)
    mutating func hotEvent(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into slot: UnsafeMutablePointer<Event>)
        -> Bool
    {
        guard let format, format != .babeltrace else { return false }
        return lines.hotEvent(bytes, line: line, into: slot)
    }

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> LineParser.Outcome {
        if format == nil { format = InputFormatDetector.detect(bytes) }
        if format == .babeltrace { return babeltrace.parse(bytes, line: line) }
        return lines.parse(bytes, line: line)
    }
}

extension TraceReadSummary {
    /// Counts a lost-events line and keeps it as a warning: lost events are never dropped silently.
    mutating func noteLostEvents(line: Int, cpu: Int?, count: Int?) {
        lostEventReports += 1
        // Saturating: two `CPU:1 [9223372036854775807 EVENTS DROPPED]` lines must not trap.
        let (sum, overflow) = lostEvents.addingReportingOverflow(count ?? 0)
        lostEvents = overflow ? Int.max : sum
        warningCount += 1
        // The text only for the 100 warnings kept: a flood of lost-event lines makes no strings.
        guard warnings.count < 100 else { return }
        let whereLost = cpu.map { "cpu\($0)" } ?? "the tracer"
        let what = count.map { "\($0) events" } ?? "an unknown number of events (or packets)"
        warnings.append("line \(line): \(whereLost) lost \(what)")
    }
}
