import Analysis
import ArgumentParser
import Foundation

/// `--format` and `-o`.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: String = "text"

    @Option(name: .customShort("o"), help: "Write the report to this file instead of standard output.")
    var outputFile: String?

    func validate() throws {
        guard ["text", "json"].contains(format) else {
            throw ValidationError("unknown format '\(format)'")
        }
    }

    func write(_ result: AnalysisResult) throws {
        let text: String
        switch format {
        case "json": text = try JSONReport.render(result)
        default: text = TemporaryTextReport.render(result)
        }
        if let outputFile {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: outputFile))
            } catch {
                StandardError.print("kreplay: \(outputFile): cannot write: \(error.localizedDescription)")
                throw ExitCode(ExitStatus.cannotOpen)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

enum JSONReport {
    static func render(_ result: AnalysisResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
    }
}

/// TEMPORARY text summary until the Reports module's renderer lands.
enum TemporaryTextReport {
    static func render(_ result: AnalysisResult) -> String {
        var out = ""
        for trace in result.traces {
            out += "\(trace.path): \(trace.variant), \(trace.ncpu) CPUs, \(trace.events) events\n"
            out += "  tlb: \(trace.tlb.shootdownIPIs) IPIs, \(trace.tlb.targets) targets, "
            out += "\(trace.tlb.redundantTargets) redundant, \(trace.tlb.idleTargets) idle\n"
            out += "  signal: \(trace.signal.posts) posts, \(trace.signal.stops) stops, "
            out += "\(trace.signal.waitReturns) wait returns\n"
            for finding in trace.findings.prefix(10) { out += "  \(finding.message)\n" }
            for check in trace.checks {
                out += "  \(check.name): \(check.result.rawValue)\(check.reason.isEmpty ? "" : ": " + check.reason)\n"
            }
        }
        return out
    }
}
