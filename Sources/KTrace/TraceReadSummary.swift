/// A line that did not fit the trace layout.
public struct MalformedLine: Sendable, Equatable, Codable {
    public var line: Int
    /// Up to the first 80 bytes of the line.
    public var excerpt: String
    public var reason: String

    public init(line: Int, excerpt: String, reason: String) {
        self.line = line
        self.excerpt = excerpt
        self.reason = reason
    }
}

/// How reading one trace went: everything needed to show that nothing was lost.
public struct TraceReadSummary: Sendable {
    public var path: String
    public var container: InputContainer = .plain
    /// Decompressed bytes read.
    public var bytes: Int64 = 0
    /// Compressed bytes consumed (equal to `bytes` for plain text).
    public var compressedBytes: Int64 = 0
    public var lines = 0
    /// Events handed to the consumer (a Linux `signal_generate` can make two).
    public var events = 0
    /// Lines that were events of the vocabulary.
    public var eventLines = 0
    public var commentLines = 0
    public var blankLines = 0
    public var malformedCount = 0
    /// The first malformed lines (at most `ReadOptions.maxReportedMalformed`).
    public var malformed: [MalformedLine] = []
    public var unknownEvents: [String: Int] = [:]
    /// The text layout read (detected or forced), nil for a trace without lines.
    public var inputFormat: InputFormat?
    /// Events the tracer said it lost (sum of the counts it printed).
    public var lostEvents = 0
    /// Lost-events lines (`CPU:2 [17 EVENTS DROPPED]`, babeltrace2 discard warnings), with or without a count.
    public var lostEventReports = 0
    /// Warnings such as a timestamp going backwards on a CPU (at most 100 kept).
    public var warnings: [String] = []
    public var warningCount = 0
    /// The config after headers and overrides; `cpuCount` fills in an undeclared `ncpu`.
    public var config = TraceConfig()
    /// A Linux capture (trace-cmd/babeltrace2 text, an ftrace `# tracer:` header, or any
    /// Linux tracepoint or syscall event): the NetBSD model does not describe it.
    public var linuxCapture = false
    /// Highest CPU number an event used, or -1.
    public var highestCPU = -1
    /// The error that stopped reading, if any; events before it were delivered.
    public var error: TraceInputError?
    /// With `strict`, the malformed line that stopped reading.
    public var strictStop: MalformedLine?

    public init(path: String) { self.path = path }

    /// `ncpu` as declared, else the highest CPU seen + 1 (at least 1).
    public var cpuCount: Int { config.declaredCPUCount ?? max(highestCPU + 1, 1) }

    /// Unknown event lines in total.
    public var unknownEventCount: Int { unknownEvents.values.reduce(0, +) }
}
