import Analysis
import Foundation
import Testing

@testable import Reports

/// The HTML page on a Linux capture shows the capture's own baseline, IPIs and figures
/// (docs/reports.md, "The HTML report"). Expected numbers: `zcat F | awk -f
/// tools/capture/linux/count-tlb.awk` on `traces/linux/tlb-busy-2cpu.trace.gz` gives
/// requests=202 targets=163 ipis=163 needed=161 notloaded=2.
@Suite("HTML on Linux captures")
struct HTMLLinuxTests {
    static let busy = Golden.repositoryRoot.appendingPathComponent("traces/linux/tlb-busy-2cpu.trace.gz").path
    static let netbsd = Golden.repositoryRoot.appendingPathComponent("traces/ffs-read-8cpu.trace.gz").path

    static func page(_ path: String, strategies: [String] = [], timeline: Bool = false) throws -> String {
        var options = AnalysisOptions()
        options.strategies = strategies
        options.collectTimeline = timeline
        let trace = try analyzeTrace(path: path, options: options)
        return HTMLReport().render(AnalysisResult(traces: [trace]))
    }

    /// The rows of the strategy bars: (strategy, class attribute).
    static func barRows(_ html: String) -> [(String, String)] {
        html.components(separatedBy: "<div class=\"bar").dropFirst().compactMap { chunk in
            guard let close = chunk.firstIndex(of: ">"), chunk.hasPrefix(" ") || chunk.hasPrefix("\""),
                let name = chunk.range(of: "<span class=\"mono\">"),
                let end = chunk.range(of: "</span>", range: name.upperBound..<chunk.endIndex)
            else { return nil }
            return (String(chunk[name.upperBound..<end.lowerBound]), String(chunk[..<close]))
        }
    }

    @Test("the strategy bars grey the trace's baseline: linux on a Linux capture, netbsd8 on NetBSD")
    func barsGreyTheTracesBaseline() throws {
        let linux = try Self.page(Self.busy, strategies: ["linux", "netbsd8", "idle-lazy"])
        let rows = Self.barRows(linux)
        #expect(!rows.isEmpty)
        #expect(rows.filter { $0.1.contains("baseline") }.allSatisfy { $0.0 == "linux" })
        #expect(rows.contains { $0.0 == "linux" && $0.1.contains("baseline") })
        #expect(!rows.contains { $0.0 == "netbsd8" && $0.1.contains("baseline") })
        #expect(linux.contains("Grey: linux baseline") && linux.contains("difference against linux"))
        #expect(!linux.contains("netbsd8 baseline"))

        let netbsd = try Self.page(Self.netbsd, strategies: ["idle-lazy"])
        let netbsdRows = Self.barRows(netbsd)
        #expect(netbsdRows.contains { $0.0 == "netbsd8" && $0.1.contains("baseline") })
        #expect(netbsd.contains("Grey: netbsd8 baseline"))
    }

    @Test("the timeline draws the Linux model's flush IPIs with its classes")
    func timelineDrawsLinuxIPIs() throws {
        let html = try Self.page(Self.busy, timeline: true)
        let traces = try #require(try HTMLTimelineTests.dataBlock(html)["traces"] as? [[String: Any]])
        let trace = try #require(traces.first)
        #expect(trace["ipi_count"] as? Int == 163)
        let ipis = try HTMLTimelineTests.ipis(trace)
        let targets = ipis.flatMap { ($0["targets"] as? [[String: Any]]) ?? [] }
        #expect(targets.count == 163)
        let classes = Dictionary(grouping: targets, by: { $0["class"] as? String ?? "?" }).mapValues(\.count)
        #expect(classes == ["needed": 161, "not-loaded": 2])
        // One entry per IPI line, in time order.
        let lines = ipis.compactMap { $0["line"] as? Int }
        #expect(Set(lines).count == lines.count)
        let times = ipis.compactMap { $0["time_ns"] as? Int64 }
        #expect(times == times.sorted())
        #expect(html.contains("redundant: not-loaded"))
        #expect(html.contains(": 163 shootdowns"))
    }

    /// `zcat traces/linux/ptrace-stop.trace.gz | grep -cE 'signal_generate: sig=17 .*code=(4|5) '` → 6:
    /// each ptrace stop (SIGCHLD, CLD_TRAPPED) is a ▼ on the timeline, as NetBSD's `proc_stop_done`.
    @Test("the timeline marks Linux process stops")
    func timelineMarksLinuxStops() throws {
        let path = Golden.repositoryRoot.appendingPathComponent("traces/linux/ptrace-stop.trace.gz").path
        let html = try Self.page(path, timeline: true)
        let traces = try #require(try HTMLTimelineTests.dataBlock(html)["traces"] as? [[String: Any]])
        let timeline = try #require(traces.first?["timeline"] as? [String: Any])
        let stops = try #require(timeline["stops"] as? [[String: Any]])
        #expect(stops.count == 6)
        #expect(stops.allSatisfy { $0["signal"] as? String == "CLD_TRAPPED" })
        // No flush IPI, no latency or per-CPU figures: no empty "Linux capture" heading.
        #expect(!html.contains("<h3>Linux capture</h3>"))
        #expect(try Self.page(Self.busy).contains("<h3>Linux capture</h3>"))
    }

    /// The two redundant targets of tlb-busy-2cpu (`count-tlb.awk`: notloaded=2) are the
    /// one-target IPIs of raw lines 61 (`[001] … ipi_send_cpu: cpu=0`) and 1763 (`[000] …
    /// ipi_send_cpu: cpu=1`): their rows name the initiator.
    @Test("findings rows name a Linux IPI's initiator and its targets")
    func findingRowsNameTheInitiator() throws {
        let html = try Self.page(Self.busy, timeline: true)
        let rows = html.components(separatedBy: "<details class=\"group\">").dropFirst()
        let row61 = try #require(rows.first { $0.contains("l.61</span>") })
        let row1763 = try #require(rows.first { $0.contains("l.1763</span>") })
        #expect(row61.contains("cpu1 → 1 targets:"))
        #expect(row1763.contains("cpu0 → 1 targets:"))
    }

    @Test("counts: a Linux capture's own figures instead of NetBSD's pmap ones, and why")
    func countsFitTheKernel() throws {
        let linux = try Self.page(Self.busy)
        #expect(linux.contains("flush requests <b>202</b>"))
        #expect(linux.contains("IPIs per flush request <b>0.81</b>"))
        #expect(!linux.contains("IPIs per unmap"))
        #expect(linux.contains("Not in a Linux capture: unmaps"))
        let netbsd = try Self.page(Self.netbsd)
        #expect(netbsd.contains("IPIs per unmap <b>1.00</b>"))
        #expect(!netbsd.contains("flush requests") && !netbsd.contains("Not in a Linux capture"))
    }
}
