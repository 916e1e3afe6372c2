import Analysis
import Foundation
import Synth
import Testing

@testable import Reports

/// The HTML page's timeline data (issue 18): truthful classes, bounded size, parseable data.
@Suite("HTML timeline")
struct HTMLTimelineTests {
    /// An `ffs-read` trace of many CPUs: one reader, `busy` CPUs that need every IPI, the
    /// rest idle — more redundant targets than the analysis lists (5 000).
    static func ffsRead(ncpu: Int, size: UInt64, busy: Int) throws -> String {
        var scenario = FFSReadScenario()
        scenario.ncpu = ncpu
        scenario.size = size
        scenario.busyReaders = busy
        let sink = MemorySink()
        let emitter = TraceEmitter(sink: sink, bufferCapacity: 1 << 16)
        try scenario.generate(into: emitter)
        _ = try emitter.finish()
        return sink.text
    }

    /// The time of every `tlb_shootdown_ipi` line, read straight from the text (`… 10.000105: tlb_shootdown_ipi: …`).
    static func ipiTimes(_ text: String) -> [Int64] {
        text.split(separator: "\n").compactMap { line -> Int64? in
            guard let event = line.range(of: ": tlb_shootdown_ipi:") else { return nil }
            let stamp = line[..<event.lowerBound].split(separator: " ").last ?? ""
            let parts = stamp.split(separator: ".")
            guard parts.count == 2, let whole = Int64(parts[0]), let micros = Int64(parts[1]) else { return nil }
            return whole * 1_000_000_000 + micros * 1000
        }
    }

    static func analyzed(_ text: String, timeline: Bool, findingLimit: Int? = nil) throws -> TraceResult {
        var options = AnalysisOptions()
        options.collectTimeline = timeline
        if let findingLimit { options.read.override = { $0.findingLimit = findingLimit } }
        return try analyzeTrace(text: text, name: "ffs.trace", options: options)
    }

    /// The page's `kreplay-data` block, parsed.
    static func dataBlock(_ html: String) throws -> [String: Any] {
        let open = "<script type=\"application/json\" id=\"kreplay-data\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = Data(html[start.upperBound..<end.lowerBound].utf8)
        return try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    }

    static func ipis(_ trace: [String: Any]) throws -> [[String: Any]] {
        let timeline = try #require(trace["timeline"] as? [String: Any])
        return try #require(timeline["ipis"] as? [[String: Any]])
    }

