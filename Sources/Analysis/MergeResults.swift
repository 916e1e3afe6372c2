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
    /// Findings per kind, then per class; kinds without a class are not repeated here.
    /// JSON `finding_classes` spells the pair `redundant-shootdown:idle`.
    public var findingClasses: [String: [FindingClass: Int]] = [:]
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
                findingClasses[finding.kind.rawValue, default: [:]][finding.findingClass, default: 0] += 1
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

    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        traces = try values.decode(Int.self, forKey: .traces)
        tracesFailed = try values.decode(Int.self, forKey: .tracesFailed)
        events = try values.decode(Int.self, forKey: .events)
        malformedLines = try values.decode(Int.self, forKey: .malformedLines)
        lostEvents = try values.decode(Int.self, forKey: .lostEvents)
        checks = try values.decode([String: CheckTotals].self, forKey: .checks)
        findings = try values.decode([String: Int].self, forKey: .findings)
        for (pair, count) in try values.decode([String: Int].self, forKey: .findingClasses) {
            // `kind:class`: kinds have no colon, classes may.
            let parts = pair.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            findingClasses[String(parts[0]), default: [:]][FindingClass(String(parts[1])), default: 0] += count
        }
        unknownEvents = try values.decode([String: Int].self, forKey: .unknownEvents)
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(traces, forKey: .traces)
        try values.encode(tracesFailed, forKey: .tracesFailed)
        try values.encode(events, forKey: .events)
        try values.encode(malformedLines, forKey: .malformedLines)
        try values.encode(lostEvents, forKey: .lostEvents)
        try values.encode(checks, forKey: .checks)
        try values.encode(findings, forKey: .findings)
        var pairs: [String: Int] = [:]
        for (kind, classes) in findingClasses {
            for (findingClass, count) in classes { pairs["\(kind):\(findingClass)"] = count }
        }
        try values.encode(pairs, forKey: .findingClasses)
        try values.encode(unknownEvents, forKey: .unknownEvents)
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
