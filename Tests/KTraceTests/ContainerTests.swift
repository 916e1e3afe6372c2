import Testing

@testable import KTrace

@Suite struct ContainerTests {
    static let text = try! Fixtures.text("ffs-read-4cpu.trace")
    static var bytes: [UInt8] { Array(text.utf8) }

    @Test func detectsContainersByMagic() {
        #expect(InputContainer.detect(0x1f, 0x8b) == .gzip)
        for second: UInt8 in [0x01, 0x5e, 0x9c, 0xda] { #expect(InputContainer.detect(0x78, second) == .zlib) }
        #expect(InputContainer.detect(0x23, 0x20) == .plain)
        #expect(InputContainer.detect(0x78, 0x00) == .plain)
    }

    @Test(arguments: [1, 3, 7])
    func gzipMembersAreOneStream(members: Int) throws {
        let gzip = try CompressedWriter.compress(Self.bytes, format: .gzip, members: members)
        let trace = TraceText.parse(bytes: gzip)
        #expect(trace.summary.container == .gzip)
        #expect(trace.summary.error == nil)
        #expect(trace.events.count == 62)
        #expect(trace.summary.bytes == Int64(Self.bytes.count))
    }

    @Test func zlibStream() throws {
        let zlib = try CompressedWriter.compress(Self.bytes, format: .zlib)
        let trace = TraceText.parse(bytes: zlib)
        #expect(trace.summary.container == .zlib)
        #expect(trace.events.count == 62)
    }

    @Test func truncatedGzipKeepsEventsBeforeAndNamesTheOffset() throws {
        let gzip = try CompressedWriter.compress(Self.bytes)
        let cut = Array(gzip.prefix(gzip.count * 2 / 3))
        let trace = TraceText.parse(bytes: cut, name: "t.gz")
        guard case .truncated("t.gz", .gzip, let offset)? = trace.summary.error else {
            Issue.record("\(String(describing: trace.summary.error))")
            return
        }
        #expect(offset == Int64(cut.count))
        #expect(trace.events.count > 0 && trace.events.count < 62)
        #expect(trace.summary.error?.description.contains("t.gz: byte \(cut.count): truncated gzip") == true)
    }

    @Test func corruptMiddleIsReportedWithOffset() throws {
        // Uncompressible-looking data so that the middle is real deflate payload.
        var gzip = try CompressedWriter.compress(Array(String(repeating: Self.text, count: 50).utf8))
        for index in gzip.count / 2..<gzip.count / 2 + 64 { gzip[index] ^= 0x5a }
        let trace = TraceText.parse(bytes: gzip, name: "c.gz")
        #expect(trace.summary.error != nil)
        #expect(trace.summary.error?.isBadData == true)
        #expect(trace.summary.error?.byteOffset ?? -1 >= 0)
        #expect(trace.events.count > 0)
    }

    @Test func trailingGarbageAfterLastMemberIsAnError() throws {
        let gzip = try CompressedWriter.compress(Self.bytes) + Array("garbage".utf8)
        let trace = TraceText.parse(bytes: gzip)
        guard case .corrupt(_, .gzip, let offset, let reason)? = trace.summary.error else {
            Issue.record("\(String(describing: trace.summary.error))")
            return
        }
        #expect(offset == Int64(gzip.count - 7))
        #expect(reason.contains("trailing garbage"))
        #expect(trace.events.count == 62)
    }

    @Test func zeroPaddingAfterLastMemberIsIgnored() throws {
        let gzip = try CompressedWriter.compress(Self.bytes) + [UInt8](repeating: 0, count: 512)
        let trace = TraceText.parse(bytes: gzip)
        #expect(trace.summary.error == nil)
        #expect(trace.events.count == 62)
    }

    @Test func emptyInputs() throws {
        #expect(TraceText.parse(bytes: []).events.isEmpty)
        #expect(TraceText.parse(bytes: []).summary.error == nil)
        let emptyGzip = try CompressedWriter.compress([])
        let trace = TraceText.parse(bytes: emptyGzip)
        #expect(trace.summary.container == .gzip)
        #expect(trace.summary.error == nil)
        #expect(trace.summary.lines == 0)
    }

    @Test func megabyteLineIsReportedNotBuffered() throws {
        var text = "a-1 [000] 1.0: idle_enter:\n"
        text += "x-1 [000] 1.1: frob: " + String(repeating: "y", count: 1 << 20) + "\n"
        text += "a-1 [000] 1.2: idle_exit:\n"
        let gzip = try CompressedWriter.compress(Array(text.utf8))
        let trace = TraceText.parse(bytes: gzip)
        #expect(trace.events.count == 2)
        #expect(trace.summary.malformedCount == 1)
        let malformed = try #require(trace.summary.malformed.first)
        #expect(malformed.line == 2)
        #expect(malformed.reason.hasPrefix("line too long"))
        #expect(malformed.excerpt.count == 80)
    }

    @Test func maxBytesStopsWithAnError() throws {
        var options = ReadOptions()
        options.maxBytes = 1000
        let trace = TraceText.parse(bytes: Self.bytes, name: "big", options: options)
        guard case .tooLarge("big", 1000)? = trace.summary.error else {
            Issue.record("\(String(describing: trace.summary.error))")
            return
        }
    }
}
