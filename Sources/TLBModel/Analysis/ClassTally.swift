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

    /// Counts one (IPI, target) pair; a redundant one becomes a finding tied to the IPI's line.
    mutating func record(
        _ kind: ShootdownClass, _ target: Int, _ packet: Packet, _ fullFlush: Bool, _ event: Event, _ state: TLBState
    ) {
        switch kind {
        case .needed:
            return
        case .unknown:
            unknown += 1
            return
        default:
            break
        }
        redundant += 1
        if let index = ShootdownClass.redundantClasses.firstIndex(of: kind) { classCounts[index] += 1 }
        if findings.admit(.redundantShootdown) {
            findings.keep(
                Finding(
                    kind: .redundantShootdown, findingClass: kind.findingClass, line: event.line, cpu: target,
                    pid: event.pid,
                    timeNs: event.timeNs,
                    message: state.explain(
                        kind, target: target, packet: packet, fullFlush: fullFlush, limited: isLimited)))
        }
    }
}
