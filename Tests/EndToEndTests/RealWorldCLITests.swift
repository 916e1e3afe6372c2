import Foundation
import TestSupport
import Testing

/// Real-world inputs and `kreplay merge` through the built binary.
@Suite struct RealWorldCLITests {
    static let realworld = RepositoryPaths.fixtures.appendingPathComponent("realworld")

    @Test func traceCmdReportOnStandardInput() throws {
        // `trace-cmd report trace.dat | kreplay analyze -` (fixture made by the real trace-cmd, see tools/fixtures).
        let text = try Data(contentsOf: Self.realworld.appendingPathComponent("tracecmd-report.txt"))
        let run = try KReplayBinary.run(["analyze", "-q", "--format", "json", "-"], stdin: text)
        // Every target's handler flushed (`reason=remote shootdown`): the Linux model finds no
        // redundant target, every check passes or is skipped.
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"format\" : \"trace-cmd\""))
        #expect(run.stdout.contains("\"lost_events\" : 17"))
    }

    @Test func forcedInputAndBadInputName() throws {
        let path = Self.realworld.appendingPathComponent("babeltrace-lttng-kernel.txt").path
        #expect(try KReplayBinary.run(["analyze", "-q", "--input", "babeltrace", path]).status == 0)
        #expect(try KReplayBinary.run(["analyze", "--input", "perf", path]).status == 64)
    }

    @Test func mergeExitStatuses() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-merge-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let passing = directory.appendingPathComponent("lttng.json").path
        let failing = directory.appendingPathComponent("tlb-busy.json").path
        let lttng = Self.realworld.appendingPathComponent("babeltrace-lttng-kernel.txt").path
        // A real capture with 2 not-loaded targets: tlb_no_redundant_shootdowns fails.
        let tracecmd = Self.realworld.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("traces/linux/tlb-busy-2cpu.trace.gz").path
        #expect(try KReplayBinary.run(["analyze", "-q", "--format", "json", "-o", passing, lttng]).status == 0)
        #expect(try KReplayBinary.run(["analyze", "-q", "--format", "json", "-o", failing, tracecmd]).status == 1)
        #expect(try KReplayBinary.run(["merge", passing]).status == 0)
        let merged = try KReplayBinary.run(["merge", "--format", "json", passing, failing])
        #expect(merged.status == 1)
        #expect(merged.stdout.contains("\"totals\""))
        #expect(
            try KReplayBinary.run(["merge", passing, directory.appendingPathComponent("no.json").path]).status == 66)
        let bad = directory.appendingPathComponent("bad.json")
        try Data("{\"kreplay\":".utf8).write(to: bad)
        #expect(try KReplayBinary.run(["merge", passing, bad.path]).status == 65)
    }

    @Test func directoryArgumentAnalysesItsTraces() throws {
        let run = try KReplayBinary.run(["analyze", "-q", "-j", "2", "--format", "json", Self.realworld.path])
        #expect(run.stdout.components(separatedBy: "\"path\" :").count - 1 == 11)  // the 11 *.txt fixtures
    }
}
