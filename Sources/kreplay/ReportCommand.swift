import Analysis
import ArgumentParser
import Foundation
import Reports

/// `kreplay report`: analyse traces and render the result in one of the report formats.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Analyse traces and write a report (text, json, atf-tps, atf-report, junit, html).")

    @Argument(help: "Trace files ('-' for standard input).")
    var traces: [String]

    @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "text"

    @Option(name: .shortAndLong, help: "Write the report to FILE instead of standard output.")
    var output: String?

    @Option(help: "Replay strategies to compare (comma-separated, e.g. netbsd8,idle-lazy).")
    var strategy: [String] = []

    @Option(help: "Expect a check to fail: check=reason (repeatable).")
    var expect: [String] = []

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("unknown format '\(format)'")
        }
        if let invalid = parseExpectations(expect).invalid {
            throw ValidationError("--expect wants check=reason, got '\(invalid)'")
        }
    }

    func run() throws {
        let reportFormat = ReportFormat(rawValue: format) ?? .text
        let expectations = parseExpectations(expect).expectations
        var options = AnalysisOptions()
        options.strategies = strategy.flatMap { $0.split(separator: ",").map(String.init) }
        var results: [TraceResult] = []
        for path in traces {
            do {
                // Expectations are applied here, once, so the pipeline gets none.
                var trace = try analyzeTrace(path: path, options: options)
                trace.checks = applyExpectations(trace.checks, expectations)
                results.append(trace)
            } catch {
                StandardError.print("kreplay: \(error)")
                switch error {
                case .input: throw ExitCode(ExitStatus.cannotOpen)
                case .badStrategy: throw ExitCode(ExitStatus.usage)
                }
            }
        }
        let result = AnalysisResult(traces: results)
        let text = reportFormat.render(result, options: ReportOptions(testsRoot: nil))
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
        }
        if result.traces.contains(where: { $0.input.error != nil }) { throw ExitCode(ExitStatus.badData) }
        if result.anyCheckFailed { throw ExitCode(ExitStatus.checkFailed) }
    }
}
