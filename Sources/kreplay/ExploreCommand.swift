import Analysis
import ArgumentParser
import Foundation

/// `kreplay explore SCENARIO --strategy S`: enumerate the interleavings of a
/// small tracer/tracee scenario and print each schedule that ends in a finding.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enumerate interleavings of a signal/ptrace scenario under a signal strategy.",
        discussion: """
            Scenarios: \(ExploreScenario.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")). \
            Strategies: \(SignalStrategySpec.names.joined(separator: ", ")). Each schedule that ends in a finding \
            is printed, and with -o written as a trace file that `kreplay analyze` replays. \
            Exit status: 0 no schedule ends in a finding within the bound, 1 some do, 64 usage error.
            """
    )

    @Argument(help: "Scenario: \(ExploreScenario.names.joined(separator: ", ")).")
    var scenario: String

    @Option(help: "Signal strategy: \(SignalStrategySpec.names.joined(separator: ", ")).")
    var strategy: String = "netbsd8"

    @Option(name: .customLong("max-steps"), help: "Bound: schedules longer than this many steps are cut.")
    var maxSteps: Int = 64

    @Option(name: [.customShort("o"), .customLong("output")], help: "Directory for counterexample traces.")
    var outputDirectory: String?

    func validate() throws {
        guard ExploreScenario.named(scenario) != nil else {
            throw ValidationError(
                "unknown scenario '\(scenario)' (known: \(ExploreScenario.names.joined(separator: ", ")))")
        }
        do { _ = try SignalStrategySpec.parse(strategy) } catch { throw ValidationError("\(error)") }
        guard maxSteps > 0 else { throw ValidationError("--max-steps must be positive") }
    }

    func run() throws {
        guard let scenario = ExploreScenario.named(scenario) else { throw ExitCode(64) }
        let explorer = SignalExplorer(
            scenario: scenario, strategy: try SignalStrategySpec.parse(strategy), maxSteps: maxSteps)
        let result = explorer.run()
        print("explore \(result.scenario) --strategy \(result.strategy): \(scenario.summary)")
        print(
            "  states explored: \(result.statesExplored), schedules explored: \(result.schedulesExplored), "
                + "bound: \(result.maxSteps) steps (\(result.schedulesCut) schedules cut at the bound)")
        print("  schedules ending in a finding: \(result.counterexamples.count)")
        let paths = try write(result)
        for (index, counterexample) in result.counterexamples.enumerated() {
            print("\ncounterexample \(index + 1)" + (paths.isEmpty ? ":" : " (\(paths[index])):"))
            for (number, step) in counterexample.steps.enumerated() { print("  \(number + 1). \(step)") }
            for finding in counterexample.findings {
                print("  line \(finding.line): \(finding.kind.rawValue): \(finding.message)")
            }
        }
        if !result.counterexamples.isEmpty { throw ExitCode(1) }
    }

    /// Writes each counterexample as `SCENARIO-STRATEGY-N.trace`; returns the paths.
    private func write(_ result: ExploreResult) throws -> [String] {
        guard let outputDirectory, !result.counterexamples.isEmpty else { return [] }
        let directory = URL(fileURLWithPath: outputDirectory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try result.counterexamples.enumerated().map { index, counterexample in
                let file = directory.appendingPathComponent("\(result.scenario)-\(result.strategy)-\(index + 1).trace")
                try counterexample.traceText.write(to: file, atomically: true, encoding: .utf8)
                return file.path
            }
        } catch {
            FileHandle.standardError.write(Data("kreplay: \(outputDirectory): \(error.localizedDescription)\n".utf8))
            throw ExitCode(ExitStatus.cannotOpen)
        }
    }
}
