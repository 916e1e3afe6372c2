import Analysis
import ArgumentParser
import Foundation
import Reports

/// `kreplay merge RESULT.json… [--format F] [-o FILE]`: one report from many
/// per-trace JSON results (Slurm arrays, Kubernetes indexed jobs, GNU parallel).
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine JSON results (analyze/report --format json) from many machines or runs into one report.",
        discussion: """
            The JSON output is an analyze result with every trace plus a "totals" object (docs/inputs.md). \
            Exit status: 0 no check failed, 1 a check failed, 65 a file is not a kreplay JSON result, \
            66 a file cannot be opened.
            """
    )

    @Argument(help: "JSON result files ('-' for standard input).")
    var results: [String] = []

    @Option(help: "Output format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard !results.isEmpty else { throw ValidationError("at least one JSON result is needed") }
    }

    func run() throws {
        var parts: [AnalysisResult] = []
        var status = ExitStatus.success
        for path in results {
            do throws(MergeInput.Problem) {
                if path == "-" {
                    parts.append(try MergeInput.decode(FileHandle.standardInput.readDataToEndOfFile(), path: path))
                } else {
                    parts.append(try MergeInput.read(path: path))
                }
            } catch {
                StandardError.print("kreplay: \(error)")
                if case .cannotOpen = error { status = ExitStatus.cannotOpen }
                if case .unreadable = error, status != ExitStatus.cannotOpen { status = ExitStatus.badData }
            }
        }
        if status != ExitStatus.success { throw ExitCode(status) }
        let merged = MergedResult(results: parts)
        if format == .json {
            try OutputOptions.stream(to: output) { sink in try JSONReport.write(merged, to: sink) }
        } else {
            try write(render(merged))
        }
        throw ExitCode(merged.anyCheckFailed ? ExitStatus.checkFailed : ExitStatus.success)
    }

    func render(_ merged: MergedResult) throws -> String {
        switch format {
        case .json:
            var bytes: [UInt8] = []
            try JSONReport.write(merged) { bytes.append(contentsOf: $0) }
            return String(decoding: bytes, as: UTF8.self)
        case .text:
            return format.render(merged.analysisResult, options: ReportOptions())
                + MergeText.totals(merged.totals)
        default:
            return format.render(merged.analysisResult, options: ReportOptions())
        }
    }

    func write(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            StandardError.print("kreplay: \(output): cannot write: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.cannotOpen)
        }
    }
}

/// The totals block under a merged text report.
enum MergeText {
    static func totals(_ totals: MergeTotals) -> String {
        var out = "\nTotals over \(totals.traces) traces (\(totals.tracesFailed) with a failed check), "
        out += "\(totals.events) events, \(totals.malformedLines) malformed lines, \(totals.lostEvents) lost events\n"
        let width = max(totals.checks.keys.map(\.count).max() ?? 0, 10)
        for name in totals.checks.keys.sorted() {
            let check = totals.checks[name]!
            let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "  \(padded)  passed \(check.passed)  failed \(check.failed)  skipped \(check.skipped)"
            out += "  expected_failure \(check.expectedFailure)\n"
        }
        for kind in totals.findings.keys.sorted() {
            out += "  finding \(kind): \(totals.findings[kind]!)"
            let classes = (totals.findingClasses[kind] ?? [:]).sorted { $0.key < $1.key }
            if !classes.isEmpty {
                out += " (" + classes.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            }
            out += "\n"
        }
        return out
    }
}
