/// Reads one trace — file, `-` for standard input, gzip/zlib/plain by magic —
/// and streams its events to a consumer.
///
/// Memory stays flat: one inflate buffer, one line buffer, no `String` per line.
/// Errors in the data never stop the events before them from being delivered:
/// `read(into:)` returns a summary with the error instead of throwing.
public final class TraceReader {
    public let path: String
    public let options: ReadOptions
    private let decompressor: DecompressingReader
    private let lines: LineReader

    /// Opens the trace; throws only when it cannot be opened (exit 66).
    public init(path: String, options: ReadOptions = ReadOptions()) throws(TraceInputError) {
        self.path = path
        self.options = options
        let source = try ByteSource(path: path)
        canReadAgain = path != "-" && !source.mayBlock
        decompressor = try DecompressingReader(source: source)
        lines = LineReader(
            reader: decompressor, bufferSize: options.bufferBytes, maxLineLength: options.maxLineLength,
            maxBytes: options.maxBytes)
        lines.progress = options.progress
    }

    /// Reads a trace held in memory (any container), named `name` in messages.
    public init(bytes: [UInt8], name: String, options: ReadOptions = ReadOptions()) throws(TraceInputError) {
        self.path = name
        self.options = options
        canReadAgain = true
        decompressor = try DecompressingReader(source: ByteSource(bytes: bytes, name: name))
        lines = LineReader(
            reader: decompressor, bufferSize: options.bufferBytes, maxLineLength: options.maxLineLength,
            maxBytes: options.maxBytes)
    }

    public var container: InputContainer { decompressor.container }

    /// Blocks of lines parsed on parse threads so far (tests: the threads were used).
    var blocksMerged: Int { lines.blocksMerged }

    /// Whether a second `TraceReader` on the same path (or bytes) would see the same
    /// data: not standard input, a FIFO or a device.
    public let canReadAgain: Bool

    /// Streams every event to `consumer` and returns what happened.
    public func read<Consumer: TraceConsumer>(into consumer: inout Consumer) -> TraceReadSummary {
        var state = ReadState(path: path, options: options)
        state.summary.container = container
        do {
            lines.parseThreads = options.parseThreads ?? ReadOptions.automaticParseThreads
            try withUnsafeMutablePointer(to: &consumer) { (consumer) throws(TraceInputError) in
                var sink = ReadSink(state: state, consumer: consumer)
                defer { state = sink.state }
                try lines.forEachLine(into: &sink)
            }
        } catch {
            state.summary.error = error.withPath(path)
            if let partial = lines.takePartialLine() {
                state.cutOff(lines.lineNumber, partial.prefix, length: partial.length)
            }
        }
        state.finish(consumer: &consumer)
        state.summary.bytes = lines.bytesRead
        state.summary.lines = lines.lineNumber
        state.summary.compressedBytes = lines.compressedBytesRead
        return state.summary
    }
}

extension TraceInputError {
    func withPath(_ path: String) -> TraceInputError {
        if case .tooLarge(_, let limit) = self { return .tooLarge(path: path, limit: limit) }
        return self
    }
}
