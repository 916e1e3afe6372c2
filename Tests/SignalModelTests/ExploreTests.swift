import KTrace
import Testing

@testable import SignalModel

@Suite struct ExploreTests {
    static func explore(_ scenario: String, _ strategy: String, maxSteps: Int = 64) -> ExploreResult? {
        guard let scenario = ExploreScenario.named(scenario),
            let explorer = SignalExplorer(scenario: scenario, strategy: SignalStrategySpec(name: strategy), maxSteps: maxSteps)
        else { return nil }
        return explorer.run()
    }

    @Test(arguments: ExploreScenario.names, SignalStrategySpec.names)
    func summary(scenario: String, strategy: String) throws {
        let result = try #require(Self.explore(scenario, strategy))
        let kinds = Set(result.counterexamples.flatMap { $0.findings.map(\.kind.rawValue) })
        print("EXPLORE \(scenario) \(strategy): states=\(result.statesExplored) schedules=\(result.schedulesExplored) cut=\(result.schedulesCut) cex=\(result.counterexamples.count) kinds=\(kinds.sorted())")
    }
}
