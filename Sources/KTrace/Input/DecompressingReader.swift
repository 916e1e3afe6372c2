import CZlib

/// Streams the decompressed bytes of a trace, whatever its container.
///
/// One `z_stream` lives for the whole file; concatenated gzip members (pigz,
/// `cat a.gz b.gz`, rotated logs) are one stream via `inflateReset`. Memory is
/// the two fixed buffers, however large the trace.
final class DecompressingReader {
    let container: InputContainer
    private let source: ByteSource
    private var input: UnsafeMutableRawBufferPointer
    /// Unconsumed compressed bytes are `input[inputStart ..< inputStart + inputCount]`.
    private var inputStart = 0
    private var inputCount = 0
    private var endOfFile = false
    private var stream = z_stream()
    private var streamReady = false
    /// Inside a gzip member or zlib stream whose end has not been seen.
    private var insideMember = false
    /// An error found after some output was produced, thrown on the next call.
    private var pendingError: TraceInputError?

    /// Reading may wait for a writer indefinitely (standard input, a FIFO).
    var mayBlock: Bool { source.mayBlock }

    /// Compressed bytes consumed so far: the offset of the next unread byte.
    var compressedOffset: Int64 { source.offset - Int64(inputCount) }

    init(source: ByteSource, inputBufferSize: Int = 1 << 18) throws(TraceInputError) {
        self.source = source
        input = .allocate(byteCount: inputBufferSize, alignment: 16)
        // Fill until two bytes decide the container (or the file is shorter).
        while inputCount < 2 && !endOfFile {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputCount...]))
            if count == 0 { endOfFile = true }
            inputCount += count
        }
        container = inputCount >= 2 ? InputContainer.detect(input[0], input[1]) : .plain
        if container != .plain {
            let windowBits: Int32 = container == .gzip ? 16 + 15 : 15
            guard kreplay_inflateInit2(&stream, windowBits) == Z_OK else {
                throw .corrupt(path: source.path, container: container, byteOffset: 0, reason: "inflateInit2 failed")
            }
            streamReady = true
            insideMember = true
        }
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
        input.deallocate()
    }

    /// Fills `output` with decompressed bytes; returns 0 at a clean end of stream.
    func read(into output: UnsafeMutableRawBufferPointer) throws(TraceInputError) -> Int {
        if let error = pendingError {
            pendingError = nil
            throw error
        }
        if container == .plain { return try readPlain(into: output) }
        do {
            return try inflate(into: output, produced: 0)
        } catch {
            // Hand out what was inflated before the fault; the error comes next call.
            if error.produced > 0 {
                pendingError = error.error
                return error.produced
            }
            throw error.error
        }
    }

    private struct PartialRead: Error {
        var produced: Int
        var error: TraceInputError
    }

    private func readPlain(into output: UnsafeMutableRawBufferPointer) throws(TraceInputError) -> Int {
        if inputCount > 0 {
            let count = min(inputCount, output.count)
            output.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: count)
            inputStart += count
            inputCount -= count
            return count
        }
        return endOfFile ? 0 : try source.read(into: output)
    }

    /// Moves unread input to the front of the buffer and reads more after it.
    private func refill() throws(TraceInputError) {
        if inputStart > 0 && inputCount > 0 {
            (input.baseAddress! + 0).copyMemory(from: input.baseAddress! + inputStart, byteCount: inputCount)
        }
        inputStart = 0
        guard !endOfFile, inputCount < input.count else { return }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputCount...]))
        if count == 0 { endOfFile = true }
        inputCount += count
    }

    private func inflate(into output: UnsafeMutableRawBufferPointer, produced start: Int) throws(PartialRead) -> Int {
        var produced = start
        func fail(_ error: TraceInputError) -> PartialRead { PartialRead(produced: produced, error: error) }
        while produced < output.count {
            if !insideMember {
                // Between members: another member, trailing zero padding, or the end.
                if inputCount < 2 && !endOfFile {
                    do { try refill() } catch { throw fail(error) }
                    continue
                }
                if inputCount == 0 { return produced }
                let first = input[inputStart]
                if inputCount == 1 {
                    if first == 0 {
                        inputCount = 0
                        continue
                    }
                    throw fail(.truncated(path: source.path, container: container, byteOffset: compressedOffset))
                }
                let second = input[inputStart + 1]
                if first == 0 && second == 0 {
                    // gzip(1) ignores zero padding after the last member (tape blocks).
                    skipZeros()
                    continue
                }
                guard InputContainer.detect(first, second) == container else {
                    throw fail(
                        .corrupt(
                            path: source.path, container: container, byteOffset: compressedOffset,
                            reason: "trailing garbage after the last member"))
                }
                inflateReset(&stream)
                insideMember = true
            }
            if inputCount == 0 {
                if endOfFile {
                    throw fail(.truncated(path: source.path, container: container, byteOffset: compressedOffset))
                }
                do { try refill() } catch { throw fail(error) }
                continue
            }
            let before = inputCount
            stream.next_in = input.baseAddress!.advanced(by: inputStart).assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(inputCount)
            stream.next_out = output.baseAddress!.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(output.count - produced)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let consumed = before - Int(stream.avail_in)
            inputStart += consumed
            inputCount -= consumed
            produced = output.count - Int(stream.avail_out)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                insideMember = false
            case Z_BUF_ERROR:
                // No progress: zlib needs more input than the buffer holds now.
                if endOfFile {
                    throw fail(.truncated(path: source.path, container: container, byteOffset: compressedOffset))
                }
                do { try refill() } catch { throw fail(error) }
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
                throw fail(
                    .corrupt(path: source.path, container: container, byteOffset: compressedOffset, reason: reason))
            }
        }
        return produced
    }

    private func skipZeros() {
        while inputCount > 0 && input[inputStart] == 0 {
            inputStart += 1
            inputCount -= 1
        }
    }
}