    @Test("every target in the page's data has the model's class, past the 5 000 listed findings too")
    func classesAreTheModels() throws {
        let text = try Self.ffsRead(ncpu: 48, size: 1 << 20, busy: 3)
        let result = try Self.analyzed(text, timeline: true)
        #expect(result.tlb.redundantTargets > FindingList.defaultLimit)
        #expect(result.findingsOmitted > 0)
        // The model's class of every target: all findings kept, the rest are needed.
        let everything = try Self.analyzed(text, timeline: false, findingLimit: 1_000_000)
        #expect(everything.tlb == result.tlb)
        var model: [Int: [Int: String]] = [:]
        for finding in everything.findings where finding.kind == .redundantShootdown {
            model[finding.line, default: [:]][finding.cpu] = finding.findingClass.rawValue
        }
        #expect(model.values.reduce(0) { $0 + $1.count } == result.tlb.redundantTargets)

        let html = HTMLReport().render(AnalysisResult(traces: [result]))
        let data = try Self.dataBlock(html)
        let trace = try #require((data["traces"] as? [[String: Any]])?.first)
        let ipis = try Self.ipis(trace)
        #expect(ipis.count == result.tlb.shootdownIPIs)
        var classes: [String: Int] = [:]
        var beyondListed = 0
        let lastListed = result.findings.last { $0.kind == .redundantShootdown }?.line ?? 0
        for ipi in ipis {
            let line = try #require(ipi["line"] as? Int)
            #expect(ipi["cpu"] as? Int == 0)
            #expect(ipi["time_ns"] as? Int != nil)
            for target in try #require(ipi["targets"] as? [[String: Any]]) {
                let cpu = try #require(target["cpu"] as? Int)
                let drawn = try #require(target["class"] as? String)
                #expect(drawn == model[line]?[cpu] ?? "needed", "line \(line) cpu\(cpu)")
                classes[drawn, default: 0] += 1
                if line > lastListed { beyondListed += 1 }
            }
        }
        #expect(beyondListed > 0)
        #expect(classes["needed"] == 3 * result.tlb.shootdownIPIs)
        #expect(classes.filter { $0.key != "needed" }.values.reduce(0, +) == result.tlb.redundantTargets)
        // The whole-trace counts agree with the analysis.
        let overview = try #require(result.timeline?.overview)
        let received = overview.received.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.reduce(0, +) } }
        #expect(received == result.tlb.targets)
        #expect(overview.sent.reduce(0) { $0 + $1.reduce(0, +) } == result.tlb.shootdownIPIs)
    }

    @Test("a trace too big to keep every event: detail sampled in complete windows, page bounded")
    func sampledDetailIsCompleteInsideItsWindows() throws {
        let text = try Self.ffsRead(ncpu: 64, size: 4 << 20, busy: 0)
        let result = try Self.analyzed(text, timeline: true)
        let timeline = try #require(result.timeline)
        #expect(timeline.isSampled)
        #expect(timeline.ipiCount == result.tlb.shootdownIPIs)
        #expect(timeline.ipis.count < timeline.ipiCount)
        #expect(!timeline.windows.isEmpty)
        // Inside each window every IPI of the trace is there; outside, none.
        let times = Self.ipiTimes(text)
        #expect(times.count == result.tlb.shootdownIPIs)
        let inWindows = times.filter { time in timeline.windows.contains { $0.startNs <= time && time <= $0.endNs } }
        #expect(
            inWindows.count == timeline.ipis.count,
            "\(times.count) IPIs, \(timeline.windows.count) windows from \(timeline.windows.first.map { "\($0)" } ?? "-")"
        )
        // Spread over the trace, not only its start.
        let span = try #require(timeline.span)
        #expect(try #require(timeline.windows.last).endNs > span.start + (span.end - span.start) * 3 / 4)
        let html = HTMLReport().render(AnalysisResult(traces: [result]))
        #expect(html.utf8.count < 4 << 20)
        #expect(html.contains("too big to keep every event"))
        #expect(try Self.dataBlock(html)["traces"] != nil)
    }

    @Test("the page reads in the order a reader asks: checks, counts, strategies, timeline, findings")
    func pageOrder() throws {
        let html = HTMLReport(timelines: ExampleResults.timelines).render(ExampleResults.both)
        let marks = [
            "tlb_no_redundant_shootdowns", "shootdown IPIs <b>", "Strategies: which fix helps?",
            "<h3>Timeline</h3>", "<h3 class=\"findings\">Findings</h3>",
        ]
        let positions = try marks.map { try #require(html.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        let data = try Self.dataBlock(html)
        let traces = try #require(data["traces"] as? [[String: Any]])
        #expect(traces.count == 2)
        #expect(try Self.ipis(traces[0]).count == 3)
        // Findings are grouped per IPI: one row per shootdown line, expanding to its targets.
        #expect(html.components(separatedBy: "<details class=\"group\">").count - 1 >= 3)
        #expect(!html.contains("<script src") && !html.contains("https://"))
    }

    @Test("past the page's data budget a trace keeps only its whole-trace counts, and the page says so")
    func dataBudget() throws {
        let full = HTMLReport(timelines: ExampleResults.timelines).render(ExampleResults.both)
        // The first trace's entry as the page writes it (entries are joined by ",\n").
        let block = try #require(full.range(of: "\"traces\":["))
        let first = try #require(full[block.upperBound...].range(of: ",\n"))
        let firstBytes = full[block.upperBound..<first.lowerBound].utf8.count
        let tight = HTMLReport(timelines: ExampleResults.timelines, dataBudget: firstBytes + 300)
            .render(ExampleResults.both)
        let traces = try #require((try Self.dataBlock(tight))["traces"] as? [[String: Any]])
        #expect(traces[0]["overview_only"] as? Bool == false)
        #expect(traces[1]["overview_only"] as? Bool == true)
        #expect(tight.contains("Single events are left out"))
        let none = HTMLReport(timelines: ExampleResults.timelines, dataBudget: 10).render(ExampleResults.both)
        #expect(none.contains("Timeline left out"))
        #expect((try Self.dataBlock(none))["traces"] as? [NSNull] == [NSNull(), NSNull()])
    }

    @Test("Linux figures: latency histogram with p50/p99 and per-CPU requests, IPIs, lazy skips")
    func linuxPanel() {
        let figures = LinuxFigures(
            latency: [
                .init(lowerNs: 0, upperNs: 1000, count: 3), .init(lowerNs: 1000, upperNs: 2000, count: 9),
                .init(lowerNs: 2000, upperNs: 8000, count: 1),
            ], p50Ns: 1400, p99Ns: 7000, maxNs: 7900,
            perCPU: [
                .init(cpu: 0, requests: 10, ipis: 4, lazySkips: 6), .init(cpu: 1, requests: 2, ipis: 2, lazySkips: 0),
            ])
        let html = LinuxPanel(figures: figures).render()
        #expect(html.contains("p50 1.4 µs") && html.contains("p99 7 µs"))
        #expect(html.components(separatedBy: "<rect").count - 1 == 3)
        #expect(html.contains("lazy CPUs skipped") && html.contains("cpu1"))
        // One scale for every per-CPU bar (the peak, 10, is 100), not a share of its cell, and cells
        // that do not wrap: the count stays on its bar's line (it wrapped under cpu0's bars).
        #expect(html.contains("--f:100;") && html.contains("--f:40;") && html.contains("--f:60;"))
        #expect(!html.contains("class=\"hbar\" style=\"width:"))
        #expect(HTMLStyle.css.contains("table.linux-cpus td { white-space: nowrap; }"))
        #expect(LinuxFigures(ExampleResults.both.traces[0]) == nil)
    }
}
