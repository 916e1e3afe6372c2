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
/// or twice when its headers do not declare the CPU count or the kernel (`TraceProbe`).
private func analyze(
    _ options: AnalysisOptions, open: (ReadOptions) throws(TraceInputError) -> TraceReader
) throws(AnalysisError) -> TraceResult {
    let plan = try StrategyPlan(options.strategies)
    var reader: TraceReader
    do {
        reader = try open(options.read)
        if reader.canReadAgain {
            var probe = TraceProbe()
            let probed = reader.read(into: &probe)
            var read = options.read
            let count = probe.cpus.inferredCount
            // A header-less capture is Linux's if a Linux event shows anywhere in it.
            let linux = !probe.kindDeclared && probed.linuxCapture
            if count != nil || linux {
                // The second read declares them, as if the headers had said so (flags still win:
                // `--signals netbsd` keeps NetBSD numbering and the netbsd8 baseline).
                let override = read.override
                read.override = { config in
                    if linux { config.signalNumbering = .linux }
                    override(&config)
                    if let count, config.declaredCPUCount == nil { config.declaredCPUCount = count }
                }
            }
            reader = try open(read)
        }
    } catch {
        throw .input(error)
    }
    let lineup = ModelLineup(
        plan: plan, waitExpectation: options.waitExpectation, collectsTimeline: options.collectTimeline)
    let lanes = LanedModelRunner(
        runner: ModelRunner(lineup: lineup),
        laneLimit: options.modelThreads ?? ProcessInfo.processInfo.activeProcessorCount)
    // A header-less trace read once (standard input) starting with events both kernels use.
    var deciding = KernelDecidingConsumer(lanes, numberingForced: numberingForced(options.read))
    let summary = reader.read(into: &deciding)
    var inner = deciding.finish()
    var runner = inner.finish()
    return TraceResultBuilder.build(summary: summary, runner: &runner, options: options)
}

/// Whether the flags force the signal numbering (`--signals netbsd` maps Linux to NetBSD; a
/// forced `linux` needs no deciding either).
private func numberingForced(_ read: ReadOptions) -> Bool {
    var linux = TraceConfig()
    linux.signalNumbering = .linux
    read.override(&linux)
    var netbsd = TraceConfig()
    read.override(&netbsd)
    return linux.signalNumbering == .netbsd || netbsd.signalNumbering == .linux
}

/// Turns the models' reports into a trace's result: counts, findings, notes, checks, replays.
enum TraceResultBuilder {
    static func build(summary: TraceReadSummary, runner: inout ModelRunner, options: AnalysisOptions) -> TraceResult {
        let path = summary.path
        let cpuCount = summary.cpuCount
        let reports = runner.finish(cpuCount: cpuCount, capture: summary.linuxCapture ? .linux : .netbsd)

        var result = TraceResult(path: path, variant: summary.config.variant.rawValue, ncpu: cpuCount)
        result.events = summary.events
        result.malformedLines = summary.malformedCount
        result.unknownEvents = summary.unknownEvents
        for report in reports { report.writeCounts?(&result) }
        let findings = reports.flatMap(\.findings)
        result.findings = findings.sorted { ($0.line, $0.cpu) < ($1.line, $1.cpu) }.map { prefixed($0, path) }
        result.notes = reports.flatMap(\.notes)
        let counted = reports.reduce(0) { $0 + $1.findingTotals.values.reduce(0, +) }
        result.findingsOmitted = max(0, counted - findings.count)
        if result.findingsOmitted > 0 {
            result.notes.append(
                "\(result.findingsOmitted) findings counted but not listed (only the first \(summary.config.findingLimit) of each kind are kept)"
            )
        }
        result.input = inputSummary(summary)
        result.timeline = reports.lazy.compactMap(\.timeline).first

        var inputError: String?
        if let error = summary.error { inputError = error.description }
        if let stop = summary.strictStop {
            inputError = "\(path):\(stop.line): malformed line (--strict): \(stop.reason)"
        }
        let checks = CheckEvaluator.evaluate(
            CheckInput(
                baseline: runner.baseline, reports: reports, tlb: result.tlb, malformedLines: summary.malformedCount,
                firstMalformedLine: summary.malformed.first?.line, inputError: inputError,
                hasExpectationFile: options.waitExpectation != nil))
        result.checks = applyExpectations(checks, options.expectations)
        addReplays(to: &result, reports: reports, plan: runner.lineup.plan, baseline: runner.baseline)
        return result
    }

    /// One replay per plan entry, in the order given: in each layer the entry's own
    /// replay, or the baseline analyzer's when the entry does not concern that layer.
    private static func addReplays(
        to result: inout TraceResult, reports: [ModelReport], plan: StrategyPlan, baseline: Baseline
    ) {
        guard !plan.isEmpty else { return }
        var baselineParts: [ModelLayer: ReplayPart] = [:]
        var ownParts: [ModelLayer: [ReplayPart]] = [:]
        for report in reports {
            if let part = report.baselineReplay { baselineParts[part.layer] = part }
            if let part = report.replay { ownParts[part.layer, default: []].append(part) }
        }
        var baselineResult = ReplayResult(strategy: baseline.rawValue)
        for layer in ModelLayer.allCases { baselineParts[layer]?.writeCounts(&baselineResult) }
        result.baseline = baselineResult
        var next: [ModelLayer: Int] = [:]
        for entry in plan.entries {
            var replay = ReplayResult(strategy: entry.name)
            for layer in ModelLayer.allCases {
                let part: ReplayPart?
                if baseline.needsOwnReplay(entry, in: layer) {
                    let index = next[layer, default: 0]
                    next[layer] = index + 1
                    part = ownParts[layer]?[index]
                } else {
                    part = baselineParts[layer]
                }
                guard let part else { continue }
                part.writeCounts(&replay)
                replay.findings += part.findings.map { prefixed($0, result.path) }
                replay.notes += part.notes
            }
            result.replays.append(replay)
        }
    }

    /// Findings carry `FILE:LINE: ` in front of their message, as docs/checks.md shows.
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
