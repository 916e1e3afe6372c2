import CZlib

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a gzip or zlib stream through the system zlib, streaming, in fixed memory.
///
/// `finishMember()` ends one gzip member and starts the next, so a writer can
/// produce several concatenated members (as pigz and log rotation do).
public final class CompressedWriter {
    public enum Format: Sendable { case gzip, zlib }

    public enum WriteError: Error, Sendable, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case writeFailed(path: String, reason: String)
        case zlib(String)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): return "\(path): cannot open for writing: \(reason)"
            case .writeFailed(let path, let reason): return "\(path): write failed: \(reason)"
            case .zlib(let message): return "zlib: \(message)"
            }
        }
    }

    private let format: Format
    private let level: Int32
    private var stream = z_stream()
    private var output: UnsafeMutableRawBufferPointer
    private let sink: (UnsafeRawBufferPointer) throws(WriteError) -> Void
    private var closed = false
    /// Compressed bytes written so far.
    public private(set) var compressedBytes: Int64 = 0

    /// A writer that hands compressed bytes to `sink`.
    public init(
        format: Format = .gzip, level: Int32 = 6,
        sink: @escaping (UnsafeRawBufferPointer) throws(WriteError) -> Void
    ) throws(WriteError) {
        self.format = format
        self.level = level
        self.sink = sink
        output = .allocate(byteCount: 1 << 18, alignment: 16)
        guard kreplay_deflateInit2(&stream, level, format == .gzip ? 16 + 15 : 15) == Z_OK else {
            output.deallocate()
            throw .zlib("deflateInit2 failed")
        }
    }

    /// A writer to a file (`-` is standard output).
    public convenience init(path: String, format: Format = .gzip, level: Int32 = 6) throws(WriteError) {
        let fd: Int32 = path == "-" ? 1 : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        try self.init(format: format, level: level) { bytes throws(WriteError) in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        closeDescriptor = path == "-" ? nil : fd
    }

    private var closeDescriptor: Int32?

    deinit {
        deflateEnd(&stream)
        output.deallocate()
        if let closeDescriptor { Glibc.close(closeDescriptor) }
    }

    /// Compresses `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(WriteError) {
        guard bytes.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = UInt32(bytes.count)
        try pump(Z_NO_FLUSH)
    }

    public func write(_ text: String) throws(WriteError) {
        var text = text
        let result: Result<Void, WriteError> = text.withUTF8 { buffer in
            Result { () throws(WriteError) in try write(UnsafeRawBufferPointer(buffer)) }
        }
        try result.get()
    }

    /// Ends the current gzip member; later writes start a new one.
    public func finishMember() throws(WriteError) {
        try pump(Z_FINISH)
        deflateReset(&stream)
    }

    /// Ends the stream and flushes everything to the sink.
    public func close() throws(WriteError) {
        guard !closed else { return }
        closed = true
        try pump(Z_FINISH)
    }

    private func pump(_ flush: Int32) throws(WriteError) {
        while true {
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(output.count)
            let status = deflate(&stream, flush)
            guard status != Z_STREAM_ERROR else { throw .zlib("deflate failed") }
            let produced = output.count - Int(stream.avail_out)
            if produced > 0 {
                try sink(UnsafeRawBufferPointer(rebasing: output[..<produced]))
                compressedBytes += Int64(produced)
            }
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.avail_in == 0 && stream.avail_out != 0 {
                return
            }
        }
    }

    /// Compresses a whole buffer in memory (tests, small tools).
    public static func compress(_ bytes: [UInt8], format: Format = .gzip, members: Int = 1) throws(WriteError)
        -> [UInt8]
    {
        final class Collector: @unchecked Sendable { var bytes: [UInt8] = [] }
        let collector = Collector()
        let writer = try CompressedWriter(format: format) { chunk throws(WriteError) in
            collector.bytes.append(contentsOf: chunk)
        }
        let memberCount = max(1, members)
        let chunk = (bytes.count + memberCount - 1) / memberCount
        for member in 0..<memberCount {
            let start = min(member * chunk, bytes.count)
            let end = min(start + chunk, bytes.count)
            let result: Result<Void, WriteError> = bytes[start..<end].withUnsafeBytes { buffer in
                Result { () throws(WriteError) in try writer.write(buffer) }
            }
            try result.get()
            if member < memberCount - 1 { try writer.finishMember() }
        }
        try writer.close()
        return collector.bytes
    }
}
