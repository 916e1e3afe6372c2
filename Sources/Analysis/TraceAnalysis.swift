import Foundation
import KTrace
import SignalModel
import TLBModel

/// Analyses one trace: reads it once, runs the models and the requested
/// replays, and computes the checks.
///
/// Throws only when the trace cannot be opened or a strategy is unknown; bad
/// data (a truncated gzip, malformed lines) is part of the result.
public func analyzeTrace(path: String, options: AnalysisOptions) throws(AnalysisError) -> TraceResult {
    try analyze(options) { (read) throws(TraceInputError) in try TraceReader(path: path, options: read) }
}

/// Analyses trace text held in memory (tests, tools).
public func analyzeTrace(text: String, name: String = "<text>", options: AnalysisOptions) throws(AnalysisError)
    -> TraceResult
{
    try analyzeTrace(bytes: Array(text.utf8), name: name, options: options)
}

/// Analyses trace bytes held in memory, of any container (tests, fuzzing).
public func analyzeTrace(bytes: [UInt8], name: String = "<bytes>", options: AnalysisOptions) throws(AnalysisError)
    -> TraceResult
{
    try analyze(options) { (read) throws(TraceInputError) in
        try TraceReader(bytes: bytes, name: name, options: read)
    }
}

/// Checks the strategies before opening anything, then reads the trace: once,
/// or twice when its headers do not declare the CPU count (`CPUCountProbe`).
private func analyze(
    _ options: AnalysisOptions, open: (ReadOptions) throws(TraceInputError) -> TraceReader
) throws(AnalysisError) -> TraceResult {
    let plan = try StrategyPlan(options.strategies)
    var reader: TraceReader
    do {
        reader = try open(options.read)
        if reader.canReadAgain {
            var probe = CPUCountProbe()
            _ = reader.read(into: &probe)
            var read = options.read
            if let count = probe.inferredCount {
                // The second read declares it, as if the header had said it.
                let override = read.override
                read.override = { config in
                    override(&config)
                    if config.declaredCPUCount == nil { config.declaredCPUCount = count }
                }
            }
            reader = try open(read)
        }
    } catch {
        throw .input(error)
    }
    var models = ModelRunner(plan: plan, waitExpectation: options.waitExpectation)
    if options.collectTimeline { models.timeline = TimelineRecorder() }
    var lanes = LanedModelRunner(
        runner: models, laneLimit: options.modelThreads ?? ProcessInfo.processInfo.activeProcessorCount)
    let summary = reader.read(into: &lanes)
    var runner = lanes.finish()
    return TraceResultBuilder.build(summary: summary, runner: &runner, options: options)
}

enum TraceResultBuilder {
    static func build(summary: TraceReadSummary, runner: inout ModelRunner, options: AnalysisOptions) -> TraceResult {
        let path = summary.path
        let cpuCount = summary.cpuCount
        var tlbAnalyzer = runner.tlb ?? TLBAnalyzer(config: summary.config)
        var signalAnalyzer =
            runner.signal ?? SignalAnalyzer(config: summary.config, expectation: nil, keepsBaselineOutcome: true)
        let tlb = tlbAnalyzer.finish(cpuCount: cpuCount)
        let signal = signalAnalyzer.finish()

        var result = TraceResult(path: path, variant: summary.config.variant.rawValue, ncpu: cpuCount)
        result.events = summary.events
        result.malformedLines = summary.malformedCount
        result.unknownEvents = summary.unknownEvents
        result.tlb = tlb.counts
        result.signal = signal.counts
        result.findings = (tlb.findings + signal.findings).sorted { ($0.line, $0.cpu) < ($1.line, $1.cpu) }
            .map { prefixed($0, path) }
        result.notes = tlb.notes + signal.notes
        let counted = tlb.findingTotals.values.reduce(0, +) + signal.findingTotals.values.reduce(0, +)
        result.findingsOmitted = max(0, counted - tlb.findings.count - signal.findings.count)
        if result.findingsOmitted > 0 {
            result.notes.append(
                "\(result.findingsOmitted) findings counted but not listed (only the first \(summary.config.findingLimit) of each kind are kept)"
            )
        }
        result.input = inputSummary(summary)
        if var recorder = runner.timeline {
            result.timeline = recorder.finish(cpuCount: cpuCount, classificationLimited: tlb.classificationLimited)
        }

        var inputError: String?
        if let error = summary.error { inputError = error.description }
        if let stop = summary.strictStop {
            inputError = "\(path):\(stop.line): malformed line (--strict): \(stop.reason)"
        }
        let checks = CheckEvaluator.evaluate(
            .init(
                tlb: tlb, signal: signal, malformedLines: summary.malformedCount, inputError: inputError,
                firstMalformedLine: summary.malformed.first?.line,
                hasExpectationFile: options.waitExpectation != nil, linuxCapture: summary.linuxCapture))
        result.checks = CheckEvaluator.applyExpectations(checks, options.expectations)
        let tlbBaseline = tlbAnalyzer.baselineOutcome ?? TLBReplayOutcome()
        let signalBaseline = signalAnalyzer.baselineOutcome ?? SignalReplayOutcome()
        let replays = runner.finishReplays(cpuCount: cpuCount, tlbBaseline: tlbBaseline, signalBaseline: signalBaseline)
        if !replays.isEmpty {
            result.baseline = ReplayResult(
                strategy: "netbsd8", tlb: tlbBaseline.counts, signal: signalBaseline.counts, findings: [], notes: [])
        }
        for (entry, tlbOutcome, signalOutcome) in replays {
            result.replays.append(
                ReplayResult(
                    strategy: entry.name, tlb: tlbOutcome.counts, signal: signalOutcome.counts,
                    findings: (tlbOutcome.findings + signalOutcome.findings).map { prefixed($0, path) },
                    notes: tlbOutcome.notes + signalOutcome.notes))
        }
        return result
    }

    /// Findings carry `FILE:LINE: ` in front of their message, as SPEC §5 shows.
    static func prefixed(_ finding: Finding, _ path: String) -> Finding {
        var copy = finding
        copy.message = "\(path):\(finding.line): \(finding.message)"
        return copy
    }

    static func inputSummary(_ summary: TraceReadSummary) -> InputSummary {
        var input = InputSummary()
        input.container = summary.container.rawValue
        input.bytes = summary.bytes
        input.compressedBytes = summary.compressedBytes
        input.lines = summary.lines
        input.eventLines = summary.eventLines
        input.commentLines = summary.commentLines
        input.blankLines = summary.blankLines
        input.malformedLines = summary.malformedCount
        input.unknownLines = summary.unknownEventCount
        input.events = summary.events
        input.warningCount = summary.warningCount
        input.malformed = summary.malformed
        input.warnings = summary.warnings
        input.format = summary.inputFormat?.rawValue
        if summary.lostEventReports > 0 {
            input.lostEvents = summary.lostEvents
            input.lostEventReports = summary.lostEventReports
        }
        if let error = summary.error {
            input.error = error.description
            input.errorByteOffset = error.byteOffset
        }
        if let stop = summary.strictStop {
            input.error = "malformed line (--strict): \(stop.reason)"
            input.errorLine = stop.line
        }
        return input
    }
}
