import KTrace

/// Redundant targets by class and their findings, for one way of classifying.
struct ClassTally {
    /// The idle-only classification of a trace without `tlb_fill` (docs/tlb-model.md "Classification").
    let isLimited: Bool

    init(isLimited: Bool, limit: Int) {
        self.isLimited = isLimited
        self.limit = max(0, limit)
    }
    var redundant = 0
    /// Counts per redundant class, in the order of `ShootdownClass.redundantClasses`
    /// (plain fields: an array's element update checked its buffer's uniqueness per target).
    private var classCounts: (Int, Int, Int, Int) = (0, 0, 0, 0)
    var byClass: [String: Int] {
        let counts = [classCounts.0, classCounts.1, classCounts.2, classCounts.3]
        var result: [String: Int] = [:]
        for (index, kind) in ShootdownClass.redundantClasses.enumerated() where counts[index] > 0 {
            result[kind.rawValue] = counts[index]
        }
        return result
    }
    var unknown = 0
    /// `redundant-shootdown` findings kept at most, as a `FindingList` keeps them.
    private let limit: Int
    /// `redundant-shootdown` findings, in line order (the first `limit` kept).
    private(set) var findings: [Finding] = []
    /// Every redundant target is one `redundant-shootdown` finding, kept or not: the
    /// totals a `FindingList` would have counted, without a call per target into it.
    var findingTotals: [FindingKind: Int] { redundant > 0 ? [.redundantShootdown: redundant] : [:] }

    /// Counts one (IPI, target) pair; true when it is redundant and its finding (tied to
    /// the IPI's line) is to be kept with `keep`: the caller builds the message only then.
    @inline(__always) mutating func count(_ kind: ShootdownClass) -> Bool {
        switch kind {
        case .needed:
            return false
        case .unknown:
            unknown += 1
            return false
        default:
            break
        }
        redundant += 1
        switch kind.redundantIndex {
        case 0: classCounts.0 += 1
        case 1: classCounts.1 += 1
        case 2: classCounts.2 += 1
        case 3: classCounts.3 += 1
        default: break
        }
        // `FindingList.admit`: the first `limit` are kept.
        return redundant <= limit
    }

    /// Keeps the finding of a pair `count` admitted.
    mutating func keep(_ kind: ShootdownClass, target: Int, event: Event, message: String) {
        findings.append(
            Finding(
                kind: .redundantShootdown, findingClass: kind.findingClass, line: event.line, cpu: target,
                pid: event.pid, timeNs: event.timeNs, message: message))
    }
}
