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
        if reportFormat == .json {
            // Streamed: the document is never held whole (issue 16).
            try Self.stream(to: output) { sink in try JSONReport().write(result, to: sink) }
            return
        }
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

    /// Hands `body` a sink writing to `path` (created or truncated), or to standard
    /// output when nil; a file that cannot be written exits 66, as before.
    static func stream(
        to path: String?, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        let handle: FileHandle
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let opened = FileHandle(forWritingAtPath: path)
            else {
                StandardError.print("kreplay: \(path): cannot write: \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.cannotOpen)
            }
            handle = opened
        } else {
            handle = FileHandle.standardOutput
        }
        defer { if path != nil { try? handle.close() } }
        do {
            try body { bytes in try handle.write(contentsOf: Data(bytes)) }
        } catch {
            StandardError.print("kreplay: \(path ?? "standard output"): cannot write: \(error.localizedDescription)")
            throw ExitCode(ExitStatus.cannotOpen)
        }
    }
}
