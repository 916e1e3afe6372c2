import Analysis
import ArgumentParser
import Foundation
import Reports

/// `--format` and `-o`.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    var reportFormat: ReportFormat { format }

    func write(_ result: AnalysisResult, timelines: [String: Timeline] = [:]) throws {
        let text = reportFormat.render(result, options: ReportOptions(timelines: timelines))
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                StandardError.print("kreplay: \(output): cannot write: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.cannotOpen)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
