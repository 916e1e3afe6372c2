import Foundation
import KTrace
import TestSupport
import Testing

@testable import TLBModel

/// `TLBReplayer` calls only the hooks a strategy lists in `TLBStrategy.hooks` (the
/// others keep NetBSD 8's defaults). This fails if a strategy implements a hook it does
/// not list: every strategy replays the committed traces (fills, unmaps, idle CPUs, bound
/// LWPs, context switches) the same with every hook called.
@Suite struct StrategyHookTests {
    static let repository = RepositoryPaths.root

    static let traces = [
        "traces/mixed-8cpu.trace.gz", "traces/ffs-read-4cpu.trace.gz", "traces/ffs-read-4cpu-reuse.trace.gz",
        "traces/ffs-read-8cpu-xen.trace.gz", "traces/ffs-read-8cpu-winshift17.trace.gz",
        "Tests/Fixtures/ffs-read-4cpu.trace",
    ]

    static func replay(_ parsed: ParsedTrace, _ strategy: String, everyHook: Bool) throws -> TLBReplayOutcome {
        var replayer = TLBReplayer(strategy: try TLBStrategySpec.parse(strategy), config: parsed.config)
        if everyHook { replayer.callEveryHook() }
        parsed.events.withUnsafeBufferPointer { replayer.consume($0) }
        let cpuCount = parsed.config.declaredCPUCount ?? ((parsed.events.map(\.cpu).max() ?? 0) + 1)
        return replayer.finish(cpuCount: cpuCount)
    }

    @Test(arguments: TLBStrategySpec.names)
    func listedHooksAreTheOnlyOnesThatMatter(strategy: String) throws {
        for path in Self.traces {
            let bytes = try [UInt8](Data(contentsOf: Self.repository.appendingPathComponent(path)))
            let parsed = TraceText.parse(bytes: bytes, name: path)
            #expect(!parsed.events.isEmpty)
            let listed = try Self.replay(parsed, strategy, everyHook: false)
            let every = try Self.replay(parsed, strategy, everyHook: true)
            #expect(listed.counts == every.counts, "\(path) \(strategy)")
            #expect(listed.findings == every.findings, "\(path) \(strategy)")
            #expect(listed.notes == every.notes, "\(path) \(strategy)")
        }
    }
}
