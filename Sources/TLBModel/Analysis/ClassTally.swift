import KTrace

/// Redundant targets by class and their findings, for one way of classifying.
struct ClassTally {
    /// The idle-only classification of a trace without `tlb_fill` (docs/tlb-model.md "Classification").
    let isLimited: Bool

    init(isLimited: Bool, limit: Int) {
        self.isLimited = isLimited
        findings = FindingList(limit: limit)
    }
    var redundant = 0
    /// Counts per redundant class, indexed like `ShootdownClass.redundantClasses`
    /// (an array, not a `[String: Int]`: that hashed the class name per target).
    private var classCounts = [Int](repeating: 0, count: ShootdownClass.redundantClasses.count)
    var byClass: [String: Int] {
        var result: [String: Int] = [:]
        for (index, kind) in ShootdownClass.redundantClasses.enumerated() where classCounts[index] > 0 {
            result[kind.rawValue] = classCounts[index]
        }
        return result
    }
    var unknown = 0
    /// `redundant-shootdown` findings, in line order (the first `limit` kept).
    var findings: FindingList

    /// Counts one (IPI, target) pair; true when it is redundant and its finding (tied to
    /// the IPI's line) is to be kept with `keep`: the caller builds the message only then.
    mutating func count(_ kind: ShootdownClass) -> Bool {
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
        if let index = kind.redundantIndex { classCounts[index] += 1 }
        return findings.admit(.redundantShootdown)
    }

    /// Keeps the finding of a pair `count` admitted.
    mutating func keep(_ kind: ShootdownClass, target: Int, event: Event, message: String) {
        findings.keep(
            Finding(
                kind: .redundantShootdown, findingClass: kind.findingClass, line: event.line, cpu: target,
                pid: event.pid, timeNs: event.timeNs, message: message))
    }
}
