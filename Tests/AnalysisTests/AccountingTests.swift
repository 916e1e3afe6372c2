import Foundation
import TestSupport
import Testing

@testable import Analysis

/// Nothing silently lost: on corrupted inputs every line read lands in exactly one
/// bucket, and a broken stream says how far reading got.
@Suite struct AccountingTests {
    static let fixtures = RepositoryPaths.fixtures

    static let example = Array(
        (try? Data(contentsOf: fixtures.appendingPathComponent("ffs-read-4cpu.trace"))) ?? Data())

    static func analyse(_ bytes: [UInt8], strict: Bool = false) throws -> TraceResult {
        var options = AnalysisOptions()
        options.read.strict = strict
        options.strategies = ["netbsd8"]
        return try analyzeTrace(bytes: bytes, name: "acct.trace", options: options)
    }

    static func expectAddsUp(_ result: TraceResult, sourceLocation: SourceLocation = #_sourceLocation) {
        let input = result.input
        #expect(
            input.lines == input.eventLines + input.malformedLines + input.unknownLines + input.commentLines
                + input.blankLines,
            "\(input)", sourceLocation: sourceLocation)
        #expect(input.malformedLines == result.malformedLines, sourceLocation: sourceLocation)
        #expect(input.unknownLines == result.unknownEvents.values.reduce(0, +), sourceLocation: sourceLocation)
        #expect(input.events == result.events, sourceLocation: sourceLocation)
    }

    /// A deterministic generator so failures reproduce.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    @Test func everyBucketOnAMixedTrace() throws {
        let text = """
            cpus=4
            # machine: ncpu=4

            a-1 [000] 1.000000: idle_enter:
            a-1 [000] 1.000001: frobnicate: x=1
            not a trace line
            a-1 [009] 1.000002: idle_exit:
            \u{0}\u{1}\u{2}
            # a comment
            a-1 [001] 1.000003: signal_generate: sig=9 errno=0 code=0 comm=x pid=5 grp=1 res=0
            a-1 [001] 1.000004: frobnicate: y=2

            """
        let result = try Self.analyse(Array(text.utf8))
        Self.expectAddsUp(result)
        #expect(result.input.lines == 11)
        #expect(result.input.eventLines == 2)
        #expect(result.input.events == 2)
        #expect(result.input.malformedLines == 3)
        #expect(result.input.unknownLines == 2)
        #expect(result.input.commentLines == 3)
        #expect(result.input.blankLines == 1)
    }

    /// Random bit flips and byte garbage in the example: the buckets still add up.
    @Test(arguments: 0..<40)
    func corruptedPlainTraceAddsUp(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        var bytes = Self.example
        for _ in 0..<(1 + random.next() % 40) {
            let position = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 4 {
            case 0: bytes[position] ^= UInt8(1 << (random.next() % 8))
            case 1: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 2: bytes.insert(0x0a, at: position)
            default: bytes.remove(at: position)
            }
        }
        if bytes.count >= 2 && InputContainer.detect(bytes[0], bytes[1]) != .plain { bytes[0] = 0x23 }
        Self.expectAddsUp(try Self.analyse(bytes))
        Self.expectAddsUp(try Self.analyse(bytes, strict: true))
    }

    /// A gzip cut anywhere: counts add up and say how far reading got.
    @Test(arguments: [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
    func truncatedGzipSaysHowFarItGot(fraction: Double) throws {
        let whole = try CompressedWriter.compress(Self.example)
        let cut = Array(whole.prefix(Int(Double(whole.count) * fraction)))
        let result = try Self.analyse(cut)
        Self.expectAddsUp(result)
        #expect(result.input.container == "gzip")
        #expect(result.input.error?.contains("truncated gzip stream") == true)
        #expect(result.input.errorByteOffset == Int64(cut.count))
        #expect(result.input.compressedBytes <= Int64(cut.count))
        #expect(result.input.bytes <= Int64(Self.example.count))
        #expect(result.events <= 62)
        let check = result.checks.first { $0.name == "trace_well_formed" }
        #expect(check?.result == .failed)
    }

    /// The unfinished line where the stream broke is a line too: every byte read is in one.
    @Test func lineCutByTheBreakIsCounted() throws {
        let text = Array("# machine: ncpu=4\na-1 [000] 1.000000: idle_enter:\nbad line that is cut\n".utf8)
        let whole = try CompressedWriter.compress(text)
        // Decompressed bytes stop inside the third line when the 8-byte trailer and some data are cut.
        for cut in stride(from: whole.count - 9, to: 12, by: -1) {
            let result = try Self.analyse(Array(whole.prefix(cut)))
            Self.expectAddsUp(result)
            guard result.input.bytes > 50, result.input.bytes < Int64(text.count) else { continue }
            #expect(result.input.lines == 3)
            #expect(
                result.input.malformed.last?.reason
                    == "cut off where reading stopped (\(result.input.bytes - 50) bytes)")
            return
        }
        Issue.record("no cut fell inside the last line")
    }

    /// `--strict` on a gzip: reading stops at the line, counts stop with it.
    @Test func strictStopOnGzipCountsUpToTheLine() throws {
        var text = String(decoding: Self.example, as: UTF8.self)
        text += "garbage line\n" + String(repeating: "a-1 [000] 9.000000: idle_enter:\n", count: 100_000)
        let gzip = try CompressedWriter.compress(Array(text.utf8))
        let result = try Self.analyse(gzip, strict: true)
        Self.expectAddsUp(result)
        #expect(result.input.malformedLines == 1)
        #expect(result.input.errorLine == result.input.lines)
        #expect(result.input.compressedBytes > 0 && result.input.compressedBytes <= Int64(gzip.count))
        #expect(result.events == 62)
    }

}
