import Analysis
import Convert
import Foundation
import KTrace
import Synth
import TestSupport
import Testing

@Suite("Convert")
struct ConvertTests {
    func ffsText(ncpu: Int = 4, idle: Int = 2, busy: Int = 1, variant: KernelVariant = .amd64) throws -> String {
        var scenario = FFSReadScenario()
        scenario.size = 40 << 10
        scenario.ncpu = ncpu
        scenario.idle = idle
        scenario.busyReaders = busy
        scenario.variant = variant
        return try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }.text
    }

    func converted(_ text: String, _ format: ConvertFormat) throws -> String {
        let sink = MemorySink()
        _ = try TraceConverter.convert(text: text, to: format, sink: sink)
        return sink.text
    }

    @Test("synth → analyze → convert ftrace → analyze gives the same counts (models: needs the real ones)")
    func roundTrip() throws {
        var mixed = MixedScenario()
        mixed.size = 256 << 10
        mixed.ncpu = 6
        let traces = [
            try ffsText(), try ffsText(variant: .amd64Xen),
            try synthesize { emitter throws(SynthError) in try mixed.generate(into: emitter) }.text,
            try synthesize { emitter throws(SynthError) in try PtraceDbregsScenario().generate(into: emitter) }.text,
        ]
        for text in traces {
            let canonical = try converted(text, .ftrace)
            let before = try analyze(text)
            let after = try analyze(canonical)
            #expect(after.events == before.events)
            #expect(after.malformedLines == 0)
            #expect(after.tlb == before.tlb)
            #expect(after.signal == before.signal)
            #expect(after.variant == before.variant && after.ncpu == before.ncpu)
            #expect(after.findings.map(\.kind) == before.findings.map(\.kind))
            #expect(after.checks.map(\.result) == before.checks.map(\.result))
            // Canonical text is a fixed point.
            #expect(try converted(canonical, .ftrace) == canonical)
        }
    }

    /// Real Linux captures keep their Linux events (and TGIDs, and Linux signal numbers)
    /// through `convert --to ftrace`: the analysis of the converted text is the same.
    @Test(
        "Linux capture → convert ftrace → analyze gives the same counts",
        arguments: [
            "traces/linux/tlb-busy-2cpu.trace.gz", "traces/linux/tlb-sleep-quiet-2cpu.trace.gz",
            "traces/linux/ptrace-tgkill.trace.gz", "traces/linux/shell-signals.trace.gz",
        ])
    func linuxRoundTrip(path: String) throws {
        let url = RepositoryPaths.root.appendingPathComponent(path)
        let before = try analyzeTrace(path: url.path, options: AnalysisOptions())
        let sink = MemorySink()
        _ = try TraceConverter.convert(path: url.path, to: .ftrace, sink: sink)
        let after = try analyze(sink.text)
        #expect(after.malformedLines == 0)
        // Events the models ignore (syscall entries, `sys_ptrace -> 0x0`) are not written.
        #expect(after.events <= before.events)
        #expect(after.tlb == before.tlb)
        #expect(after.signal == before.signal)
        #expect(after.findings.map(\.kind) == before.findings.map(\.kind))
        #expect(after.checks.map(\.result) == before.checks.map(\.result))
    }

    @Test("canonical ftrace: zero-padded CPU, six-digit microseconds, one event per line")
    func ftraceLayout() throws {
        let canonical = try converted(try ffsText(), .ftrace)
        let events = canonical.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(!events.isEmpty)
        for line in events {
            #expect(line.contains(/-\d+ +\[\d{3}\] \.{5} +\d+\.\d{6}: [a-z_0-9]+:/))
        }
        #expect(events.first?.hasPrefix("          <idle>-0       [002] .....    10.000000: idle_enter:") == true)
    }

    @Test("Chrome JSON parses and has a track per CPU, IPI flows, idle slices and findings")
    func chromeJSON() throws {
        let text = try ffsText(ncpu: 4, idle: 2, busy: 1)
        let json = try converted(text, .chromeJSON)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let events = try #require(object?["traceEvents"] as? [[String: Any]])
        #expect(object?["displayTimeUnit"] as? String == "ns")
        let threadNames = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
            .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(Set(threadNames) == ["cpu0", "cpu1", "cpu2", "cpu3"])
        let windows = ceilDiv(40 << 10, 8192)
        func count(_ phase: String, _ name: String? = nil) -> Int {
            events.filter { $0["ph"] as? String == phase && (name == nil || $0["name"] as? String == name) }.count
        }
        #expect(count("i", "tlb_shootdown_ipi") == windows)
        #expect(count("s") == windows * 3)
        #expect(count("f") == windows * 3)
        #expect(count("X", "idle") == 2)
        #expect(count("X", "shootdown wait") == windows)
        #expect(count("X", "shootdown handler") == windows * 3)
        #expect(count("i", "pmap_kremove") == windows)
        // Findings (needs the real TLB model): one per redundant target.
        let findings = events.filter { $0["cat"] as? String == "finding" }
        #expect(findings.count == windows * 2)
        #expect(findings.allSatisfy { ($0["name"] as? String)?.hasPrefix("redundant-shootdown") == true })
        // Flow ids pair up: each start has its finish.
        let starts = Set(events.filter { $0["ph"] as? String == "s" }.compactMap { $0["id"] as? Int })
        let finishes = Set(events.filter { $0["ph"] as? String == "f" }.compactMap { $0["id"] as? Int })
        #expect(starts == finishes)
    }

    @Test("Chrome JSON of a signal trace marks the stops and waits")
    func chromeSignals() throws {
        let text = try synthesize { emitter throws(SynthError) in try PtraceDbregsScenario().generate(into: emitter) }
            .text
        let json = try converted(text, .chromeJSON)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let events = try #require(object?["traceEvents"] as? [[String: Any]])
        #expect(events.filter { $0["name"] as? String == "proc_stop_done" }.count == 4)
        #expect(events.filter { ($0["name"] as? String)?.hasPrefix("wait_return") == true }.count == 6)
        #expect(events.contains { $0["name"] as? String == "duplicate-wait-return" })
    }
}
