import Analysis
import KTrace
import Synth

/// What `kreplay convert` writes.
public enum ConvertFormat: String, Sendable, CaseIterable {
    /// Chrome Trace Event JSON (Perfetto UI, chrome://tracing).
    case chromeJSON = "chrome-json"
    /// Canonical ftrace text in kreplay's vocabulary.
    case ftrace
}

/// What a conversion read and wrote.
public struct ConvertSummary: Sendable {
    public var events = 0
    public var findings = 0
    /// Decompressed bytes read.
    public var bytesRead: Int64 = 0
    public var malformedLines = 0
    /// A broken compressed stream: the events before it were converted.
    public var inputError: String?
}

/// Converts traces, streaming: memory stays flat except for Chrome JSON's findings.
public enum TraceConverter {
    /// Converts the trace at `path` (`-` = standard input; Chrome JSON then has no findings,
    /// since finding them needs a pass of its own) into `sink`.
    public static func convert(
        path: String, to format: ConvertFormat, sink: any TraceSink, options: AnalysisOptions = AnalysisOptions()
    ) throws(SynthError) -> ConvertSummary {
        var findings: [Finding] = []
        if format == .chromeJSON && path != "-" {
            var quiet = options
            quiet.read.progress = nil
            do { findings = try analyzeTrace(path: path, options: quiet).findings } catch {
                throw .input(error.description)
            }
        }
        let reader: TraceReader
        do { reader = try TraceReader(path: path, options: options.read) } catch { throw .input(error.description) }
        return try run(reader, format: format, sink: sink, findings: findings, name: path)
    }

    /// Converts trace text held in memory (tests, tools).
    public static func convert(
        text: String, name: String = "<text>", to format: ConvertFormat, sink: any TraceSink,
        options: AnalysisOptions = AnalysisOptions()
    ) throws(SynthError) -> ConvertSummary {
        var findings: [Finding] = []
        if format == .chromeJSON {
            do { findings = try analyzeTrace(text: text, name: name, options: options).findings } catch {
                throw .input(error.description)
            }
        }
        let reader: TraceReader
        do { reader = try TraceReader(bytes: Array(text.utf8), name: name, options: options.read) } catch {
            throw .input(error.description)
        }
        return try run(reader, format: format, sink: sink, findings: findings, name: name)
    }

    private static func run(
        _ reader: TraceReader, format: ConvertFormat, sink: any TraceSink, findings: [Finding], name: String
    ) throws(SynthError) -> ConvertSummary {
        let summary: TraceReadSummary
        var result = ConvertSummary()
        switch format {
        case .ftrace:
            var writer = FtraceWriter(sink: sink)
            summary = reader.read(into: &writer)
            try writer.finish()
            result.events = writer.events
        case .chromeJSON:
            var writer = ChromeTraceWriter(sink: sink, name: name, findings: findings)
            summary = reader.read(into: &writer)
            try writer.finish()
            result.events = writer.events
            result.findings = findings.count
        }
        try sink.close()
        result.bytesRead = summary.bytes
        result.malformedLines = summary.malformedCount
        result.inputError = summary.error?.description
        return result
    }
}
