import Analysis
import ArgumentParser
import Foundation
import Reports

/// `kreplay analyze TRACE…`: findings and checks for each trace.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find redundant shootdowns, stale translations, duplicate waits and lost signals.",
        discussion: """
            Exit status: 0 every check passed (or was skipped or expected to fail), 1 a check failed, \
            64 usage error, 65 bad input data, 66 a trace cannot be opened, 70 internal error.
            """
    )

    @OptionGroup var traceOptions: TraceOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let status = try AnalysisCommandRunner.run(traceOptions: traceOptions, output: output, strategies: [])
        throw ExitCode(status)
    }
}

/// `kreplay replay TRACE… --strategy S[,S…]`: what each strategy would have done.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay the workload under alternate kernel strategies, side by side with netbsd8.",
        discussion: """
            TLB strategies: netbsd8, idle-lazy, no-wait-idle, deferred-unmap[:fifo=N], ubc-winshift[:shift=N], \
            bind-local, direct-map, xen-hypercall, tp-maxva:n=N, none. Signal strategies: netbsd8, single-stop, \
            dedup-pending, drop-second.
            """
    )

    @OptionGroup var traceOptions: TraceOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("strategy"), help: "Comma-separated strategies, e.g. netbsd8,idle-lazy.")
    var strategies: [String] = []

    func validate() throws {
        guard !strategyList.isEmpty else { throw ValidationError("--strategy is required") }
    }

    var strategyList: [String] {
        strategies.flatMap { $0.split(separator: ",", omittingEmptySubsequences: true).map(String.init) }
    }

    func run() throws {
        let status = try AnalysisCommandRunner.run(traceOptions: traceOptions, output: output, strategies: strategyList)
        throw ExitCode(status)
    }
}

/// The shared body of `analyze`, `replay` and `report`.
enum AnalysisCommandRunner {
    static func run(traceOptions: TraceOptions, output: OutputOptions, strategies: [String]) throws -> Int32 {
        var options = try traceOptions.analysisOptions(strategies: strategies)
        options.collectTimeline = output.reportFormat == .html
        if let problem = StrategyCheck.problem(strategies) {
            StandardError.print("kreplay: \(problem)")
            return ExitStatus.usage
        }
        let outcomes = TraceBatch(options: traceOptions, analysis: options).run()
        let results = outcomes.compactMap { outcome -> TraceResult? in
            if case .analysed(let result) = outcome { return result }
            return nil
        }
        let status = TraceBatch.report(outcomes, quiet: traceOptions.quiet)
        if !results.isEmpty {
            try output.write(AnalysisResult(traces: results))
        }
        return status
    }
}

/// Rejects unknown strategies before any trace is read.
enum StrategyCheck {
    static func problem(_ strategies: [String]) -> String? {
        do {
            _ = try StrategyPlan(strategies)
            return nil
        } catch {
            return error.description
        }
    }
}
