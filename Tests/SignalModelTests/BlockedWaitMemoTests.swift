import Foundation
import KTrace
import TestSupport
import Testing

@testable import SignalModel

/// `SignalReplayer` skips a `resolveWaits` pass when every deferred wait blocked in the
/// last one and nothing since changed the kernel (docs/performance.md, round 9). These
/// tests fail if the memo skips a pass that would have done anything: each trace is
/// replayed under every strategy with and without it.
@Suite struct BlockedWaitMemoTests {
    static let repository = RepositoryPaths.root

    static let traces = [
        "traces/mixed-8cpu.trace.gz", "traces/lwp-kill-4cpu-race.trace.gz", "traces/lwp-kill-4cpu-fixed.trace.gz",
        "traces/ptrace-dbregs-race.trace.gz", "traces/ptrace-dbregs-fixed.trace.gz",
        "Tests/Fixtures/signal/wnohang-hides-duplicate.trace",
    ]

    static func parsed(_ path: String) throws -> ParsedTrace {
        let bytes = try [UInt8](Data(contentsOf: repository.appendingPathComponent(path)))
        return TraceText.parse(bytes: bytes, name: path)
    }

    static func replay(_ events: [Event], config: TraceConfig, _ strategy: String, memo: Bool)
        -> (outcome: SignalReplayOutcome, skipped: Int)
    {
        var replayer = SignalReplayer(strategy: try! SignalStrategySpec.parse(strategy), config: config)
        replayer.keepsEvents = true
        replayer.memoizesBlockedWaits = memo
        // Half one by one, half in one batch: both paths.
        let half = events.count / 2
        for event in events[..<half] { replayer.consume(event) }
        Array(events[half...]).withUnsafeBufferPointer { replayer.consume($0) }
        let skipped = replayer.skippedWaitPasses
        return (replayer.finish(), skipped)
    }

    static func expectSame(_ memo: SignalReplayOutcome, _ plain: SignalReplayOutcome, _ label: String) {
        let (memoEvents, plainEvents) = (memo.events.map { "\($0)" }, plain.events.map { "\($0)" })
        let firstDifference = zip(memoEvents, plainEvents).first { $0 != $1 }
        #expect(firstDifference == nil, "\(label): first differing event: \(firstDifference?.0 ?? "")")
        #expect(memoEvents.count == plainEvents.count, "\(label)")
        #expect(memo.waits == plain.waits, "\(label)")
        #expect(memo.findings == plain.findings, "\(label)")
        #expect(memo.counts == plain.counts, "\(label)")
        #expect(memo.notes == plain.notes, "\(label)")
    }

    @Test(arguments: SignalStrategySpec.names)
    func committedTracesReplayTheSameWithTheMemo(strategy: String) throws {
        var skipped = 0
        for path in Self.traces {
            let trace = try Self.parsed(path)
            let memo = Self.replay(trace.events, config: trace.config, strategy, memo: true)
            let plain = Self.replay(trace.events, config: trace.config, strategy, memo: false)
            Self.expectSame(memo.outcome, plain.outcome, "\(path) \(strategy)")
            #expect(plain.skipped == 0)
            skipped += memo.skipped
        }
        // single-stop leaves tracers' waits blocked: the memo must have had work there.
        if strategy == "single-stop" { #expect(skipped > 0) }
    }

    /// Tracer sessions with pid reuse, ECHILD and WNOHANG waits (`ExitedProcessTests`).
    @Test(arguments: SignalStrategySpec.names)
    func sessionsReplayTheSameWithTheMemo(strategy: String) {
        let events = ExitedProcessTests.sessions(25, distinct: 10)
        let memo = Self.replay(events, config: DSL.config(), strategy, memo: true)
        let plain = Self.replay(events, config: DSL.config(), strategy, memo: false)
        Self.expectSame(memo.outcome, plain.outcome, "sessions \(strategy)")
    }
}
