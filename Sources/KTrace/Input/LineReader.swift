/// Splits a decompressed byte stream into lines without copying them.
///
/// Lines are handed out as views into a large buffer; only a line that spans two
/// buffers is carried over (copied once). A line longer than `maxLineLength`
/// is not buffered: it is reported as overlong and skipped.
final class LineReader {
    private let reader: DecompressingReader
    private var buffer: UnsafeMutableRawBufferPointer
    private var carry: [UInt8] = []
    private var discardingOverlongLine = false
    private var overlongLength = 0
    let maxLineLength: Int
    /// Bytes per buffer read (or inflated) at a time.
    let bufferSize: Int
    let maxBytes: Int64?
    private(set) var bytesRead: Int64 = 0
    private(set) var lineNumber = 0
    /// Compressed bytes consumed for the bytes handed out (safe to read while inflating
    /// goes on in the background after an early stop).
    private(set) var compressedBytesRead: Int64 = 0
    /// Called after each buffer with (decompressed bytes, lines) so far.
    var progress: (@Sendable (Int64, Int) -> Void)?

    init(reader: DecompressingReader, bufferSize: Int = 1 << 20, maxLineLength: Int, maxBytes: Int64?) {
        self.reader = reader
        self.bufferSize = bufferSize
        self.buffer = .allocate(byteCount: bufferSize, alignment: 16)
        self.maxLineLength = maxLineLength
        self.maxBytes = maxBytes
    }

    deinit { buffer.deallocate() }

    /// What the reader hands to its consumer for each line.
    enum Line {
        case text(UnsafeBufferPointer<UInt8>)
        /// A line longer than the limit; only its first bytes are kept.
        case overlong(length: Int, prefix: UnsafeBufferPointer<UInt8>)
        /// `count` empty lines in a row (`\n`, or `\r\n`), handed out at once; the
        /// line number is the last one's.
        case empty(count: Int)
    }

    /// Calls `body` for every line (without its `\n`, and without a `\r` before it)
    /// until the stream ends, an error is thrown, or `body` returns false.
    func forEachLine(_ body: (Int, Line) -> Bool) throws(TraceInputError) {
        try withoutActuallyEscaping(body) { (body) throws(TraceInputError) in
            var sink = LineClosureSink(body: body)
            try forEachLine(into: &sink)
        }
    }

    /// Hands every line to `sink` (as `forEachLine(_:)`), and once the sink takes
    /// blocks and `parseThreads` > 0, whole buffers of lines parsed on worker threads.
    func forEachLine<Sink: LineSink>(into sink: inout Sink) throws(TraceInputError) {
        if pipelined {
            // Inflate (or, for plain text, copy from the page cache) on another thread
            // while this one splits and parses.
            let pipeline = InflatePipeline(
                reader: reader, bufferSize: bufferSize, depth: parseThreads > 0 ? Self.blocksInFlight + 2 : 3)
            pipeline.start()
            defer {
                // Buffers held ahead of the merge are not read yet.
                compressedBytesRead = mergedCompressedOffset ?? pipeline.compressedOffset
                pipeline.cancel()
            }
            if parseThreads > 0 && pipeline.holdsSeveral {
                if !(try readBlocks(pipeline, into: &sink)) { return }
            } else {
                while let bytes = try pipeline.next() {
                    if !(try take(bytes, &sink)) { return }
                }
            }
        } else {
            defer { compressedBytesRead = reader.compressedOffset }
            while true {
                let count = try reader.read(into: buffer)
                if count == 0 { break }
                let bytes = UnsafeBufferPointer(
                    start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
                if !(try take(bytes, &sink)) { return }
            }
        }
        // A last line without a newline is still a line.
        if discardingOverlongLine {
            _ = emitOverlong(&sink)
        } else if !carry.isEmpty {
            _ = emitCarry(&sink)
        }
    }

    /// After a stream error: the bytes of the unfinished last line (its length and
    /// first 80 bytes), counted as one more line, so that no byte read is unaccounted.
    func takePartialLine() -> (length: Int, prefix: [UInt8])? {
        let length = discardingOverlongLine ? overlongLength : carry.count
        guard length > 0 else { return nil }
        lineNumber += 1
        let prefix = Array(carry.prefix(80))
        carry.removeAll()
        discardingOverlongLine = false
        overlongLength = 0
        return (length, prefix)
    }

    /// Whether input is inflated (or read, for plain text) on a second thread.
    var pipelined = true
    /// Worker threads that parse blocks once the sink takes them (0: none, every line
    /// on the reading thread).
    var parseThreads = 0
    /// With blocks: the compressed offset of the buffers merged so far.
    private var mergedCompressedOffset: Int64?
    /// Blocks parsed on workers and merged so far.
    private(set) var blocksMerged = 0
    /// Buffers held at once while their blocks are parsed and merged.
    static let blocksInFlight = 4

    private func take<Sink: LineSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ sink: inout Sink) throws(TraceInputError)
        -> Bool
    {
        bytesRead += Int64(bytes.count)
        if let maxBytes, bytesRead > maxBytes { throw .tooLarge(path: "", limit: maxBytes) }
        let keepGoing = split(bytes, &sink)
        progress?(bytesRead, lineNumber)
        return keepGoing
    }

