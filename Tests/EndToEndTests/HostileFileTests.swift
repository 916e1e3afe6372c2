import Foundation
import KTrace
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile files rather than hostile bytes: huge lines, empty containers, paths that
/// are not regular files, limits. Each through the built binary, status and message.
@Suite struct HostileFileTests {
    static let eventLine = "a-1 [000] 1.000000: idle_enter:\n"

    /// One 100 MiB line, written in 1 MiB chunks, then a valid event: the line is
    /// malformed (never buffered), the event is read.
    @Test func hundredMiBSingleLine() throws {
        let path = try KReplayBinary.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let chunk = Data(repeating: 0x78, count: 1 << 20)
        for _ in 0..<100 { handle.write(chunk) }
        handle.write(Data(("\n" + Self.eventLine).utf8))
        try handle.close()
        let run = try KReplayBinary.run(["analyze", "--format", "json", path], timeout: 30)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "kreplay: \(path):1: malformed line (line too long (104857600 bytes, limit 1048576)): xxxxx"))
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let trace = try #require((object?["traces"] as? [[String: Any]])?.first)
        #expect(trace["events"] as? Int == 1)
        #expect(trace["malformed_lines"] as? Int == 1)
    }

    @Test func maxLineAndMaxBytes() throws {
        let text = String(repeating: "y", count: 500) + "\n" + Self.eventLine
        let path = try KReplayBinary.temporaryFile(try CompressedWriter.compress(Array(text.utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let shortLines = try KReplayBinary.run(["analyze", "--max-line", "100", path], timeout: 20)
        #expect(shortLines.status == 1)
        #expect(shortLines.stderr.contains("\(path):1: malformed line (line too long (500 bytes, limit 100))"))
        let capped = try KReplayBinary.run(["analyze", "--max-bytes", "100", path], timeout: 20)
        #expect(capped.status == 65)
        #expect(capped.stderr.contains("kreplay: \(path): decompressed size exceeds --max-bytes 100"))
        #expect(try KReplayBinary.run(["analyze", "--max-line", "10", path]).status == 64)
    }

    /// An empty gzip member alone, and between two members.
    @Test func emptyGzipMember() throws {
        let empty = try CompressedWriter.compress([])
        let event = try CompressedWriter.compress(Array(Self.eventLine.utf8))
        let paths = try [empty, event + empty + event].map { try KReplayBinary.temporaryFile($0) }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
        let alone = try KReplayBinary.run(["analyze", "--format", "json", paths[0]], timeout: 20)
        #expect(alone.status == 0)
        #expect(alone.stdout.contains("\"events\" : 0"))
        #expect(alone.stderr.isEmpty)
        let between = try KReplayBinary.run(["analyze", "--format", "json", paths[1]], timeout: 20)
        #expect(between.status == 0)
        #expect(between.stdout.contains("\"events\" : 2"))
    }

    /// A zero-byte file (whatever its name) is an empty plain trace; a gzip header alone is truncated.
    @Test func zeroBytesAndBareHeader() throws {
        let zero = try KReplayBinary.temporaryFile([], suffix: ".trace.gz")
        let header = try KReplayBinary.temporaryFile([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3], suffix: ".gz")
        defer { for path in [zero, header] { try? FileManager.default.removeItem(atPath: path) } }
        let empty = try KReplayBinary.run(["analyze", zero], timeout: 20)
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("0 events"))
        let bare = try KReplayBinary.run(["analyze", header], timeout: 20)
        #expect(bare.status == 65)
        #expect(bare.stderr.contains("kreplay: \(header): byte 10: truncated gzip stream"))
    }

    /// A directory without traces (one with traces stands for them, docs/inputs.md).
    @Test func directoryPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-dir-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try KReplayBinary.run(["analyze", directory], timeout: 20)
        #expect(run.status == 66)
        #expect(run.stderr.contains(": cannot open: is a directory"))
    }

    /// A FIFO fed by a writer thread streams like a file.
    @Test func fifoWithWriterThread() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-fifo-\(UUID())").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let gzip = try CompressedWriter.compress(Array(String(repeating: Self.eventLine, count: 1000).utf8))
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            gzip.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        writer.start()
        let run = try KReplayBinary.run(["analyze", "--format", "json", path], timeout: 20)
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"events\" : 1000"))
    }

    /// Without read permission: exit 66. Root reads any file, so as root the file is
    /// simply analysed (the tests run as root in CI; the check is then that nothing breaks).
    @Test func fileWithoutReadPermission() throws {
        let path = try KReplayBinary.temporaryFile(Array(Self.eventLine.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(chmod(path, 0) == 0)
        let run = try KReplayBinary.run(["analyze", path], timeout: 20)
        if geteuid() == 0 {
            #expect(run.status == 0)
        } else {
            #expect(run.status == 66)
            #expect(run.stderr.contains("kreplay: \(path): cannot open: Permission denied"))
        }
    }
}
