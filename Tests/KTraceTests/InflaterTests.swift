import CZlib
import Testing

@testable import KTrace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which inflater reads a trace must not change any result. These run with every
/// inflater the process has: zlib, and ISA-L when libisal.so.2 is installed (as
/// .ci/run installs it), where the two are also compared with each other.
@Suite struct InflaterTests {
    static let text = Array(String(repeating: try! Fixtures.text("ffs-read-4cpu.trace"), count: 20).utf8)

    /// What a reader hands out for `bytes`, and the error that ended it.
    struct Drained: Equatable, CustomTestStringConvertible {
        var output: [UInt8]
        var error: TraceInputError?

        var testDescription: String {
            "\(output.count) bytes, \(error.map { String(describing: $0) } ?? "no error")"
        }
    }

    /// Reads everything through small buffers, so members, trailers and headers
    /// straddle refills (input 61 bytes, output 1000). The compressed bytes counted as
    /// consumed (`compressed_bytes` in the JSON) end at the error's offset, or the file's end.
    static func drain(
        _ bytes: [UInt8], _ kind: InflaterKind, inputBuffer: Int = 61, zlibRecheck: Bool = true
    ) throws -> Drained {
        let reader = try DecompressingReader(
            source: ByteSource(bytes: bytes, name: "t"), inputBufferSize: inputBuffer, inflater: kind,
            zlibRecheck: zlibRecheck)
        var result = Drained(output: [], error: nil)
        var buffer = [UInt8](repeating: 0, count: 1000)
        while true {
            do {
                let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
                if count == 0 { break }
                result.output += buffer[..<count]
            } catch {
                result.error = try #require(error as? TraceInputError)
                break
            }
        }
        #expect(reader.compressedOffset == result.error?.byteOffset ?? Int64(bytes.count), "\(kind.rawValue)")
        return result
    }

    /// An installed libisal is loaded (passing its self-test) and is the default;
    /// without it zlib inflates. A failed load must not go unnoticed here, or every
    /// test below would quietly run with zlib alone.
    @Test func isalIsUsedWhenInstalled() {
        let installed = dlopen(ISALLibrary.names[0], RTLD_NOW | RTLD_LOCAL)
        defer { if let installed { dlclose(installed) } }
        #expect(InflaterKind.isal.isAvailable == (installed != nil))
        #expect(InflaterKind.available == (installed != nil ? [.zlib, .isal] : [.zlib]))
        if getenv("KREPLAY_INFLATER") == nil {
            #expect(InflaterKind.default == (installed != nil ? .isal : .zlib))
        }
        #expect(ISALLibrary.shared?.passesSelfTest() ?? true)
        #expect(InflaterKind.default.libraryDescription.isEmpty == false)
        #expect(InflaterKind.isal.libraryDescription.hasPrefix("ISA-L igzip"))
    }

    /// A library that is not there, or is not igzip, is not used.
    @Test func otherLibrariesAreNotLoaded() {
        #expect(ISALLibrary.load("libkreplay-no-such-library.so.2") == nil)
        #expect(ISALLibrary.load("libz.so.1") == nil)
    }

    /// Well-formed containers, and cuts and garbage whose error is decided by the
    /// reader (not the inflater): the same bytes and the same error everywhere.
    @Test(arguments: [61, 1 << 18])
    func sameBytesAndErrorsForEveryInflater(inputBuffer: Int) throws {
        let gzip = try CompressedWriter.compress(Self.text)
        let members = try CompressedWriter.compress(Self.text, members: 5)
        let zlib = try CompressedWriter.compress(Self.text, format: .zlib)
        let empty = try CompressedWriter.compress([])
        let cases: [(String, [UInt8], Drained?)] = [
            ("gzip", gzip, Drained(output: Self.text)),
            ("members", members, Drained(output: Self.text)),
            ("cat a b", gzip + members, Drained(output: Self.text + Self.text)),
            ("zlib", zlib, Drained(output: Self.text)),
            ("zlib twice", zlib + zlib, Drained(output: Self.text + Self.text)),
            ("empty gzip", empty, Drained(output: [])),
            ("zero padding", gzip + [UInt8](repeating: 0, count: 300), Drained(output: Self.text)),
            ("one zero", gzip + [0], Drained(output: Self.text)),
            (
                "garbage", gzip + Array("garbage".utf8),
                Drained(
                    output: Self.text,
                    error: .corrupt(
                        path: "t", container: .gzip, byteOffset: Int64(gzip.count),
                        reason: "trailing garbage after the last member"))
            ),
            (
                "bare header", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3],
                Drained(output: [], error: .truncated(path: "t", container: .gzip, byteOffset: 10))
            ),
            (
                "cut trailer", Array(gzip.dropLast(3)),
                Drained(
                    output: Self.text, error: .truncated(path: "t", container: .gzip, byteOffset: Int64(gzip.count - 3))
                )
            ),
            (
                "cut second member", Array((gzip + gzip).dropLast(gzip.count / 2)),
                nil
            ),
        ]
        for (name, bytes, expected) in cases {
            var first: Drained?
            for kind in InflaterKind.available {
                let got = try Self.drain(bytes, kind, inputBuffer: inputBuffer)
                if let expected {
                    #expect(got == expected, "\(name), \(kind.rawValue)")
                } else {
                    #expect(got.error == .truncated(path: "t", container: .gzip, byteOffset: Int64(bytes.count)))
                }
                if let first { #expect(got == first, "\(name): \(kind) differs") }
                first = first ?? got
            }
        }
    }

