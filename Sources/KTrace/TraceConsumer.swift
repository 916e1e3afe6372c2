/// Receives a trace's events in file order.
public protocol TraceConsumer {
    /// Called once with the header configuration, before the first event
    /// (or at the end, for a trace without events).
    mutating func begin(config: TraceConfig)
    mutating func consume(_ event: Event)
    /// Asked once, right after `begin`: false stops the read there (a consumer that
    /// needed only the headers). Defaults to true.
    var readsEvents: Bool { get }
}

extension TraceConsumer {
    public var readsEvents: Bool { true }
}

/// Options for reading a trace.
public struct ReadOptions: Sendable {
    public var maxLineLength = TraceLimits.defaultMaxLineLength
    /// Stop with an error when more decompressed bytes than this arrive.
    public var maxBytes: Int64?
    /// Stop at the first malformed line (`--strict`).
    public var strict = false
    /// The text layout; nil detects it from the first lines (`--input`).
    public var inputFormat: InputFormat?
    public var maxReportedMalformed = 1000
    /// Applied after the header lines: command-line flags override headers.
    public var override: @Sendable (inout TraceConfig) -> Void = { _ in }
    /// Called after each decompressed buffer (about 1 MiB) with bytes and lines read so far.
    public var progress: (@Sendable (Int64, Int) -> Void)?

    public init() {}
}
