import Foundation
import KTrace
import TLBModel
import TestSupport
import Testing

/// Test helpers: traces through the real parser (KTrace `TraceText`) into the
/// TLB analyzer and replayer, and a compact way to write small traces.
enum TestTrace {
    /// Runs the analyzer over `text`.
    static func analyze(_ text: String) -> TLBAnalysis {
        let parsed = TraceText.parse(text)
        var analyzer = TLBAnalyzer(config: parsed.config)
        for event in parsed.events { analyzer.consume(event) }
        return analyzer.finish(cpuCount: cpuCount(parsed))
    }

    /// Replays `text` under `strategy` (`name` or `name:key=value`).
    static func replay(_ text: String, _ strategy: String) throws -> TLBReplayOutcome {
        let parsed = TraceText.parse(text)
        var replayer = TLBReplayer(strategy: try TLBStrategySpec.parse(strategy), config: parsed.config)
        for event in parsed.events { replayer.consume(event) }
        return replayer.finish(cpuCount: cpuCount(parsed))
    }

    private static func cpuCount(_ parsed: ParsedTrace) -> Int {
        parsed.config.declaredCPUCount ?? ((parsed.events.map(\.cpu).max() ?? 0) + 1)
    }
}

/// Reads a fixture below `Tests/Fixtures`.
func fixture(_ path: String) throws -> String {
    try String(contentsOf: RepositoryPaths.fixtures.appendingPathComponent(path), encoding: .utf8)
}

extension TestTrace {
    /// A trace from a header (line 1) and compact events `"cpu[/pid] event: fields"`:
    /// event `i` (0-based) lands on line `i + 2`, 1 µs apart from t=1.000000.
    static func build(_ header: String, _ events: [String]) -> String {
        var lines = [header]
        for (index, event) in events.enumerated() {
            let head = event.split(separator: " ", maxSplits: 1)
            let who = head[0].split(separator: "/")
            let cpu = Int(who[0]) ?? 0
            let pid = who.count > 1 ? String(who[1]) : "512"
            let micros = String(index)
            let fraction = String(repeating: "0", count: 6 - micros.count) + micros
            let padded = String(repeating: "0", count: 3 - String(cpu).count) + String(cpu)
            lines.append("task-\(pid) [\(padded)] .... 1.\(fraction): \(head.count > 1 ? String(head[1]) : "")")
        }
        return lines.joined(separator: "\n")
    }
}

/// A replay's counts worked out by hand, checked against `TestTrace.replay`.
struct ExpectedReplay: Sendable, CustomStringConvertible {
    var strategy: String
    var ipis: Int
    var targets: Int
    var idle: Int
    var invalidations: Int
    var fullFlushes: Int
    var waitNs: Int64
    var cpuNs: Int64
    var description: String { strategy }

    /// Every count, and no stale use (the strategies under test are safe).
    func check(_ counts: TLBReplayCounts, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(counts.ipis == ipis, sourceLocation: sourceLocation)
        #expect(counts.targets == targets, sourceLocation: sourceLocation)
        #expect(counts.idleTargets == idle, sourceLocation: sourceLocation)
        #expect(counts.invalidations == invalidations, sourceLocation: sourceLocation)
        #expect(counts.fullFlushes == fullFlushes, sourceLocation: sourceLocation)
        #expect(counts.initiatorWaitNs == waitNs, sourceLocation: sourceLocation)
        #expect(counts.cpuNs == cpuNs, sourceLocation: sourceLocation)
        #expect(counts.staleUses == 0, sourceLocation: sourceLocation)
    }
}
