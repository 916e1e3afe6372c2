import Foundation
import KTrace
import TestSupport
import Testing

@testable import SignalModel

/// The shared example, read through the KTrace parser.
@Suite struct ExampleFromTextTests {
    static func fixture(_ name: String) throws -> String {
        let url = RepositoryPaths.fixtures.appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func parsedExampleGivesTheExpectedFindings() throws {
        let parsed = TraceText.parse(try Self.fixture("ptrace-dbregs-race.trace"))
        var analyzer = SignalAnalyzer(config: parsed.config)
        for event in parsed.events { analyzer.consume(event) }
        let analysis = analyzer.finish()
        #expect(analysis.findings.map(\.kind) == [.doubleSigpost, .duplicateWaitReturn])
        #expect(analysis.findings.map(\.line) == [35, 44])
        #expect(analysis.counts.posts == 4)
        #expect(analysis.counts.stops == 4)
        #expect(analysis.counts.waitReturns == 6)
        #expect(analysis.fidelityMismatches == [])
    }

    @Test(arguments: [("single-stop", 3, 0, 0), ("dedup-pending", 4, 1, 0), ("drop-second", 2, 0, 1)])
    func parsedExampleReplays(strategy: String, stops: Int, duplicates: Int, lost: Int) throws {
        let parsed = TraceText.parse(try Self.fixture("ptrace-dbregs-race.trace"))
        var replayer = SignalReplayer(strategy: try SignalStrategySpec.parse(strategy), config: parsed.config)
        for event in parsed.events { replayer.consume(event) }
        let outcome = replayer.finish()
        #expect(outcome.counts.stops == stops)
        #expect(outcome.counts.duplicateWaitReturns == duplicates)
        #expect(outcome.counts.lostSignals == lost)
    }
}

/// Fixtures under `Tests/Fixtures/signal/`.
@Suite struct SignalFixtureTests {
    static func parse(_ name: String, options: ReadOptions = ReadOptions()) throws -> ParsedTrace {
        TraceText.parse(try ExampleFromTextTests.fixture("signal/" + name), options: options)
    }

    /// An explore counterexample (wnohang, netbsd8): the WNOHANG wait (line 28)
    /// returned none and the tracer continued before collecting the second stop, so
    /// only the double post (line 23) shows — the seed's hidden bug.
    @Test func wnohangHidesDuplicate() throws {
        let parsed = try Self.parse("wnohang-hides-duplicate.trace")
        var analyzer = SignalAnalyzer(config: parsed.config)
        for event in parsed.events { analyzer.consume(event) }
        let analysis = analyzer.finish()
        #expect(analysis.findings.map(\.kind) == [.doubleSigpost])
        #expect(analysis.findings.map(\.line) == [23])
        #expect(analysis.counts.duplicateWaitReturns == 0)
        #expect(analysis.fidelityMismatches == [])
    }
}
