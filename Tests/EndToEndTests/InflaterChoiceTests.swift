import Foundation
import KTrace
import Testing

/// The inflater is chosen at run time (ISA-L when libisal.so.2 is installed, else
/// zlib; `KREPLAY_INFLATER=zlib` forces zlib): the choice shows in `--version` and
/// nowhere else.
@Suite struct InflaterChoiceTests {
    @Test func versionNamesTheInflater() throws {
        let version = try KReplayBinary.run(["--version"])
        #expect(version.status == 0)
        if InflaterKind.isal.isAvailable {
            #expect(version.stdout.contains("(inflater: ISA-L igzip libisal.so.2"))
        } else {
            #expect(version.stdout.contains("(inflater: zlib "))
            #expect(version.stdout.contains("ISA-L igzip not found (libisal.so.2)"))
        }
        let zlib = try KReplayBinary.run(["--version"], environment: ["KREPLAY_INFLATER": "zlib"])
        #expect(zlib.stdout.contains("(inflater: zlib "))
    }

    /// Same output, errors and exit status with either inflater, on a good trace and
    /// on a damaged one (a one-bit flip in the deflate data, and a cut).
    @Test func sameResultsWithEitherInflater() throws {
        let trace = KReplayBinary.sample("mixed-8cpu.trace.gz")
        var flipped = try [UInt8](Data(contentsOf: URL(fileURLWithPath: trace)))
        let cut = try KReplayBinary.temporaryFile(Array(flipped.prefix(flipped.count * 3 / 5)), suffix: ".gz")
        flipped[1248] ^= 0x02  // igzip alone would say byte 1264, zlib says 1251
        let damaged = try KReplayBinary.temporaryFile(flipped, suffix: ".gz")
        defer {
            try? FileManager.default.removeItem(atPath: cut)
            try? FileManager.default.removeItem(atPath: damaged)
        }
        for path in [trace, cut, damaged] {
            for arguments in [["analyze", "--format", "json"], ["replay", "--strategy", "idle-lazy,single-stop"]] {
                let chosen = try KReplayBinary.run(arguments + [path])
                let zlib = try KReplayBinary.run(arguments + [path], environment: ["KREPLAY_INFLATER": "zlib"])
                #expect(chosen.status == zlib.status, "\(arguments) \(path)")
                #expect(chosen.stdout == zlib.stdout, "\(arguments) \(path)")
                #expect(chosen.stderr == zlib.stderr, "\(arguments) \(path)")
            }
        }
    }
}
