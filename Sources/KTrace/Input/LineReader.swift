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
        if pipelined {
            // Inflate (or, for plain text, copy from the page cache) on another thread
            // while this one splits and parses.
            let pipeline = InflatePipeline(reader: reader)
            pipeline.start()
            defer {
                compressedBytesRead = pipeline.compressedOffset
                pipeline.cancel()
            }
            while let bytes = try pipeline.next() {
                if !(try take(bytes, body)) { return }
            }
        } else {
            defer { compressedBytesRead = reader.compressedOffset }
            while true {
                let count = try reader.read(into: buffer)
                if count == 0 { break }
                let bytes = UnsafeBufferPointer(
                    start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
                if !(try take(bytes, body)) { return }
            }
        }
        // A last line without a newline is still a line.
        if discardingOverlongLine {
            _ = emitOverlong(body)
        } else if !carry.isEmpty {
            _ = emitCarry(body)
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

    private func take(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Line) -> Bool) throws(TraceInputError)
        -> Bool
    {
        bytesRead += Int64(bytes.count)
        if let maxBytes, bytesRead > maxBytes { throw .tooLarge(path: "", limit: maxBytes) }
        let keepGoing = split(bytes, body)
        progress?(bytesRead, lineNumber)
        return keepGoing
    }

    private func split(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Line) -> Bool) -> Bool {
        var start = 0
        let base = bytes.baseAddress!
        while start < bytes.count {
            if carry.isEmpty && !discardingOverlongLine && (base[start] == 0x0a || base[start] == 0x0d) {
                // Empty lines (padding, a decompression bomb) cost a byte compare each,
                // not a call per line.
                let (count, next) = Self.emptyLines(bytes, from: start)
                if count > 0 {
                    lineNumber += count
                    start = next
                    if !body(lineNumber, .empty(count: count)) { return false }
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
                if !emitOverlong(body) { return false }
            } else if carry.isEmpty {
                if piece.count > maxLineLength {
                    lineNumber += 1
                    let prefix = UnsafeBufferPointer(rebasing: piece[..<min(piece.count, 80)])
                    if !body(lineNumber, .overlong(length: piece.count, prefix: prefix)) { return false }
                    continue
                }
                lineNumber += 1
                if !body(lineNumber, .text(trimCR(piece))) { return false }
            } else {
                appendToCarry(piece)
                if discardingOverlongLine {
                    if !emitOverlong(body) { return false }
                } else if !emitCarry(body) {
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

    private func emitCarry(_ body: (Int, Line) -> Bool) -> Bool {
        lineNumber += 1
        let keepGoing = carry.withUnsafeBufferPointer { body(lineNumber, .text(trimCR($0))) }
        carry.removeAll(keepingCapacity: carry.capacity <= 1 << 16)
        return keepGoing
    }

    private func emitOverlong(_ body: (Int, Line) -> Bool) -> Bool {
        lineNumber += 1
        let keepGoing = carry.withUnsafeBufferPointer {
            body(lineNumber, .overlong(length: overlongLength, prefix: UnsafeBufferPointer(rebasing: $0.prefix(80))))
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
