import Foundation
import KTrace
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile input through the built binary: each case's exit status (README.md "Exit status") and
/// message. Kept to a few seconds in all; long fuzzing runs live in tools/fuzz.
@Suite struct HostileInputTests {
    static let example = Array(
        (try? Data(contentsOf: URL(fileURLWithPath: KReplayBinary.fixture("ffs-read-4cpu.trace")))) ?? Data())

    /// A synthetic trace of `lines` varied events (so it does not compress to nothing).
    static func synthetic(lines: Int) -> [UInt8] {
        var text = "# machine: arch=amd64 ncpu=4\n"
        for index in 0..<lines {
            let va = 0xffff_8000_4a00_0000 + UInt64(index % 4096) * 4096
            let time = "\(10 + index / 1_000_000).\(String(format: "%06d", index % 1_000_000))"
            switch index % 4 {
            case 0:
                text +=
                    "cat-512 [00\(index % 4)] \(time): pmap_kenter_pa: va=0x\(String(va, radix: 16)) pa=0x\(index)\n"
            case 1: text += "cat-512 [00\(index % 4)] \(time): tlb_fill: pmap=kernel va=0x\(String(va, radix: 16))\n"
            case 2: text += "<idle>-0 [00\(index % 4)] \(time): idle_enter:\n"
            default: text += "<idle>-0 [00\(index % 4)] \(time): idle_exit:\n"
            }
        }
        return Array(text.utf8)
    }

    static func files(_ contents: [[UInt8]]) throws -> [String] {
        try contents.map { try KReplayBinary.temporaryFile($0) }
    }

    static func remove(_ paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    static func traces(_ run: KReplayBinary.Run) throws -> [[String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(root["traces"] as? [[String: Any]])
    }

    static func expectNoCrash(_ run: KReplayBinary.Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!run.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("crashed"), sourceLocation: sourceLocation)
        #expect([0, 1, 65, 66].contains(run.status), "exit \(run.status)", sourceLocation: sourceLocation)
    }

    /// A gzip cut at every KiB: exit 65, `FILE: byte N: truncated`, and the events
    /// before the cut analysed (more of them the later the cut).
    @Test func gzipTruncatedAtEveryKiB() throws {
        let gzip = try CompressedWriter.compress(Self.synthetic(lines: 4000))
        let cuts = Array(stride(from: 1024, to: gzip.count, by: 1024))
        #expect(cuts.count >= 10)
        let paths = try Self.files(cuts.map { Array(gzip.prefix($0)) })
        defer { Self.remove(paths) }
        let run = try KReplayBinary.run(["analyze", "--format", "json", "-j", "2"] + paths, timeout: 60)
        Self.expectNoCrash(run)
        #expect(run.status == 65)
        var previous = -1
        for (trace, (path, cut)) in zip(try Self.traces(run), zip(paths, cuts)) {
            #expect(run.stderr.contains("kreplay: \(path): byte \(cut): truncated gzip stream"))
            let input = try #require(trace["input"] as? [String: Any])
            #expect(input["error_byte_offset"] as? Int == cut)
            let events = try #require(trace["events"] as? Int)
            #expect(events >= previous, "cut \(cut)")
            previous = events
        }
        #expect(previous > 0)
    }

    /// Seeded bit flips anywhere in a gzip: a corrupt/truncated error at a byte offset,
    /// or (a flip in a header field zlib ignores) a normal analysis — never a crash.
    @Test func gzipBitFlips() throws {
        let gzip = try CompressedWriter.compress(Self.example)
        var state: UInt64 = 0x5eed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let flipped: [[UInt8]] = (0..<40).map { _ in
            var bytes = gzip
            let position = 2 + next() % (bytes.count - 2)
            bytes[position] ^= UInt8(1 << (next() % 8))
            return bytes
        }
        let paths = try Self.files(flipped)
        defer { Self.remove(paths) }
        let run = try KReplayBinary.run(["analyze", "--format", "json"] + paths, timeout: 30)
        Self.expectNoCrash(run)
        var broken = 0
        for trace in try Self.traces(run) {
            let input = try #require(trace["input"] as? [String: Any])
            guard let error = input["error"] as? String else { continue }
            broken += 1
            #expect(error.contains("corrupt gzip stream") || error.contains("truncated gzip stream"), "\(error)")
            #expect(input["error_byte_offset"] is Int)
        }
        #expect(broken > 20)
        #expect(run.status == 65)
    }

    @Test func binaryGarbageIsMalformedLines() throws {
        var state: UInt32 = 7
        let garbage: [UInt8] =
            [0x00, 0x00]
            + (0..<20_000).map { _ in
                state = state &* 1_103_515_245 &+ 12345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
        let path = try KReplayBinary.temporaryFile(garbage)
        defer { Self.remove([path]) }
        let run = try KReplayBinary.run(["analyze", path], timeout: 20)
        Self.expectNoCrash(run)
        #expect(run.status == 1)
        #expect(run.stderr.contains("kreplay: \(path):1: malformed line ("))
        #expect(run.stdout.contains("trace_well_formed: failed"))
        #expect(run.stdout.contains("input: "))
        let strict = try KReplayBinary.run(["analyze", "--strict", path], timeout: 20)
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\(path):1: malformed line (--strict)"))
    }

    @Test func nulBytesInLines() throws {
        let text = "a-1 [000] 1.0: idle_enter:\n\u{0}\u{0}\u{0}\na-1 [000] 1.1: idle_\u{0}exit:\n"
        let path = try KReplayBinary.temporaryFile(Array(text.utf8))
        defer { Self.remove([path]) }
        let run = try KReplayBinary.run(["analyze", "--format", "json", path], timeout: 20)
        Self.expectNoCrash(run)
        #expect(run.status == 1)
        let trace = try #require(try Self.traces(run).first)
        #expect(trace["events"] as? Int == 1)
        #expect(trace["malformed_lines"] as? Int == 1)
        #expect((trace["unknown_events"] as? [String: Int])?.values.reduce(0, +) == 1)
    }

    @Test func crlfLineEndsReadLikeLF() throws {
        let crlf = Array(
            String(decoding: Self.example, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let path = try KReplayBinary.temporaryFile(crlf)
        defer { Self.remove([path]) }
        let run = try KReplayBinary.run(["analyze", "--format", "json", path], timeout: 20)
        let plain = try KReplayBinary.run(["analyze", "--format", "json", KReplayBinary.fixture("ffs-read-4cpu.trace")])
        #expect(run.status == plain.status)
        let trace = try #require(try Self.traces(run).first)
        #expect(trace["events"] as? Int == 62)
        #expect(trace["malformed_lines"] as? Int == 0)
    }
}