    /// An inflated buffer held until merged: the line it finishes (`head`, through its
    /// first `\n`), the whole lines after it (`block`, parsed on a worker), and the
    /// start of the next line (`tail`). Without a block, `head` is the whole buffer.
    private struct HeldBuffer {
        var bytes: UnsafeBufferPointer<UInt8>
        var head: UnsafeBufferPointer<UInt8>
        var block: ParsedBlock?
        var tail: UnsafeBufferPointer<UInt8>
        /// Compressed bytes consumed to produce the buffers up to this one.
        var compressedOffset: Int64

        init(_ bytes: UnsafeBufferPointer<UInt8>, compressedOffset: Int64) {
            self.bytes = bytes
            self.compressedOffset = compressedOffset
            head = bytes
            tail = UnsafeBufferPointer(rebasing: bytes[bytes.count...])
        }

        /// Where the whole lines after the first `\n` are, if any: (start, end).
        mutating func cut() -> Range<Int>? {
            let base = bytes.baseAddress!
            guard let first = memchr(base, 0x0a, bytes.count) else { return nil }
            let afterFirst = base.distance(to: first.assumingMemoryBound(to: UInt8.self)) + 1
            var afterLast = bytes.count
            while base[afterLast - 1] != 0x0a { afterLast -= 1 }
            head = UnsafeBufferPointer(rebasing: bytes[..<afterFirst])
            tail = UnsafeBufferPointer(rebasing: bytes[afterLast...])
            return afterFirst < afterLast ? afterFirst..<afterLast : nil
        }
    }

    /// `forEachLine` once blocks are parsed on workers (round 9 of docs/performance.md):
    /// buffers are held a few at a time, their whole lines parsed on workers while the
    /// oldest is merged, in file order, with the lines that span two buffers. Line
    /// numbers, counts, errors and `progress` come out as `take` makes them.
    private func readBlocks<Sink: LineSink>(_ pipeline: InflatePipeline, into sink: inout Sink)
        throws(TraceInputError) -> Bool
    {
        var pool: BlockParsePool?
        defer { pool?.stop() }
        var held: [HeldBuffer] = []
        var spareBlocks: [ParsedBlock] = []
        var failure: TraceInputError?
        /// The bytes of the buffer that went over `maxBytes` (counted, not read).
        var overLimit = 0
        var inputDone = false
        var acquired = bytesRead
        while true {
            while !inputDone && held.count < (pool == nil ? 1 : Self.blocksInFlight) {
                // Merge what is held rather than wait for more input: a pipe that pauses
                // (a live `trace_pipe`) has its lines handed on as they come.
                if !held.isEmpty && !pipeline.hasReady { break }
                let next: UnsafeBufferPointer<UInt8>?
                do {
                    next = try pipeline.acquire()
                } catch {
                    failure = error
                    inputDone = true
                    break
                }
                guard let bytes = next else {
                    inputDone = true
                    break
                }
                acquired += Int64(bytes.count)
                if let maxBytes, acquired > maxBytes {
                    // As `take`: what came before is read, then the error.
                    failure = .tooLarge(path: "", limit: maxBytes)
                    overLimit = bytes.count
                    inputDone = true
                    break
                }
                if pool == nil, var parser = sink.blockParser() {
                    parser.maxLineLength = maxLineLength
                    pool = BlockParsePool(parser: parser, threadCount: parseThreads)
                }
                var buffer = HeldBuffer(bytes, compressedOffset: pipeline.compressedOffset)
                if let pool, let lines = buffer.cut() {
                    let block = spareBlocks.popLast() ?? ParsedBlock()
                    pool.submit(block, bytes: UnsafeBufferPointer(rebasing: bytes[lines]))
                    buffer.block = block
                }
                held.append(buffer)
            }
            guard !held.isEmpty else { break }
            let buffer = held.removeFirst()
            bytesRead += Int64(buffer.bytes.count)
            var keepGoing = split(buffer.head, &sink)
            if let block = buffer.block {
                pool!.wait(for: block)
                blocksMerged += 1
                if keepGoing {
                    if let stop = sink.merge(block, lineBase: lineNumber) {
                        lineNumber = stop
                        keepGoing = false
                    } else {
                        lineNumber += block.lineCount
                    }
                }
                spareBlocks.append(block)
            }
            if keepGoing { keepGoing = split(buffer.tail, &sink) }
            progress?(bytesRead, lineNumber)
            mergedCompressedOffset = buffer.compressedOffset
            pipeline.release()
            if !keepGoing { return false }
        }
        // The end, an error or the buffer over the limit: as far as the pipeline went.
        mergedCompressedOffset = pipeline.compressedOffset
        if let failure {
            bytesRead += Int64(overLimit)
            throw failure
        }
        return true
    }

