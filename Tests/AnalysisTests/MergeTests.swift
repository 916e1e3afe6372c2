import Foundation
import TestSupport
import Testing

@testable import Analysis

/// `kreplay merge`: per-trace JSON results combined equal one analysis of all traces.
@Suite struct MergeTests {
    static let fixtures = RepositoryPaths.fixtures
    static let traces = [
        "ffs-read-4cpu.trace", "ptrace-dbregs-race.trace", "realworld/tracecmd-report.txt",
        "realworld/babeltrace-lttng-kernel.txt",
    ].map { fixtures.appendingPathComponent($0).path }

    static func analyse(_ path: String) throws -> TraceResult {
        try analyzeTrace(path: path, options: AnalysisOptions())
    }

    @Test func mergeOfPerTraceJSONEqualsAnalysingAllTracesAtOnce() throws {
        // What `kreplay analyze A B C D --format json` gives.
        let together = AnalysisResult(traces: try Self.traces.map(Self.analyse))
        // What four machines give, one trace each, written as JSON and read back.
        let encoder = JSONEncoder()
        let parts = try Self.traces.map { path -> AnalysisResult in
            let data = try encoder.encode(AnalysisResult(traces: [try Self.analyse(path)]))
            return try MergeInput.decode(data, path: path)
        }
        let merged = MergedResult(results: parts)
        #expect(merged.traces == together.traces)
        #expect(merged.totals == MergeTotals(traces: together.traces))
        #expect(merged.analysisResult.anyCheckFailed == together.anyCheckFailed)
        // Merging merges changes nothing.
        let twice = MergedResult(results: [
            MergedResult(results: Array(parts.prefix(2))).analysisResult,
            MergedResult(results: Array(parts.dropFirst(2))).analysisResult,
        ])
        #expect(twice == merged)
    }

    /// `finding_classes` spells each (kind, class) as `kind:class`; reading it back gives the same totals.
    @Test func findingClassesRoundTripThroughJSON() throws {
        // The two hand-worked examples: 6 idle targets (kern/53124), one kpsignal2+proc_stop double post.
        let totals = MergeTotals(traces: try Self.traces.prefix(2).map(Self.analyse))
        #expect(totals.findingClasses["redundant-shootdown"]?[.idle] == 6)
        #expect(totals.findingClasses["double-sigpost"]?["kpsignal2+proc_stop"] == 1)
        let data = try JSONEncoder().encode(totals)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pairs = try #require(object["finding_classes"] as? [String: Int])
        #expect(pairs["redundant-shootdown:idle"] == 6)
        #expect(try JSONDecoder().decode(MergeTotals.self, from: data) == totals)
    }

    @Test func totalsCountEveryCheckAndFinding() throws {
        let results = try Self.traces.map(Self.analyse)
        let totals = MergeTotals(traces: results)
        #expect(totals.traces == 4)
        for (name, check) in totals.checks {
            #expect(check.passed + check.failed + check.skipped + check.expectedFailure == 4, "\(name)")
        }
        let findings = results.flatMap(\.findings)
        #expect(totals.findings.values.reduce(0, +) == findings.count)
        #expect(totals.findings["redundant-shootdown"] == findings.filter { $0.kind == .redundantShootdown }.count)
        #expect(totals.lostEvents == 17 + 5)  // trace-cmd EVENTS DROPPED + babeltrace2 discarded
        #expect(totals.tracesFailed == results.filter { $0.checks.contains { $0.result == .failed } }.count)
    }

    @Test func realWorldTracesThroughTheModels() throws {
        let tracecmd = try Self.analyse(Self.traces[2])
        #expect(tracecmd.tlb.shootdownIPIs == 2)
        #expect(tracecmd.tlb.targets == 4)
        #expect(tracecmd.tlb.idleTargets == 2)
        // The Linux model (docs/tlb-model.md "Linux captures"): each target's next `reason=remote shootdown (1)` (lines
        // 10-12, 19) says it flushed: needed, idle or not. No csd events: no latency.
        #expect(tracecmd.tlb.redundantTargets == 0)
        #expect(tracecmd.tlb.remoteFlushRequests == 0)
        // Three wait4 exits, two return child 0x515; -ECHILD reports no child (docs/signal-model.md "Linux captures").
        #expect(tracecmd.signal.waitReturns == 2)
        #expect(tracecmd.input.format == "trace-cmd")
        #expect(tracecmd.input.lostEvents == 17)
        let lttng = try Self.analyse(Self.traces[3])
        #expect(lttng.tlb.shootdownIPIs == 0)  // LTTng has no ipi_send/tlb_flush tracepoints
        #expect(lttng.signal.waitReturns == 2)  // ret = 2301 twice, ret = -10 (ECHILD) is none
        #expect(lttng.input.format == "babeltrace")
        #expect(lttng.malformedLines == 0)
    }

    @Test func totalsUseTheDocumentedJSONNames() throws {
        var totals = MergeTotals()
        totals.checks["trace_well_formed"] = CheckTotals()
        let json = String(decoding: try JSONEncoder().encode(totals), as: UTF8.self)
        for key in [
            "traces", "traces_failed", "events", "malformed_lines", "lost_events", "checks", "findings",
            "finding_classes", "unknown_events", "expected_failure",
        ] {
            #expect(json.contains("\"\(key)\""), "\(key)")
        }
    }

    @Test func unreadableJSONIsAProblemNamingTheFile() {
        #expect(throws: MergeInput.Problem.self) { try MergeInput.decode(Data("{".utf8), path: "a.json") }
        #expect(throws: MergeInput.Problem.self) { try MergeInput.read(path: "/nonexistent/kreplay.json") }
    }

    @Test func aDirectoryStandsForItsTracesSorted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-merge-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["b.trace.gz", "a.trace", "c.dat.txt", "notes.md", ".hidden.trace", "d.trace.zz"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        let expanded = TracePaths.expand([directory.path, "-", "x.trace"])
        #expect(TracePaths.expand([directory.appendingPathComponent("none").path]).count == 1)
        #expect(
            expanded.map { ($0 as NSString).lastPathComponent } == [
                "a.trace", "b.trace.gz", "c.dat.txt", "d.trace.zz", "-", "x.trace",
            ])
    }
}
