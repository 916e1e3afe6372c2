#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Raw bytes from a file or standard input, read with `read(2)` into one reused buffer.
final class ByteSource {
    let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// In-memory bytes instead of a descriptor (tests, `TraceText`).
    private let memory: [UInt8]?
    /// Bytes consumed from the file so far (for error offsets).
    private(set) var offset: Int64 = 0
    /// A read may wait for a writer indefinitely: standard input, a FIFO, a device.
    /// Memory and regular files never block for long.
    private(set) var mayBlock = false

    /// Where reading started in the descriptor (standard input may be a file read partly).
    private var base: Int64 = 0
    /// `read(at:into:)` works: memory, or a regular file.
    var canReadAt: Bool { memory != nil || !mayBlock }

    /// Opens `path`, or standard input for `-`.
    init(path: String) throws(TraceInputError) {
        self.path = path
        memory = nil
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            var info = stat()
            mayBlock = !(fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
            if !mayBlock { base = Int64(lseek(0, 0, SEEK_CUR)) }
            return
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        if fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .cannotOpen(path: path, reason: "is a directory")
        }
        fd = descriptor
        ownsDescriptor = true
        mayBlock = (info.st_mode & S_IFMT) != S_IFREG
    }

    /// A source over bytes already in memory.
    init(bytes: [UInt8], name: String) {
        path = name
        fd = -1
        ownsDescriptor = false
        memory = bytes
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Reads up to `buffer.count` bytes; returns 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TraceInputError) -> Int {
        if let memory {
            let start = Int(offset)
            let count = min(buffer.count, memory.count - start)
            if count > 0 {
                memory.withUnsafeBytes {
                    buffer.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: count)
                }
            }
            offset += Int64(count)
            return count
        }
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 {
                offset += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw .readFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads up to `buffer.count` bytes at `position` (counted like `offset`) without
    /// moving `offset`; returns 0 at end of file. Only where `canReadAt`.
    func read(at position: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(TraceInputError) -> Int {
        if let memory {
            let start = Int(min(position, Int64(memory.count)))
            let count = min(buffer.count, memory.count - start)
            if count > 0 {
                memory.withUnsafeBytes {
                    buffer.baseAddress!.copyMemory(from: $0.baseAddress! + start, byteCount: count)
                }
            }
            return count
        }
        while true {
            let count = pread(fd, buffer.baseAddress, buffer.count, off_t(base + position))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .readFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