    private func split<Sink: LineSink>(_ bytes: UnsafeBufferPointer<UInt8>, _ sink: inout Sink) -> Bool {
        var start = 0
        guard let base = bytes.baseAddress else { return true }
        while start < bytes.count {
            if carry.isEmpty && !discardingOverlongLine && (base[start] == 0x0a || base[start] == 0x0d) {
                // Empty lines (padding, a decompression bomb) cost a byte compare each,
                // not a call per line.
                let (count, next) = Self.emptyLines(bytes, from: start)
                if count > 0 {
                    lineNumber += count
                    start = next
                    if !sink.take(lineNumber, .empty(count: count)) { return false }
                    continue
                }
            }
            guard let newline = memchr(base + start, 0x0a, bytes.count - start) else {
                appendToCarry(UnsafeBufferPointer(rebasing: bytes[start...]))
                return true
            }
            let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if discardingOverlongLine {
                overlongLength += piece.count
                if !emitOverlong(&sink) { return false }
            } else if carry.isEmpty {
                if piece.count > maxLineLength {
                    lineNumber += 1
                    let prefix = UnsafeBufferPointer(rebasing: piece[..<min(piece.count, 80)])
                    if !sink.take(lineNumber, .overlong(length: piece.count, prefix: prefix)) { return false }
                    continue
                }
                lineNumber += 1
                if !sink.take(lineNumber, .text(trimCR(piece))) { return false }
            } else {
                appendToCarry(piece)
                if discardingOverlongLine {
                    if !emitOverlong(&sink) { return false }
                } else if !emitCarry(&sink) {
                    return false
                }
            }
        }
        return true
    }

    /// The empty lines (`\n` or `\r\n`) starting at `start`: how many, and where the
    /// first byte after them is. A `\r` at the end of `bytes` is left for the carry.
    static func emptyLines(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (count: Int, next: Int) {
        let base = UnsafeRawPointer(bytes.baseAddress!)
        let end = bytes.count
        var index = start
        var count = 0
        while index < end {
            // Eight `\n` at a time; the load may be unaligned.
            if end - index >= 8 && base.loadUnaligned(fromByteOffset: index, as: UInt64.self) == 0x0a0a_0a0a_0a0a_0a0a {
                count += 8
                index += 8
            } else if bytes[index] == 0x0a {
                count += 1
                index += 1
            } else if bytes[index] == 0x0d && index + 1 < end && bytes[index + 1] == 0x0a {
                count += 1
                index += 2
            } else {
                break
            }
        }
        return (count, index)
    }

    private func appendToCarry(_ piece: UnsafeBufferPointer<UInt8>) {
        if discardingOverlongLine {
            overlongLength += piece.count
            return
        }
        if carry.count + piece.count > maxLineLength {
            discardingOverlongLine = true
            overlongLength = carry.count + piece.count
            let keep = max(0, min(80 - carry.count, piece.count))
            carry.append(contentsOf: piece[..<keep])
            return
        }
        carry.append(contentsOf: piece)
    }

    private func emitCarry<Sink: LineSink>(_ sink: inout Sink) -> Bool {
        lineNumber += 1
        let keepGoing = carry.withUnsafeBufferPointer { sink.take(lineNumber, .text(trimCR($0))) }
        carry.removeAll(keepingCapacity: carry.capacity <= 1 << 16)
        return keepGoing
    }

    private func emitOverlong<Sink: LineSink>(_ sink: inout Sink) -> Bool {
        lineNumber += 1
        let keepGoing = carry.withUnsafeBufferPointer {
            sink.take(
                lineNumber, .overlong(length: overlongLength, prefix: UnsafeBufferPointer(rebasing: $0.prefix(80))))
        }
        carry.removeAll()
        discardingOverlongLine = false
        overlongLength = 0
        return keepGoing
    }

    private func trimCR(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = line.last, last == 0x0d { return UnsafeBufferPointer(rebasing: line.dropLast()) }
        return line
    }
}

#if canImport(Glibc)
    import Glibc
#endif
