import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which library inflates gzip and zlib traces.
///
/// zlib is always there (kreplay links it). ISA-L igzip is used when its shared
/// library is installed (`libisal.so.2`, Debian `libisal2`): it is loaded at run
/// time, not linked, and is then the default, about 3.5× cheaper than zlib.
/// `KREPLAY_INFLATER=zlib` in the environment picks zlib anyway. Results do not
/// depend on the choice (the container tests run with every inflater available).
public enum InflaterKind: String, Sendable, CaseIterable {
    case zlib
    case isal = "isa-l"

    /// The inflaters this process can use: zlib, and ISA-L when its library loaded.
    public static var available: [InflaterKind] { allCases.filter(\.isAvailable) }

    /// Whether this process can inflate with it.
    public var isAvailable: Bool {
        switch self {
        case .zlib: return true
        case .isal: return ISALLibrary.shared != nil
        }
    }

    /// The inflater a trace is read with: ISA-L when available, unless
    /// `KREPLAY_INFLATER=zlib` asks for zlib.
    public static let `default`: InflaterKind = {
        if let name = getenv("KREPLAY_INFLATER").map({ String(cString: $0) }), name == InflaterKind.zlib.rawValue {
            return .zlib
        }
        return InflaterKind.isal.isAvailable ? .isal : .zlib
    }()

    /// Library name and version, for `kreplay --version`: `zlib 1.2.13`,
    /// `ISA-L igzip libisal.so.2.0.30`, or `ISA-L igzip not found (libisal.so.2)`.
    public var libraryDescription: String {
        switch self {
        case .zlib: return "zlib \(String(cString: zlibVersion()))"
        case .isal:
            guard let library = ISALLibrary.shared else { return "ISA-L igzip not found (\(ISALLibrary.names[0]))" }
            return "ISA-L igzip \(library.fileName)"
        }
    }

    func make(container: InputContainer) -> (any Inflater)? {
        switch self {
        case .zlib: return ZlibInflater(container: container)
        case .isal: return ISALLibrary.shared.map { ISALInflater(container: container, library: $0) }
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
