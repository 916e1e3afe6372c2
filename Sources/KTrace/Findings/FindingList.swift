/// Findings as a model collects them: every one counted, the first `limit` of
/// each kind kept.
///
/// A trace of many gigabytes can have millions of redundant shootdowns; keeping
/// (and explaining) each would make memory grow with the trace. The counts stay
/// exact; only the listing is cut, and reports say how much was left out.
public struct FindingList: Sendable, Equatable {
    /// Findings kept per kind unless a trace asks for another limit.
    public static let defaultLimit = 1000

    public let limit: Int
    public private(set) var findings: [Finding] = []
    public private(set) var totals: [FindingKind: Int] = [:]

    public init(limit: Int = FindingList.defaultLimit) {
        self.limit = max(0, limit)
    }

    /// Counts a finding of `kind`; true when it should be built and `keep`-ed.
    /// (Build the finding only then: explaining millions of findings is the cost to avoid.)
    public mutating func admit(_ kind: FindingKind) -> Bool {
        let count = totals[kind, default: 0]
        totals[kind] = count + 1
        return count < limit
    }

    /// Keeps a finding that `admit` let in.
    public mutating func keep(_ finding: Finding) { findings.append(finding) }

    /// Appends findings already built (from another list or a checker).
    public mutating func append(contentsOf other: [Finding]) {
        for finding in other where admit(finding.kind) { keep(finding) }
    }

    /// Findings counted but not kept.
    public var omitted: Int { totals.values.reduce(0, +) - findings.count }

    public mutating func sortByLine() {
        findings.sort { ($0.line, $0.cpu) < ($1.line, $1.cpu) }
    }
}
