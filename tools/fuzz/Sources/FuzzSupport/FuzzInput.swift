import KTrace

/// Shared helpers of the fuzz targets: input shaping, options, invariants.
///
/// An invariant that does not hold traps (`preconditionFailure`), which
/// libFuzzer reports as a crash with the input that caused it.
public enum FuzzInput {
    /// The fuzzer's bytes as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Makes the container detection see plain text (a leading newline is a blank line).
    public static func forcePlain(_ bytes: inout [UInt8]) {
        if bytes.count >= 2 && InputContainer.detect(bytes[0], bytes[1]) != .plain { bytes.insert(0x0a, at: 0) }
    }

    /// Read options chosen by one selector byte: a small line cap, strict mode, a byte cap,
    /// small buffers with parse threads.
    public static func readOptions(_ selector: UInt8) -> ReadOptions {
        var options = ReadOptions()
        if selector & 0x01 != 0 { options.maxLineLength = Int(selector >> 2) + 1 }
        if selector & 0x02 != 0 { options.strict = true }
        if selector & 0xf0 == 0xf0 { options.maxBytes = Int64(selector & 0x0f) * 64 }
        if selector & 0x04 != 0 {
            // Small buffers: blocks of lines go to parse threads (round 9 of docs/performance.md).
            options.bufferBytes = 64 + Int(selector >> 3) * 16
            options.parseThreads = 2
        }
        options.maxReportedMalformed = 50
        return options
    }

    /// Wraps `bytes` in a container picked by `mode` (see `FuzzDecompress`).
    public static func container(mode: UInt8, bytes: [UInt8]) -> [UInt8] {
        switch mode % 5 {
        case 0:
            return bytes
        case 1:
            // A valid gzip header (no flags, OS unknown) in front of raw deflate data.
            return [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff] + bytes
        case 2:
            return [0x78, 0x9c] + bytes
        case 3, 4:
            // A valid stream of the bytes (one or two members), then one byte changed.
            guard
                var packed = try? CompressedWriter.compress(
                    bytes, format: mode % 5 == 3 ? .gzip : .zlib, members: bytes.count > 8 ? 2 : 1)
            else { return bytes }
            if let first = bytes.first, !packed.isEmpty {
                let position = (Int(first) &* 131 &+ bytes.count) % packed.count
                packed[position] ^= bytes.last ?? 0x01
                if first & 0x07 == 0 { packed.removeLast(min(packed.count, Int(first >> 3))) }
            }
            return packed
        default:
            return bytes
        }
    }

    /// Parses `bytes` and returns the read summary.
    public static func parse(_ bytes: [UInt8], options: ReadOptions) -> TraceReadSummary {
        TraceText.parse(bytes: bytes, name: "<fuzz>", options: options).summary
    }

    /// The same bytes read in small buffers with and without parse threads (round 9 of
    /// docs/performance.md) give the same events and the same summary.
    public static func checkParallelParse(_ bytes: [UInt8], options: ReadOptions, bufferBytes: Int) {
        var options = options
        options.bufferBytes = bufferBytes
        options.parseThreads = 0
        let alone = TraceText.parse(bytes: bytes, name: "<fuzz>", options: options)
        options.parseThreads = 2
        let threaded = TraceText.parse(bytes: bytes, name: "<fuzz>", options: options)
        precondition(alone.events.map { "\($0)" } == threaded.events.map { "\($0)" }, "parse threads: events differ")
        precondition(comparable(alone.summary) == comparable(threaded.summary), "parse threads: summaries differ")
    }

    /// A summary as text with its dictionaries in key order.
    private static func comparable(_ summary: TraceReadSummary) -> String {
        var plain = summary
        plain.unknownEvents = [:]
        plain.config.otherHeaders = [:]
        let unknown = summary.unknownEvents.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let headers = summary.config.otherHeaders.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "\(plain) \(unknown) \(headers)"
    }

    /// Nothing silently lost: every line read is in exactly one bucket.
    public static func checkAccounting(_ summary: TraceReadSummary) {
        let buckets =
            summary.eventLines + summary.malformedCount + summary.unknownEventCount + summary.commentLines
            + summary.blankLines
        precondition(
            summary.lines == buckets,
            "lines \(summary.lines) != events \(summary.eventLines) + malformed \(summary.malformedCount) "
                + "+ unknown \(summary.unknownEventCount) + comments \(summary.commentLines) + blank \(summary.blankLines)"
        )
        precondition(summary.events >= summary.eventLines, "fewer events than event lines")
        precondition(summary.malformed.count <= summary.malformedCount, "more malformed records than malformed lines")
        if summary.strictStop != nil { precondition(summary.malformedCount == 1, "strict read past a malformed line") }
    }

    /// Byte counts of a compressed read stay within the input.
    public static func checkCompressedAccounting(_ summary: TraceReadSummary, inputSize: Int) {
        precondition(summary.compressedBytes >= 0 && summary.compressedBytes <= Int64(inputSize), "compressed bytes")
        precondition(summary.bytes >= 0, "decompressed bytes")
        if summary.container == .plain { precondition(summary.bytes <= Int64(inputSize), "plain bytes") }
        if let offset = summary.error?.byteOffset {
            precondition(offset >= 0 && offset <= Int64(inputSize), "error offset \(offset) beyond \(inputSize)")
        }
    }
}
