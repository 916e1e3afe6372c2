/// zlib's verdict on a gzip member or zlib stream that ISA-L found broken.
///
/// igzip decodes ahead of its errors: on damaged deflate data it may name an offset
/// some bytes later than zlib and hand out a few more (garbage) bytes, and it has
/// no messages of its own. So that a damaged file reads the same whichever library
/// is installed, the reader inflates the member again with zlib, from its first
/// byte, when the source can be read again (a file, not a pipe), and takes zlib's
/// account: how many bytes the member yields before the fault, where, and why.
/// Broken input is rare, so the second pass costs nothing in the usual case.
struct ZlibRecheck {
    /// Output bytes zlib produced from the member before it stopped.
    var produced: Int64
    /// Those of them from `keepingFrom` on (what the reader has not handed out yet).
    var tail: [UInt8] = []
    /// zlib's error: truncated or corrupt, with its offset; nil when zlib read the
    /// member to its end without a fault.
    var error: TraceInputError?

    /// The most output kept past what the reader handed out.
    static let maxTail = 1 << 24

    /// Inflates the member starting at `memberStart` in `source` with zlib until it
    /// ends or fails, keeping its output from byte `keepingFrom` of the member on.
    static func run(
        source: ByteSource, container: InputContainer, memberStart: Int64, keepingFrom: Int64
    ) -> ZlibRecheck? {
        guard source.canReadAt, let zlib = ZlibInflater(container: container) else { return nil }
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer {
            input.deallocate()
            output.deallocate()
        }
        var consumed: Int64 = 0  // from memberStart
        var start = 0
        var count = 0
        var endOfFile = false
        var result = ZlibRecheck(produced: 0, error: nil)
        while true {
            if count == 0 && !endOfFile {
                guard let read = try? source.read(at: memberStart + consumed, into: input) else { return nil }
                start = 0
                count = read
                endOfFile = read == 0
            }
            let step = zlib.inflate(
                UnsafeMutableRawBufferPointer(rebasing: input[start..<start + count]), into: output)
            start += step.consumed
            count -= step.consumed
            consumed += Int64(step.consumed)
            let skip = Int(max(0, min(Int64(step.produced), keepingFrom - result.produced)))
            result.tail += UnsafeRawBufferPointer(rebasing: output[skip..<step.produced])
            // igzip stops within a few bytes of zlib; far more means it refused data zlib
            // takes, and holding it all would unbound memory: igzip's account stands.
            guard result.tail.count <= maxTail else { return nil }
            result.produced += Int64(step.produced)
            switch step.status {
            case .progress:
                continue
            case .memberEnd:
                return result
            case .needsInput:
                guard endOfFile else {
                    count = 0  // zlib keeps what it was given: read on from where it stopped
                    continue
                }
                result.error = .truncated(path: source.path, container: container, byteOffset: memberStart + consumed)
                return result
            case .corrupt(let reason, let bytesBefore):
                result.error = .corrupt(
                    path: source.path, container: container, byteOffset: memberStart + consumed - Int64(bytesBefore),
                    reason: reason)
                return result
            }
        }
    }
}
