import KTrace

#if canImport(Glibc)
    import Glibc
#endif

/// Where generated or converted trace bytes go: a file (plain or compressed),
/// standard output, or memory.
public protocol TraceSink: AnyObject {
    /// Takes the next bytes of the stream.
    func write(_ bytes: UnsafeRawBufferPointer) throws(SynthError)
    /// Ends one gzip member (later bytes start the next); a no-op for plain output.
    func endMember() throws(SynthError)
    /// Flushes and closes the stream.
    func close() throws(SynthError)
}

/// How an output file is stored.
public enum OutputContainer: String, Sendable, CaseIterable {
    case gzip
    case zlib
    case plain

    /// The container a file name asks for: `.gz` gzip, `.zz`/`.zlib` zlib, else plain.
    public static func forPath(_ path: String?) -> OutputContainer {
        guard let path else { return .plain }
        if path.hasSuffix(".gz") { return .gzip }
        if path.hasSuffix(".zz") || path.hasSuffix(".zlib") { return .zlib }
        return .plain
    }
}

/// Opens sinks.
public enum TraceSinks {
    /// A sink writing `path` (`-` or nil: standard output) as `container`.
    public static func open(path: String?, container: OutputContainer, level: Int32 = 6) throws(SynthError)
        -> any TraceSink
    {
        let target = path ?? "-"
        switch container {
        case .plain:
            return try PlainFileSink(path: target)
        case .gzip, .zlib:
            do {
                let writer = try CompressedWriter(
                    path: target, format: container == .gzip ? .gzip : .zlib, level: level)
                return CompressedSink(writer: writer)
            } catch {
                throw .output(error.description)
            }
        }
    }
}

/// Compresses through KTrace's streaming `CompressedWriter`.
public final class CompressedSink: TraceSink {
    private let writer: CompressedWriter

    public init(writer: CompressedWriter) { self.writer = writer }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SynthError) {
        do { try writer.write(bytes) } catch { throw .output(error.description) }
    }

    public func endMember() throws(SynthError) {
        do { try writer.finishMember() } catch { throw .output(error.description) }
    }

    public func close() throws(SynthError) {
        do { try writer.close() } catch { throw .output(error.description) }
    }
}

/// Plain text to a file descriptor.
public final class PlainFileSink: TraceSink {
    private let descriptor: Int32
    private let path: String
    private var closed = false

    /// Opens (creates, truncates) `path`; `-` is standard output.
    public init(path: String) throws(SynthError) {
        self.path = path
        descriptor = path == "-" ? 1 : Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .output("\(path): cannot open for writing: \(String(cString: strerror(errno)))")
        }
    }

    deinit { if !closed && descriptor != 1 { Glibc.close(descriptor) } }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SynthError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .output("\(path): write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    public func endMember() throws(SynthError) {}

    public func close() throws(SynthError) {
        guard !closed else { return }
        closed = true
        if descriptor != 1 { Glibc.close(descriptor) }
    }
}

/// Keeps everything in memory (tests, small tools); `members` counts `endMember` calls.
public final class MemorySink: TraceSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var memberEnds = 0

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SynthError) { self.bytes.append(contentsOf: bytes) }
    public func endMember() throws(SynthError) { memberEnds += 1 }
    public func close() throws(SynthError) {}

    /// The bytes as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Why a generator or converter could not run.
public enum SynthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option is out of range or contradicts another (exit 64).
    case invalidOption(String)
    /// Writing the output failed (exit 66 or 70).
    case output(String)
    /// The input trace could not be read.
    case input(String)

    public var description: String {
        switch self {
        case .invalidOption(let message), .output(let message), .input(let message): return message
        }
    }
}
