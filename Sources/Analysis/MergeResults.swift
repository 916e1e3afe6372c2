import Foundation

/// Per-trace results from many machines or runs, combined into one report
/// (`kreplay merge`): every trace listed, plus totals (docs/inputs.md, "merge").
///
/// Its JSON is an `AnalysisResult` with one more object, `totals`, so tools
/// that read `analyze --format json` read a merged result too, and merging
/// merged results gives the same totals as merging their parts.
public struct MergedResult: Sendable, Codable, Equatable {
    public var kreplay: String
    public var traces: [TraceResult]
    public var totals: MergeTotals

    /// Combines results in the order given; their traces keep their order.
    public init(version: String = kreplayVersion, results: [AnalysisResult]) {
        self.kreplay = version
        self.traces = results.flatMap(\.traces)
        self.totals = MergeTotals(traces: traces)
    }

    /// True when any check of any trace failed (exit status 1).
    public var anyCheckFailed: Bool { totals.failedChecks > 0 }

    /// The merged result as a plain `AnalysisResult` (for the other renderers).
    public var analysisResult: AnalysisResult { AnalysisResult(version: kreplay, traces: traces) }
}

/// Totals over every trace of a merged result.
public struct MergeTotals: Sendable, Codable, Equatable {
    public var traces = 0
    /// Traces with at least one failed check.
    public var tracesFailed = 0
    public var events = 0
    public var malformedLines = 0
    /// Events the tracers reported lost, over all traces.
    public var lostEvents = 0
    /// Checks verdicts summed over all traces (`passed` + `failed` + … = `traces` per check).
    public var checks: [String: CheckTotals] = [:]
    /// Findings per kind (`redundant-shootdown`).
    public var findings: [String: Int] = [:]
    /// Findings per kind and class (`redundant-shootdown:idle`); kinds without a class are not repeated here.
    public var findingClasses: [String: Int] = [:]
    /// Unknown events per name, summed.
    public var unknownEvents: [String: Int] = [:]

    public init() {}

    /// Sums `traces`.
    public init(traces results: [TraceResult]) {
        for trace in results { add(trace) }
    }

    /// Failed checks over all traces.
    public var failedChecks: Int { checks.values.reduce(0) { $0 + $1.failed } }

    mutating func add(_ trace: TraceResult) {
        traces += 1
        events += trace.events
        malformedLines += trace.malformedLines
        // Saturating: a trace may report Int.max lost events (its lines' counts saturate).
        let (lost, overflow) = lostEvents.addingReportingOverflow(trace.input.lostEvents ?? 0)
        lostEvents = overflow ? Int.max : lost
        if trace.checks.contains(where: { $0.result == .failed }) { tracesFailed += 1 }
        for check in trace.checks { checks[check.name.rawValue, default: CheckTotals()].add(check.result) }
        for finding in trace.findings {
            findings[finding.kind.rawValue, default: 0] += 1
            if !finding.findingClass.isEmpty {
                findingClasses["\(finding.kind.rawValue):\(finding.findingClass)", default: 0] += 1
            }
        }
        for (name, count) in trace.unknownEvents { unknownEvents[name, default: 0] += count }
    }

    enum CodingKeys: String, CodingKey {
        case traces
        case tracesFailed = "traces_failed"
        case events
        case malformedLines = "malformed_lines"
        case lostEvents = "lost_events"
        case checks, findings
        case findingClasses = "finding_classes"
        case unknownEvents = "unknown_events"
    }
}

/// How one check fared over many traces.
public struct CheckTotals: Sendable, Codable, Equatable {
    public var passed = 0
    public var failed = 0
    public var skipped = 0
    public var expectedFailure = 0

    public init() {}

    mutating func add(_ outcome: CheckOutcome) {
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        case .expectedFailure: expectedFailure += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case passed, failed, skipped
        case expectedFailure = "expected_failure"
    }
}
