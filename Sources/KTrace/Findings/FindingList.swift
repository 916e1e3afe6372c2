/// Findings as a model collects them: every one counted, the first `limit` of
/// each kind kept.
///
/// A trace of many gigabytes can have millions of redundant shootdowns; keeping
/// (and explaining) each would make memory grow with the trace. The counts stay
/// exact; only the listing is cut, and reports say how much was left out.
public struct FindingList: Sendable, Equatable {
    /// Findings kept per kind unless a trace asks for another limit.
    public static let defaultLimit = 5_000
    /// Findings kept per kind in each strategy's replay unless a trace asks for another limit.
    public static let defaultReplayLimit = 1_000

    public let limit: Int
    public private(set) var findings: [Finding] = []
    /// Every finding counted per kind (kinds never counted are absent).
    public var totals: [FindingKind: Int] {
        var result: [FindingKind: Int] = [:]
        for kind in FindingKind.allCases where counts[kind.ordinal] > 0 { result[kind] = counts[kind.ordinal] }
        return result
    }
    /// Counts indexed by `FindingKind.ordinal`. An array, not a dictionary:
    /// `admit` runs per (shootdown, target), and hashing a `String`-backed enum
    /// hashed its raw string each time.
    private var counts = [Int](repeating: 0, count: FindingKind.allCases.count)

    public init(limit: Int = FindingList.defaultLimit) {
        self.limit = max(0, limit)
    }

    /// Counts a finding of `kind`; true when it should be built and `keep`-ed.
    /// (Build the finding only then: explaining millions of findings is the cost to avoid.)
    public mutating func admit(_ kind: FindingKind) -> Bool {
        let count = counts[kind.ordinal]
        counts[kind.ordinal] = count + 1
        return count < limit
    }

    /// Keeps a finding that `admit` let in.
    public mutating func keep(_ finding: Finding) { findings.append(finding) }

    /// Appends findings already built (from another list or a checker).
    public mutating func append(contentsOf other: [Finding]) {
        for finding in other where admit(finding.kind) { keep(finding) }
    }

    /// Findings counted but not kept.
    public var omitted: Int { counts.reduce(0, +) - findings.count }

    public mutating func sortByLine() {
        findings.sort { ($0.line, $0.cpu) < ($1.line, $1.cpu) }
    }
}

extension FindingKind {
    /// The case's position, for array-indexed counts.
    var ordinal: Int {
        switch self {
        case .redundantShootdown: return 0
        case .staleTranslation: return 1
        case .variantMismatch: return 2
        case .fidelityMismatch: return 3
        case .duplicateWaitReturn: return 4
        case .doubleSigpost: return 5
        case .lostSignal: return 6
        case .waitMismatch: return 7
        }
    }
}
