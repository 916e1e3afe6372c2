import Analysis
import ArgumentParser
import Convert
import Foundation
import Synth

/// `kreplay convert TRACE --to chrome-json|ftrace [-o FILE]`.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a trace to Chrome Trace Event JSON (Perfetto, chrome://tracing) or canonical ftrace text.",
        discussion: """
            chrome-json: one track per CPU, IPIs as instants with flow arrows to the targets' handler slices, idle \
            periods as slices, unmaps, signal events and the analysis findings as instants. ftrace: one event per \
            line in kreplay's vocabulary, three-digit CPUs, microsecond timestamps. -o FILE.gz compresses; no -o \
            writes standard output. Exit 65 when the input is broken (what came before is converted), 66 when a \
            file cannot be opened.
            """
    )

    @Argument(help: "Trace file (gzip, zlib or plain text; '-' for standard input).")
    var trace: String

    @Option(help: "chrome-json or ftrace.")
    var to: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output file ('-' = standard output).")
    var output: String?

    @Option(help: "Container: gzip, zlib or plain (default: from the file name).")
    var compress: String?

    @Flag(inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "Quiet: no progress, no warnings.")
    var quiet = false

    func validate() throws {
        guard ConvertFormat(rawValue: to) != nil else { throw ValidationError("--to takes chrome-json or ftrace") }
        if let compress, OutputContainer(rawValue: compress) == nil {
            throw ValidationError("--compress takes gzip, zlib or plain")
        }
    }

    func run() throws {
        let format = ConvertFormat(rawValue: to) ?? .ftrace
        let container = compress.flatMap(OutputContainer.init(rawValue:)) ?? OutputContainer.forPath(output)
        let display = ProgressDisplay(enabled: !quiet && (progress ?? ProgressDisplay.stderrIsTerminal))
        var input = trace
        var spooled: URL?
        defer { if let spooled { try? FileManager.default.removeItem(at: spooled) } }
        if trace == "-" && format == .chromeJSON {
            // Findings need a pass of their own: keep standard input in a temporary file.
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-convert-\(getpid())")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)  // opening it below reports failure
            let handle = try FileHandle(forWritingTo: url)
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                handle.write(chunk)
            }
            try handle.close()
            spooled = url
            input = url.path
        }
        var options = AnalysisOptions()
        options.read.progress = display.callback(for: trace)
        let summary: ConvertSummary
        do throws(SynthError) {
            let sink = try TraceSinks.open(path: output, container: container)
            summary = try TraceConverter.convert(path: input, to: format, sink: sink, options: options)
        } catch {
            display.finish()
            StandardError.print("kreplay: \(error)")
            throw ExitCode(ExitStatus.cannotOpen)
        }
        display.finish()
        if !quiet && summary.malformedLines > 0 {
            StandardError.print("kreplay: \(trace): \(summary.malformedLines) malformed line(s) skipped")
        }
        if let error = summary.inputError {
            StandardError.print("kreplay: \(error)")
            throw ExitCode(ExitStatus.badData)
        }
    }
}
