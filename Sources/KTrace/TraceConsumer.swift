#if canImport(Glibc)
    import Glibc
#endif

/// Receives a trace's events in file order.
public protocol TraceConsumer {
    /// Called once with the header configuration, before the first event
    /// (or at the end, for a trace without events).
    mutating func begin(config: TraceConfig)
    mutating func consume(_ event: Event)
    /// Asked once, right after `begin`: false stops the read there (a consumer that
    /// needed only the headers). Defaults to true.
    var readsEvents: Bool { get }
    /// Room where the reader may build the next events in place, in file order
    /// (round 8 of docs/performance.md: no copy of each event on its way to a batch).
    /// Empty (the default): the reader hands every event to `consume(_:)`. The reader
    /// calls `commitSlots` (perhaps with 0) before any other call, and asks again after it.
    mutating func eventSlots() -> UnsafeMutableBufferPointer<Event>
    /// The reader built `count` events at the start of the last `eventSlots()`: they
    /// count as consumed, in order, just as if each had gone to `consume(_:)`.
    mutating func commitSlots(_ count: Int)
}

extension TraceConsumer {
    public var readsEvents: Bool { true }
    public mutating func eventSlots() -> UnsafeMutableBufferPointer<Event> {
        UnsafeMutableBufferPointer(start: nil, count: 0)
    }
    public mutating func commitSlots(_ count: Int) {}
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
    /// Threads that parse event lines alongside the reading thread once the headers
    /// are read (round 9 of docs/performance.md); nil: one per online CPU, 0: none.
    /// The result never depends on it.
    public var parseThreads: Int?
    /// Bytes read (or inflated) at a time (1 MiB), and so the largest block a parse
    /// thread takes. Smaller only cuts a trace into more blocks: tests and fuzzing.
    public var bufferBytes = 1 << 20

    /// `parseThreads` when not set: one per online CPU.
    public static var automaticParseThreads: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    public init() {}
}
