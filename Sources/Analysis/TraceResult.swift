@_exported import KTrace
@_exported import SignalModel
@_exported import TLBModel

/// Everything kreplay learned from a set of traces: what `--format json` prints.
///
/// The field names are the JSON contract (docs/reports.md, "JSON contract"); new fields may be added,
/// none renamed.
public struct AnalysisResult: Sendable, Codable, Equatable {
    public var kreplay: String
    public var traces: [TraceResult]

    public init(version: String = kreplayVersion, traces: [TraceResult]) {
        self.kreplay = version
        self.traces = traces
    }

    /// True when any check of any trace failed (exit status 1).
    public var anyCheckFailed: Bool {
        traces.contains { $0.checks.contains { $0.result == .failed } }
    }
}

/// The version string reports carry.
public let kreplayVersion = "0.1.0"

/// The result of analysing one trace.
public struct TraceResult: Sendable, Codable, Equatable {
    public var path: String
    public var variant: String
    public var ncpu: Int
    /// Events of the vocabulary the models received (unknown names are only counted in
    /// `unknownEvents`; a Linux line that stands for two kernel steps gives two).
    public var events: Int
    public var malformedLines: Int
    public var unknownEvents: [String: Int]
    public var tlb: TLBCounts
    public var signal: SignalCounts
    public var findings: [FindingRecord]
    public var checks: [CheckResult]
    public var replays: [ReplayResult]
    /// The `netbsd8` baseline's counts whenever replays were asked for, so that every
    /// strategy can be shown against it (docs/tlb-model.md "Cost model"; `replay`: "diff vs netbsd8") even when
    /// `netbsd8` itself is not among the strategies. Counts only: no findings, no notes.
    public var baseline: ReplayResult?
    /// How the input was read: lines, bytes, container, and where it broke.
    public var input: InputSummary
    /// Notes for the reader (e.g. "classification limited: no tlb_fill events").
    public var notes: [String]
    /// Findings counted but not listed (beyond `--max-findings` of a kind).
    public var findingsOmitted = 0
    /// Per-event data for the HTML timeline (`AnalysisOptions.collectTimeline`); not in JSON.
    public var timeline: Timeline?

    public init(
        path: String, variant: String, ncpu: Int, events: Int = 0, malformedLines: Int = 0,
        unknownEvents: [String: Int] = [:], tlb: TLBCounts = TLBCounts(),
        signal: SignalCounts = SignalCounts(), findings: [FindingRecord] = [],
        checks: [CheckResult] = [], replays: [ReplayResult] = [], input: InputSummary = InputSummary(),
        notes: [String] = []
    ) {
        self.path = path
        self.variant = variant
        self.ncpu = ncpu
        self.events = events
        self.malformedLines = malformedLines
        self.unknownEvents = unknownEvents
        self.tlb = tlb
        self.signal = signal
        self.findings = findings
        self.checks = checks
        self.replays = replays
        self.input = input
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case path, variant, ncpu, events
        case malformedLines = "malformed_lines"
        case unknownEvents = "unknown_events"
        case tlb, signal, findings
        case findingsOmitted = "findings_omitted"
        case checks, replays, baseline, input, notes
    }
}

/// A finding as reports carry it (docs/reports.md "JSON contract" `findings`).
public typealias FindingRecord = Finding

/// One check's verdict (docs/checks.md).
public struct CheckResult: Sendable, Codable, Equatable {
    public var name: CheckName
    public var result: CheckOutcome
    /// Why it failed, was skipped or was expected to fail; empty when passed.
    public var reason: String

    public init(name: CheckName, result: CheckOutcome, reason: String = "") {
        self.name = name
        self.result = result
        self.reason = reason
    }
}

/// The four ATF outcomes kreplay uses.
public enum CheckOutcome: String, Sendable, Codable, Equatable {
    case passed
    case failed
    case skipped
    case expectedFailure = "expected_failure"
}

/// What one strategy would have done on the trace (docs/reports.md "JSON contract" `replays`).
public struct ReplayResult: Sendable, Codable, Equatable {
    public var strategy: String
    public var tlb: TLBReplayCounts
    public var signal: SignalCounts
    /// Findings the replay itself produced (stale translations, lost signals, …).
    public var findings: [FindingRecord]
    /// Lines of the replay's notes (e.g. requests on a running tracee).
    public var notes: [String]

