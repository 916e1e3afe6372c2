import Foundation
import KTrace
import Testing

@testable import SignalModel

/// Exhaustive exploration per scenario and strategy (states and schedules are
/// what the explorer reports at the default bound of 64 steps).
@Suite struct ExploreTests {
    static func explore(_ scenario: String, _ strategy: String, maxSteps: Int = 64) -> ExploreResult? {
        guard let scenario = ExploreScenario.named(scenario), let name = SignalStrategyName(rawValue: strategy)
        else { return nil }
        let explorer = SignalExplorer(scenario: scenario, strategy: SignalStrategySpec(name: name), maxSteps: maxSteps)
        return explorer.run()
    }

    static func kinds(_ result: ExploreResult) -> Set<FindingKind> {
        Set(result.counterexamples.flatMap { $0.findings.map(\.kind) })
    }

    @Test(arguments: ExploreScenario.names)
    func netbsd8FindsTheDuplicate(scenario: String) throws {
        let result = try #require(Self.explore(scenario, "netbsd8"))
        #expect(Self.kinds(result).contains(.duplicateWaitReturn))
        #expect(Self.kinds(result).contains(.doubleSigpost))
        #expect(!Self.kinds(result).contains(.lostSignal))
        #expect(result.schedulesCut == 0)
    }

    @Test(arguments: ExploreScenario.names)
    func singleStopIsCleanWithinTheBound(scenario: String) throws {
        let result = try #require(Self.explore(scenario, "single-stop"))
        #expect(result.counterexamples.isEmpty)
        #expect(result.schedulesExplored > 0)
        #expect(result.schedulesCut == 0)
    }

    @Test(arguments: ExploreScenario.names)
    func dropSecondLosesASignal(scenario: String) throws {
        let result = try #require(Self.explore(scenario, "drop-second"))
        #expect(Self.kinds(result) == [.lostSignal])
    }

    /// The counts the docs quote: states / complete schedules / counterexamples.
    @Test func stateCounts() throws {
        let expected: [String: (Int, Int, Int)] = [
            "lwp-kill-self/netbsd8": (14, 1, 1), "lwp-kill-self/single-stop": (13, 1, 0),
            "lwp-kill-self/drop-second": (12, 1, 1), "lwp-kill-other/netbsd8": (43, 3, 2),
            "lwp-kill-other/single-stop": (38, 3, 0), "lwp-kill-other/drop-second": (39, 4, 2),
            "wnohang/netbsd8": (24, 3, 3), "wnohang/single-stop": (18, 1, 0), "wnohang/drop-second": (13, 1, 1),
            "lwp-kill-self/dedup-pending": (14, 1, 1), "lwp-kill-other/dedup-pending": (44, 4, 3),
            "wnohang/dedup-pending": (24, 3, 3),
        ]
        for (name, counts) in expected {
            let parts = name.split(separator: "/").map(String.init)
            let result = try #require(Self.explore(parts[0], parts[1]))
            let got = (result.statesExplored, result.schedulesExplored, result.counterexamples.count)
            #expect(got == counts, "\(name)")
        }
    }

    /// The seed's hiding: under netbsd8 one wnohang schedule has the WNOHANG wait
    /// return none and the tracer continue before the duplicate stop is collected.
    @Test func wnohangHidesTheDuplicateInOneSchedule() throws {
        let result = try #require(Self.explore("wnohang", "netbsd8"))
        let hidden = result.counterexamples.filter { !$0.findings.contains { $0.kind == .duplicateWaitReturn } }
        #expect(hidden.count == 1)
        #expect(hidden.first?.findings.map(\.kind) == [.doubleSigpost])
        #expect(hidden.first?.traceText.contains("status=none options=WNOHANG") == true)
    }

    @Test func boundCutsSchedules() throws {
        let result = try #require(Self.explore("wnohang", "netbsd8", maxSteps: 5))
        #expect(result.schedulesCut > 0)
        #expect(result.counterexamples.isEmpty)
    }

    @Test func unknownStrategyIsRejectedBeforeExploring() throws {
        #expect(throws: SignalStrategyError.unknownStrategy("bogus")) { try SignalStrategySpec.parse("bogus") }
    }

    /// Every counterexample is a trace the parser reads and the analyzer finds
    /// the same things in, on the same lines; the netbsd8 replay reproduces its waits.
    @Test(arguments: ExploreScenario.names, ["netbsd8", "drop-second", "dedup-pending"])
    func counterexamplesReplay(scenario: String, strategy: String) throws {
        let result = try #require(Self.explore(scenario, strategy))
        for counterexample in result.counterexamples {
            let parsed = TraceText.parse(counterexample.traceText)
            #expect(parsed.summary.malformedCount == 0)
            var analyzer = SignalAnalyzer(config: parsed.config)
            for event in parsed.events { analyzer.consume(event) }
            let analysis = analyzer.finish()
            #expect(analysis.findings.map(\.kind) == counterexample.findings.map(\.kind))
            #expect(analysis.findings.map(\.line) == counterexample.findings.map(\.line))
            if strategy == "netbsd8" { #expect(analysis.fidelityMismatches == []) }
            // Replayed under the strategy that made it, the schedule derives the same
            // stops and findings, not only the same waits (posts may differ: an LWP is
            // known to the replay from its first line, so early wake-up posts can be missing).
            var replayer = SignalReplayer(strategy: try! SignalStrategySpec.parse(strategy), config: parsed.config)
            for event in parsed.events { replayer.consume(event) }
            let replay = replayer.finish()
            let recorded = analysis.counts
            #expect(replay.counts.stops == recorded.stops, "\(scenario)/\(strategy)")
            #expect(replay.counts.doublePosts == recorded.doublePosts, "\(scenario)/\(strategy)")
            #expect(replay.counts.duplicateWaitReturns == recorded.duplicateWaitReturns, "\(scenario)/\(strategy)")
            #expect(replay.counts.lostSignals == recorded.lostSignals, "\(scenario)/\(strategy)")
            #expect(replay.waits.allSatisfy { $0.result != nil }, "\(scenario)/\(strategy)")
        }
    }
}
