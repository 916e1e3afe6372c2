/// Writes trace lines into a reusable buffer and streams them to a sink,
/// splitting the stream into gzip members and reporting progress.
///
/// Generators call `begin(_:flags:event:)`, append fields to `buffer`, then
/// `endLine()`; `unitDone()` after each unit of work (a UBC window, a signal
/// iteration) lets the emitter end members on unit boundaries.
public final class TraceEmitter {
    /// The line being built; append fields to it between `begin` and `endLine`.
    public let buffer: TraceLineBuffer
    private let sink: any TraceSink
    /// Number of gzip members to write (1 = a single stream).
    public let members: Int
    private var membersEnded = 0
    private var unitsDone = 0
    /// Units the run will produce, when known (member boundaries and progress use it).
    public var totalUnits: Int?
    /// Uncompressed bytes the run aims at, when the run is sized by output (`--trace-bytes`).
    public var byteBudget: Int64?
    /// Called after each flushed buffer with uncompressed bytes and lines written so far.
    public var progress: ((Int64, Int) -> Void)?
    /// Time of the next line, in nanoseconds.
    public var now: Int64 = 10_000_000_000
    /// What has been written, as analysis would count it.
    public var stats = SynthStats()
    private var flushedBytes: Int64 = 0
    /// Lines written (headers included).
    public private(set) var lines = 0

    public init(sink: any TraceSink, members: Int = 1, bufferCapacity: Int = 1 << 20) {
        self.sink = sink
        self.members = max(1, members)
        buffer = TraceLineBuffer(capacity: bufferCapacity)
    }

    /// Uncompressed bytes produced so far.
    public var bytesWritten: Int64 { flushedBytes + Int64(buffer.count) }

    /// Starts an event line: task prefix, flags, the current time, `event` (with its colon).
    @inline(__always)
    public func begin(_ task: TaskPrefix, flags: StaticString, event: StaticString) {
        stats.events += 1
        buffer.append(task.bytes)
        buffer.append(flags)
        buffer.append(32)
        buffer.appendTimestamp(now)
        buffer.append(": ")
        buffer.append(event)
    }

    /// Ends the line being built.
    @inline(__always)
    public func endLine() throws(SynthError) {
        buffer.append(10)
        lines += 1
        if buffer.isNearlyFull { try flush() }
    }

    /// A whole comment or header line (`# …`).
    public func comment(_ text: String) throws(SynthError) {
        buffer.append("# ")
        buffer.append(text)
        try endLine()
    }

    /// Moves the clock on by `ns`.
    @inline(__always)
    public func advance(_ ns: Int64) { now += ns }

    /// One unit of work is complete: maybe end a gzip member here.
    public func unitDone() throws(SynthError) {
        unitsDone += 1
        guard members > 1, membersEnded < members - 1 else { return }
        let next = Int64(membersEnded + 1)
        let reached: Bool
        if let totalUnits, totalUnits > 0 {
            reached = Int64(unitsDone) * Int64(members) >= next * Int64(totalUnits)
        } else if let byteBudget, byteBudget > 0 {
            reached = bytesWritten * Int64(members) >= next * byteBudget
        } else {
            reached = false
        }
        if reached {
            try flush()
            try sink.endMember()
            membersEnded += 1
        }
    }

    /// True while a run sized by `byteBudget` should go on.
    public var wantsMore: Bool {
        guard let byteBudget else { return true }
        return bytesWritten < byteBudget
    }

    /// Hands the buffered bytes to the sink.
    public func flush() throws(SynthError) {
        guard buffer.count > 0 else { return }
        try sink.write(buffer.bytes)
        flushedBytes += Int64(buffer.count)
        buffer.reset()
        progress?(flushedBytes, lines)
    }

    /// Flushes, ends the last member and closes the sink; returns what was written.
    public func finish() throws(SynthError) -> SynthStats {
        try flush()
        try sink.close()
        stats.lines = lines
        stats.bytes = flushedBytes
        stats.members = membersEnded + 1
        return stats
    }
}

/// A task's `<comm>-<pid> [<cpu>] ` prefix, formatted once.
public struct TaskPrefix: Sendable {
    public let comm: String
    public let pid: Int32
    public let cpu: Int
    let bytes: [UInt8]

    public init(comm: String, pid: Int32, cpu: Int) {
        self.comm = comm
        self.pid = pid
        self.cpu = cpu
        let scratch = TraceLineBuffer(capacity: 1 << 16)
        scratch.appendTask(comm: Array(comm.utf8.prefix(64)), pid: pid, cpu: cpu)
        bytes = Array(UnsafeRawBufferPointer(start: scratch.bytes.baseAddress, count: scratch.count))
    }

    /// The idle LWP of `cpu` (`<idle>-0`).
    public static func idle(_ cpu: Int) -> TaskPrefix { TaskPrefix(comm: "<idle>", pid: 0, cpu: cpu) }
}
