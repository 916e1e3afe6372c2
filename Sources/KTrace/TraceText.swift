/// A whole trace parsed into memory: for tests and small tools, not for big traces.
public struct ParsedTrace: Sendable {
    public var config: TraceConfig
    public var events: [Event]
    public var summary: TraceReadSummary
}

/// Parses trace text held in memory.
public enum TraceText {
    /// Parses `text` (docs/trace-format.md "Containers" layout) into its config and events.
    public static func parse(_ text: String, name: String = "<text>", options: ReadOptions = ReadOptions())
        -> ParsedTrace
    {
        parse(bytes: Array(text.utf8), name: name, options: options)
    }

    /// Parses bytes of any container (gzip, zlib or plain).
    public static func parse(bytes: [UInt8], name: String = "<bytes>", options: ReadOptions = ReadOptions())
        -> ParsedTrace
    {
        var collector = EventCollector()
        var summary: TraceReadSummary
        do {
            let reader = try TraceReader(bytes: bytes, name: name, options: options)
            summary = reader.read(into: &collector)
        } catch {
            summary = TraceReadSummary(path: name)
            summary.error = error
        }
        return ParsedTrace(config: summary.config, events: collector.events, summary: summary)
    }
}

/// A consumer that keeps every event.
public struct EventCollector: TraceConsumer {
    public private(set) var config = TraceConfig()
    public private(set) var events: [Event] = []

    public init() {}

    public mutating func begin(config: TraceConfig) { self.config = config }
    public mutating func consume(_ event: Event) { events.append(event) }
}
