import Foundation
import KTrace
import Synth
import TestSupport
import Testing

@Suite("Synth basics")
struct SynthBasicsTests {
    @Test("SplitMix64 gives the reference sequence")
    func splitMix() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test(
        "sizes take binary suffixes",
        arguments: [
            ("4096", UInt64(4096)), ("64K", 65536), ("1M", 1 << 20), ("4G", 4 << 30), ("2MiB", 2 << 20), ("8k", 8192),
        ])
    func sizes(text: String, bytes: UInt64) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test("bad sizes are refused", arguments: ["", "K", "12Q", "-1", "1.5M", "99999999999999999999G"])
    func badSizes(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }

    @Test("line buffer formats numbers, hex, timestamps and the ftrace task prefix")
    func lineBuffer() {
        let buffer = TraceLineBuffer()
        buffer.appendTask(comm: Array("cat".utf8), pid: 512, cpu: 0)
        buffer.appendTimestamp(10_000_100_999)
        buffer.append(" ")
        buffer.appendHex(0xFFFF_8000_4000_0000)
        buffer.append(" ")
        buffer.appendHex(0)
        buffer.append(" ")
        buffer.appendDecimal(Int64(-42))
        let text = String(decoding: buffer.bytes, as: UTF8.self)
        #expect(text == "             cat-512     [000]    10.000100 0xffff800040000000 0x0 -42")
    }

    @Test("the same seed gives the same bytes; another seed does not")
    func determinism() throws {
        func make(_ seed: UInt64) throws -> String {
            var scenario = MixedScenario()
            scenario.size = 256 << 10
            scenario.seed = seed
            return try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }.text
        }
        let first = try make(7)
        #expect(first == (try make(7)))
        #expect(first != (try make(8)))
    }

    @Test("ptrace-dbregs --race is the shared example, line for line but for timestamps and comments")
    func dbregsMatchesExample() throws {
        let generated = try synthesize { emitter throws(SynthError) in
            try PtraceDbregsScenario().generate(into: emitter)
        }.text
        let url = RepositoryPaths.fixtures.appendingPathComponent("ptrace-dbregs-race.trace")
        let example = try String(contentsOf: url, encoding: .utf8)
        func shape(_ text: String) -> [String] {
            text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
                String($0).replacing(#/\s+\d+\.\d+:\s/#, with: " T: ")
            }
        }
        #expect(shape(generated) == shape(example))
    }

    @Test("invalid options are refused")
    func invalid() {
        var scenario = FFSReadScenario()
        scenario.ncpu = 4
        scenario.busyReaders = 2
        scenario.idle = 2
        #expect(throws: SynthError.self) {
            _ = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }
        }
        scenario = FFSReadScenario()
        scenario.ncpu = 65
        #expect(throws: SynthError.self) {
            _ = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }
        }
    }

    @Test("--members N writes N gzip members that read back as one stream")
    func members() throws {
        var scenario = FFSReadScenario()
        scenario.size = 80 << 10
        let plain = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }.text
        final class Collector: @unchecked Sendable { var bytes: [UInt8] = [] }
        let collector = Collector()
        let writer = try CompressedWriter(format: .gzip) { chunk in collector.bytes.append(contentsOf: chunk) }
        let emitter = TraceEmitter(sink: CompressedSink(writer: writer), members: 4)
        try scenario.generate(into: emitter)
        let stats = try emitter.finish()
        #expect(stats.members == 4)
        var headers = 0
        for index in 0..<(collector.bytes.count - 2)
        where collector.bytes[index] == 0x1F && collector.bytes[index + 1] == 0x8B && collector.bytes[index + 2] == 8 {
            headers += 1
        }
        #expect(headers >= 4)
        let parsed = TraceText.parse(bytes: collector.bytes)
        #expect(parsed.summary.error == nil)
        #expect(parsed.events.count == TraceText.parse(plain).events.count)
    }
}
