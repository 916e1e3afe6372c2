import CZlib

/// Which library inflates gzip and zlib traces.
///
/// zlib always; ISA-L igzip only in a build with the `ISAL` package trait
/// (`swift build --traits ISAL`), where it is the default. Results do not depend
/// on the choice (the container tests run in both builds).
public enum InflaterKind: String, Sendable, CaseIterable {
    case zlib
    #if ISAL
        case isal = "isa-l"
    #endif

    /// The inflater this build uses.
    public static var `default`: InflaterKind {
        #if ISAL
            return .isal
        #else
            return .zlib
        #endif
    }

    /// Library name and version, for `kreplay --version`.
    public var libraryDescription: String {
        switch self {
        case .zlib: return "zlib \(String(cString: zlibVersion()))"
        #if ISAL
            case .isal: return ISALInflater.libraryDescription
        #endif
        }
    }

    func make(container: InputContainer) -> (any Inflater)? {
        switch self {
        case .zlib: return ZlibInflater(container: container)
        #if ISAL
            case .isal: return ISALInflater(container: container)
        #endif
        }
    }
}

/// What one call of `Inflater.inflate` did.
struct InflateStep {
    enum Status: Equatable {
        /// Went on; call again (with more input or output space).
        case progress
        /// The end of a gzip member or zlib stream, trailer checked.
        case memberEnd
        /// No progress possible without more input.
        case needsInput
        /// Corrupt data (or an inflater failure), with a reason for the message; the
        /// fault is `bytesBefore` bytes before the end of what was consumed.
        case corrupt(String, bytesBefore: Int = 0)
    }

    var consumed: Int
    var produced: Int
    var status: Status
}

/// One deflate decoder for a gzip or zlib trace, behind `DecompressingReader`.
///
/// The reader owns the buffers, the member boundaries (`reset`), zero padding,
/// trailing garbage and error offsets; an inflater only decodes one member at a
/// time and checks its header and trailer (CRC-32 and ISIZE, or Adler-32).
protocol Inflater: AnyObject {
    /// Starts the next member after `.memberEnd`.
    func reset()
    /// Inflates from `input` into `output`; reports what it consumed and produced.
    func inflate(_ input: UnsafeMutableRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep
}

/// zlib's `inflate`: the default inflater.
final class ZlibInflater: Inflater {
    private var stream = z_stream()

    init?(container: InputContainer) {
        // 16 + 15: gzip wrapper, 32 KiB window; 15: zlib wrapper.
        let windowBits: Int32 = container == .gzip ? 16 + 15 : 15
        guard kreplay_inflateInit2(&stream, windowBits) == Z_OK else { return nil }
    }

    deinit { inflateEnd(&stream) }

    func reset() { inflateReset(&stream) }

    func inflate(_ input: UnsafeMutableRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep {
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = UInt32(input.count)
        stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(output.count)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        var step = InflateStep(
            consumed: input.count - Int(stream.avail_in), produced: output.count - Int(stream.avail_out),
            status: .progress)
        switch status {
        case Z_OK: break
        case Z_STREAM_END: step.status = .memberEnd
        // No progress: zlib needs more input than it was given.
        case Z_BUF_ERROR: step.status = .needsInput
        default: step.status = .corrupt(stream.msg.map { String(cString: $0) } ?? "inflate error \(status)")
        }
        return step
    }
}
