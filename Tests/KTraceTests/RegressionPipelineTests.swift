import Testing

@testable import KTrace

/// The inflating thread must not outlive a read that stopped early (`--strict`,
/// `--max-bytes`). FuzzDecompress found the leak it caused: the thread, detached,
/// still held the reader and a corrupt-stream error when the read had returned
/// (artifact leak-d13607b6…, docs/reliability.md).
@Suite struct RegressionPipelineTests {
    static let gzip = try! CompressedWriter.compress(
        Array(String(repeating: "a-1 [000] 1.000000: idle_enter:\n", count: 200_000).utf8))

    @Test func inflaterEndsWhenTheConsumerStopsEarly() throws {
        weak var weakReader: DecompressingReader?
        do {
            let reader = try DecompressingReader(source: ByteSource(bytes: Self.gzip, name: "g"))
            weakReader = reader
            let lines = LineReader(reader: reader, maxLineLength: 1 << 20, maxBytes: nil)
            try lines.forEachLine { number, _ in number < 10 }
            #expect(lines.lineNumber == 10)
            #expect(lines.compressedBytesRead > 0 && lines.compressedBytesRead <= Int64(Self.gzip.count))
        }
        #expect(weakReader == nil)
    }

    @Test func inflaterEndsAfterAByteLimit() throws {
        weak var weakReader: DecompressingReader?
        do {
            let reader = try DecompressingReader(source: ByteSource(bytes: Self.gzip, name: "g"))
            weakReader = reader
            let lines = LineReader(reader: reader, maxLineLength: 1 << 20, maxBytes: 100)
            #expect(throws: TraceInputError.self) { try lines.forEachLine { _, _ in true } }
        }
        #expect(weakReader == nil)
    }

    @Test func corruptStreamAfterStrictStop() {
        var bytes = Self.gzip
        bytes[bytes.count / 2] ^= 0xff
        var options = ReadOptions()
        options.strict = true
        let text = Array("garbage\n".utf8)
        let summary = TraceText.parse(bytes: try! CompressedWriter.compress(text) + bytes, options: options).summary
        #expect(summary.strictStop?.line == 1)
        #expect(summary.error == nil)
    }
}
