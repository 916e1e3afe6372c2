/// Streams the decompressed bytes of a trace, whatever its container.
///
/// One `Inflater` (ISA-L igzip when libisal is installed, else zlib) lives for the
/// whole file; concatenated gzip members (pigz, `cat a.gz b.gz`, rotated logs) are
/// one stream via `Inflater.reset`. Member boundaries, padding, garbage and error
/// offsets are decided here, so both inflaters behave alike. Memory is the two
/// fixed buffers (and the inflater's window), however large the trace.
final class DecompressingReader {
    let container: InputContainer
    private let source: ByteSource
    private var input: UnsafeMutableRawBufferPointer
    /// Unconsumed compressed bytes are `input[inputStart ..< inputStart + inputCount]`.
    private var inputStart = 0
    private var inputCount = 0
    private var endOfFile = false
    private var inflater: (any Inflater)?
    /// Inside a gzip member or zlib stream whose end has not been seen.
    private var insideMember = false
    /// An error found after some output was produced, thrown on the next call.
    private var pendingError: TraceInputError?
    /// zlib's output before a fault that did not fit in the read that found it.
    private var pendingOutput: [UInt8] = []

    /// Reading may wait for a writer indefinitely (standard input, a FIFO).
    var mayBlock: Bool { source.mayBlock }

    /// Compressed bytes consumed so far: the offset of the next unread byte.
    var compressedOffset: Int64 { faultOffset ?? source.offset - Int64(inputCount) - readPastFault }
    /// Bytes the inflater read past a fault (ISA-L reads a whole gzip trailer before
    /// checking its CRC): not counted as consumed, so the offset is zlib's.
    private var readPastFault: Int64 = 0
    /// The offset zlib names for a fault ISA-L found (`ZlibRecheck`).
    private var faultOffset: Int64?
    private let kind: InflaterKind
    /// Whether ISA-L's faults are re-checked with zlib (off only in tests, to show why).
    private let zlibRecheck: Bool
    /// Where the current member starts in the file, and its output so far.
    private var memberStart: Int64 = 0
    private var memberProduced: Int64 = 0
    /// `memberProduced` when the current `read` began (0 for a member begun in it).
    private var memberHandedOut: Int64 = 0

    init(
        source: ByteSource, inputBufferSize: Int = 1 << 18, inflater kind: InflaterKind = .default,
        zlibRecheck: Bool = true
    ) throws(TraceInputError) {
        self.source = source
        self.kind = kind
        self.zlibRecheck = zlibRecheck
        input = .allocate(byteCount: inputBufferSize, alignment: 16)
        // Fill until two bytes decide the container (or the file is shorter).
        while inputCount < 2 && !endOfFile {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputCount...]))
            if count == 0 { endOfFile = true }
            inputCount += count
        }
        container = inputCount >= 2 ? InputContainer.detect(input[0], input[1]) : .plain
        if container != .plain {
            guard let inflater = kind.make(container: container) else {
                throw .corrupt(
                    path: source.path, container: container, byteOffset: 0, reason: "\(kind.rawValue) init failed")
            }
            self.inflater = inflater
            insideMember = true
        }
    }

    deinit {
        input.deallocate()
    }

    /// Fills `output` with decompressed bytes; returns 0 at a clean end of stream.
    func read(into output: UnsafeMutableRawBufferPointer) throws(TraceInputError) -> Int {
        if !pendingOutput.isEmpty {
            let count = min(output.count, pendingOutput.count)
            pendingOutput.withUnsafeBytes { output.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            pendingOutput.removeFirst(count)
            return count
        }
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
        memberHandedOut = memberProduced
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
                inflater!.reset()
                insideMember = true
                memberStart = compressedOffset
                memberProduced = 0
                memberHandedOut = 0
            }
            if inputCount == 0 && !endOfFile {
                do { try refill() } catch { throw fail(error) }
                continue
            }
            // At the end of the file the inflater is still called: it may hold input it
            // read ahead (ISA-L takes 8 bytes at a time) and output it had no room for.
            // Only no progress at all (`.needsInput`) means the stream is truncated.
            let step = inflater!.inflate(
                UnsafeMutableRawBufferPointer(rebasing: input[inputStart..<inputStart + inputCount]),
                into: UnsafeMutableRawBufferPointer(rebasing: output[produced...]))
            inputStart += step.consumed
            inputCount -= step.consumed
            produced += step.produced
            memberProduced += Int64(step.produced)
            switch step.status {
            case .progress:
                continue
            case .memberEnd:
                insideMember = false
            case .needsInput:
                if endOfFile {
                    let error = TraceInputError.truncated(
                        path: source.path, container: container, byteOffset: compressedOffset)
                    throw fail(zlibsAccount(of: error, output: output, produced: &produced))
                }
                // A full buffer that still makes no progress would loop forever.
                guard inputCount < input.count else {
                    throw fail(
                        .corrupt(
                            path: source.path, container: container, byteOffset: compressedOffset,
                            reason: "no progress with a full input buffer"))
                }
                do { try refill() } catch { throw fail(error) }
            case .corrupt(let reason, let bytesBefore):
                readPastFault = Int64(bytesBefore)
                let error = TraceInputError.corrupt(
                    path: source.path, container: container, byteOffset: compressedOffset, reason: reason)
                throw fail(zlibsAccount(of: error, output: output, produced: &produced))
            }
        }
        return produced
    }

    /// For a fault ISA-L found: zlib's error instead, and in this read's output the
    /// bytes zlib would have handed out before it (`ZlibRecheck`); those that do not
    /// fit come in the next reads, before the error. zlib's own faults, and those of
    /// a source that cannot be read again, stay as they are.
    private func zlibsAccount(
        of error: TraceInputError, output: UnsafeMutableRawBufferPointer, produced: inout Int
    ) -> TraceInputError {
        guard kind != .zlib, zlibRecheck,
            let recheck = ZlibRecheck.run(
                source: source, container: container, memberStart: memberStart, keepingFrom: memberHandedOut),
            let zlibError = recheck.error
        else { return error }
        // Bytes handed out by earlier reads cannot be taken back.
        produced -= Int(memberProduced - memberHandedOut)
        let fits = min(output.count - produced, recheck.tail.count)
        recheck.tail.withUnsafeBytes {
            (output.baseAddress! + produced).copyMemory(from: $0.baseAddress!, byteCount: fits)
        }
        produced += fits
        pendingOutput = Array(recheck.tail[fits...])
        faultOffset = zlibError.byteOffset
        return zlibError
    }

    private func skipZeros() {
        while inputCount > 0 && input[inputStart] == 0 {
            inputStart += 1
            inputCount -= 1
        }
    }
}
