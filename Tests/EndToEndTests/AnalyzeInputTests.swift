import Foundation
import KTrace
import Testing

/// `kreplay analyze` on good and bad inputs, through the built binary.
@Suite struct AnalyzeInputTests {
    static let exampleText = try! String(
        contentsOfFile: KReplayBinary.fixture("ffs-read-4cpu.trace"), encoding: .utf8)

    func json(_ run: KReplayBinary.Run) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let root = try #require(object as? [String: Any])
        let traces = try #require(root["traces"] as? [[String: Any]])
        return try #require(traces.first)
    }

    @Test func sampleTraceGivesSummary() throws {
        let run = try KReplayBinary.run(["analyze", KReplayBinary.sample("ffs-read-4cpu.trace.gz")])
        #expect(run.stdout.contains("ffs-read-4cpu.trace.gz"))
        #expect(run.stderr.isEmpty)
    }

    @Test func jsonHasContractFields() throws {
        let run = try KReplayBinary.run(["analyze", "--format", "json", KReplayBinary.sample("ffs-read-4cpu.trace.gz")])
        let trace = try json(run)
        for key in [
            "path", "variant", "ncpu", "events", "malformed_lines", "unknown_events", "tlb", "signal", "findings",
            "checks",
        ] {
            #expect(trace[key] != nil, "missing \(key)")
        }
        let tlb = try #require(trace["tlb"] as? [String: Any])
        for key in [
            "unmaps", "shootdown_ipis", "targets", "redundant_targets", "idle_targets", "full_flushes", "stale_uses",
        ] {
            #expect(tlb[key] != nil, "missing tlb.\(key)")
        }
        let signal = try #require(trace["signal"] as? [String: Any])
        for key in ["posts", "stops", "wait_returns", "duplicate_wait_returns", "lost_signals"] {
            #expect(signal[key] != nil, "missing signal.\(key)")
        }
        #expect(trace["events"] as? Int == 62)
        #expect(trace["ncpu"] as? Int == 4)
    }

    @Test func standardInput() throws {
        let run = try KReplayBinary.run(["analyze", "--format", "json", "-"], stdin: Data(Self.exampleText.utf8))
        #expect(try json(run)["events"] as? Int == 62)
        #expect(try json(run)["path"] as? String == "-")
    }

    @Test func gzipFromStandardInput() throws {
        let gzip = try CompressedWriter.compress(Array(Self.exampleText.utf8), members: 2)
        let run = try KReplayBinary.run(["analyze", "--format", "json", "-"], stdin: Data(gzip))
        #expect(try json(run)["events"] as? Int == 62)
    }

    @Test func missingFileExits66() throws {
        let run = try KReplayBinary.run(["analyze", "/nonexistent/x.trace.gz"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("kreplay: /nonexistent/x.trace.gz: cannot open"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test func directoryWithoutTracesExits66() throws {
        // A directory stands for its *.trace, *.trace.gz, *.txt… files; one with none cannot be opened.
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-empty-\(getpid())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let run = try KReplayBinary.run(["analyze", empty.path])
        #expect(run.status == 66)
        #expect(run.stderr.contains("is a directory"))
    }

    @Test func usageErrorsExit64() throws {
        #expect(try KReplayBinary.run(["analyze"]).status == 64)
        #expect(try KReplayBinary.run(["analyze", "--format", "nope", "x"]).status == 64)
        #expect(try KReplayBinary.run(["frobnicate"]).status == 64)
        #expect(
            try KReplayBinary.run(["replay", "--strategy", "bogus", KReplayBinary.sample("ffs-read-4cpu.trace.gz")])
                .status == 64)
    }

    @Test func truncatedGzipExits65WithOffsetAndKeepsEarlierEvents() throws {
        let gzip = try CompressedWriter.compress(Array(Self.exampleText.utf8))
        let path = try KReplayBinary.temporaryFile(Array(gzip.prefix(gzip.count - 20)), suffix: ".gz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try KReplayBinary.run(["analyze", "--format", "json", path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("kreplay: \(path): byte \(gzip.count - 20): truncated gzip stream"))
        let trace = try json(run)
        let events = try #require(trace["events"] as? Int)
        #expect(events > 40 && events < 62)
        let checks = try #require(trace["checks"] as? [[String: Any]])
        let wellFormed = try #require(checks.first { $0["name"] as? String == "trace_well_formed" })
        #expect(wellFormed["result"] as? String == "failed")
    }

    @Test func malformedLinesAreReportedAndSkipped() throws {
        let text = Self.exampleText.replacingOccurrences(
            of: "cat-512     [000] ....1    10.000300: pmap_kenter_pa: va=0xffff800041000000",
            with: "this is not an event")
        let path = try KReplayBinary.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try KReplayBinary.run(["analyze", "--format", "json", path])
        #expect(run.stderr.contains("\(path):44: malformed line"))
        #expect(try json(run)["malformed_lines"] as? Int == 1)
        #expect(try json(run)["events"] as? Int == 61)
        let strict = try KReplayBinary.run(["analyze", "--strict", "-q", path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\(path):44:"))
    }

    @Test func emptyFileIsAnEmptyTrace() throws {
        let path = try KReplayBinary.temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try KReplayBinary.run(["analyze", "--format", "json", path])
        #expect(run.status == 0)
        #expect(try json(run)["events"] as? Int == 0)
    }
}