    public init(
        strategy: String, tlb: TLBReplayCounts = TLBReplayCounts(), signal: SignalCounts = SignalCounts(),
        findings: [FindingRecord] = [], notes: [String] = []
    ) {
        self.strategy = strategy
        self.tlb = tlb
        self.signal = signal
        self.findings = findings
        self.notes = notes
    }
}

/// How the input was read, so nothing is lost silently.
///
/// `lines == event_lines + malformed_lines + unknown_lines + comment_lines + blank_lines`
/// (a `cpus=N` header counts as a comment); after a broken stream, `bytes` and
/// `compressed_bytes` say how far reading got and `events` what it delivered.
public struct InputSummary: Sendable, Codable, Equatable {
    /// `gzip`, `zlib` or `plain`.
    public var container = "plain"
    /// Decompressed bytes read.
    public var bytes: Int64 = 0
    public var lines = 0
    public var commentLines = 0
    public var blankLines = 0
    /// Error that stopped reading (e.g. a truncated gzip), with its byte offset.
    public var error: String?
    public var errorByteOffset: Int64?
    /// Line where `--strict` stopped at a malformed line.
    public var errorLine: Int?
    /// Compressed bytes consumed (equal to `bytes` for plain text).
    public var compressedBytes: Int64 = 0
    /// Lines that were events of the vocabulary.
    public var eventLines = 0
    /// Lines skipped as malformed (the same as the trace's `malformed_lines`).
    public var malformedLines = 0
    /// Lines naming an event kreplay does not know (counted by name in `unknown_events`).
    public var unknownLines = 0
    /// Events handed to the models (a Linux `signal_generate` line can make two).
    public var events = 0
    /// The warnings in total (`warnings` keeps the first 100).
    public var warningCount = 0
    /// The first malformed lines, with their excerpts.
    public var malformed: [MalformedLineRecord] = []
    /// Warnings such as timestamps going backwards.
    public var warnings: [String] = []
    /// The text layout read: `ftrace`, `trace-cmd`, `babeltrace` or `kreplay`.
    public var format: String?
    /// Events the tracer reported lost (trace-cmd `EVENTS DROPPED`, babeltrace2 `discarded`); absent when none.
    public var lostEvents: Int?
    /// Lost-events reports in the trace, with or without a count (absent when none).
    public var lostEventReports: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case container, bytes, lines
        case commentLines = "comment_lines"
        case blankLines = "blank_lines"
        case error
        case errorByteOffset = "error_byte_offset"
        case errorLine = "error_line"
        case compressedBytes = "compressed_bytes"
        case eventLines = "event_lines"
        case malformedLines = "malformed_lines"
        case unknownLines = "unknown_lines"
        case events
        case warningCount = "warning_count"
        case malformed, warnings, format
        case lostEvents = "lost_events"
        case lostEventReports = "lost_event_reports"
    }

    /// Reads results written by older versions too: a missing count is 0.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        func count(_ key: CodingKeys) throws -> Int { try values.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        container = try values.decodeIfPresent(String.self, forKey: .container) ?? "plain"
        bytes = try values.decodeIfPresent(Int64.self, forKey: .bytes) ?? 0
        compressedBytes = try values.decodeIfPresent(Int64.self, forKey: .compressedBytes) ?? 0
        lines = try count(.lines)
        commentLines = try count(.commentLines)
        blankLines = try count(.blankLines)
        eventLines = try count(.eventLines)
        malformedLines = try count(.malformedLines)
        unknownLines = try count(.unknownLines)
        events = try count(.events)
        warningCount = try count(.warningCount)
        error = try values.decodeIfPresent(String.self, forKey: .error)
        errorByteOffset = try values.decodeIfPresent(Int64.self, forKey: .errorByteOffset)
        errorLine = try values.decodeIfPresent(Int.self, forKey: .errorLine)
        malformed = try values.decodeIfPresent([MalformedLineRecord].self, forKey: .malformed) ?? []
        warnings = try values.decodeIfPresent([String].self, forKey: .warnings) ?? []
        format = try values.decodeIfPresent(String.self, forKey: .format)
        lostEvents = try values.decodeIfPresent(Int.self, forKey: .lostEvents)
        lostEventReports = try values.decodeIfPresent(Int.self, forKey: .lostEventReports)
    }
}

/// A malformed line as reports carry it.
public typealias MalformedLineRecord = MalformedLine