    /// Cuts at many offsets: every inflater hands out the same bytes and names the same offset.
    @Test func truncationsAgree() throws {
        let gzip = try CompressedWriter.compress(Self.text, members: 3)
        // From 2: one byte is too short to be gzip (a plain trace).
        for cut in stride(from: 2, to: gzip.count, by: 97) {
            let bytes = Array(gzip.prefix(cut))
            var first: Drained?
            for kind in InflaterKind.available {
                let got = try Self.drain(bytes, kind)
                // No error only when the cut falls between members.
                #expect(
                    got.error == nil || got.error?.byteOffset == Int64(cut),
                    "cut \(cut), \(kind): \(String(describing: got.error))")
                #expect(Self.text.starts(with: got.output), "cut \(cut), \(kind)")
                if let first { #expect(got == first, "cut \(cut): \(kind) differs") }
                first = first ?? got
            }
        }
    }

    /// A damaged CRC, ISIZE or Adler-32: the whole member's text is handed out, then
    /// the error zlib gives (`incorrect data check` after a gzip CRC, `incorrect
    /// length check` at the end) — the same from every inflater, however the reads
    /// split the trailer.
    @Test func damagedTrailersGiveZlibsErrors() throws {
        let gzip = try CompressedWriter.compress(Self.text)
        let zlib = try CompressedWriter.compress(Self.text, format: .zlib)
        func flipped(_ bytes: [UInt8], at index: Int) -> [UInt8] {
            var copy = bytes
            copy[index] ^= 0x01
            return copy
        }
        let cases: [(String, [UInt8], InputContainer, Int64, String)] = [
            ("gzip crc", flipped(gzip, at: gzip.count - 8), .gzip, Int64(gzip.count - 4), "incorrect data check"),
            ("gzip isize", flipped(gzip, at: gzip.count - 1), .gzip, Int64(gzip.count), "incorrect length check"),
            ("zlib adler", flipped(zlib, at: zlib.count - 1), .zlib, Int64(zlib.count), "incorrect data check"),
        ]
        for kind in InflaterKind.available {
            for (name, bytes, container, offset, reason) in cases {
                let got = try Self.drain(bytes, kind, inputBuffer: 1 << 18)
                let expected = Drained(
                    output: Self.text,
                    error: .corrupt(path: "t", container: container, byteOffset: offset, reason: reason))
                #expect(got == expected, "\(name), \(kind.rawValue)")
                #expect(try Self.drain(bytes, kind) == expected, "\(name), \(kind.rawValue), 61-byte reads")
            }
        }
    }

    /// A gzip header with FHCRC: a good header CRC is read past, a bad one is zlib's
    /// `header crc mismatch` right after it, from every inflater.
    @Test func headerCRC() throws {
        let member = try CompressedWriter.compress(Self.text)
        // The same member with FHCRC set and the CRC-16 of the 10 header bytes after them.
        var header = Array(member[..<10])
        header[3] |= 0x02
        let crc = header.withUnsafeBytes { UInt32(crc32(0, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), 10)) }
        let good = header + [UInt8(crc & 0xff), UInt8(crc >> 8 & 0xff)] + member[10...]
        let bad = header + [UInt8(crc & 0xff) ^ 1, UInt8(crc >> 8 & 0xff)] + member[10...]
        for kind in InflaterKind.available {
            #expect(try Self.drain(good, kind) == Drained(output: Self.text), "\(kind.rawValue)")
            let expected = Drained(
                output: [], error: .corrupt(path: "t", container: .gzip, byteOffset: 12, reason: "header crc mismatch"))
            #expect(try Self.drain(bad, kind) == expected, "\(kind.rawValue)")
        }
    }

    /// Damage inside the deflate data: every inflater reports bad data at an offset.
    @Test func damagedPayloadIsCaughtByEveryInflater() throws {
        var gzip = try CompressedWriter.compress(Self.text)
        for index in gzip.count / 2..<gzip.count / 2 + 64 { gzip[index] ^= 0x5a }
        for kind in InflaterKind.available {
            let got = try Self.drain(gzip, kind)
            #expect(got.error?.isBadData == true, "\(kind)")
            #expect((got.error?.byteOffset ?? -1) > 0, "\(kind)")
        }
    }

    /// One-bit flips in the deflate data: ISA-L decodes ahead of a fault (a later
    /// offset, a few garbage bytes, no messages of its own), so its faults are
    /// re-checked with zlib (`ZlibRecheck`) and every inflater hands out the same
    /// bytes and the same error. Without the re-check some of these flips differ.
    @Test func damagedPayloadReadsTheSameWithEveryInflater() throws {
        let gzip = try CompressedWriter.compress(Self.text, members: 2)
        var generator = SplitMix64(seed: 17)
        var differingWithoutRecheck = 0
        for _ in 0..<40 {
            var bytes = gzip
            let index = 10 + Int(generator.next() % UInt64(gzip.count - 18))
            bytes[index] ^= UInt8(1) << (generator.next() % 8)
            let zlib = try Self.drain(bytes, .zlib, inputBuffer: 1 << 18)
            for kind in InflaterKind.available where kind != .zlib {
                let whole = try Self.drain(bytes, kind, inputBuffer: 1 << 18)
                #expect(whole == zlib, "flip at \(index), \(kind): \(whole) vs zlib's \(zlib)")
                let small = try Self.drain(bytes, kind)
                #expect(small == zlib, "flip at \(index), \(kind), 61-byte reads: \(small) vs zlib's \(zlib)")
                if try Self.drain(bytes, kind, inputBuffer: 1 << 18, zlibRecheck: false) != zlib {
                    differingWithoutRecheck += 1
                }
            }
        }
        if InflaterKind.isal.isAvailable { #expect(differingWithoutRecheck > 0) }
    }
}
