import KTrace
import TLBModel

/// The TLB analyzer's classes of the targets of the shootdown it is consuming (its
/// ``ShootdownObserver``), packed `cpu << 8 | full << 4 | limited` with ``TimelineClassCode``
/// codes and ``TimelineClassCode/none`` for "no limited class".
final class TargetClassBuffer: ShootdownObserver {
    /// Line of the shootdown `targets` belong to; -1 once read.
    var line = -1
    var targets: [UInt16] = []
    func classified(_ event: Event, target: Int, full: ShootdownClass, limited: ShootdownClass?) {
        if event.line != line {
            line = event.line
            targets.removeAll(keepingCapacity: true)
        }
        let limitedCode = limited.map { Self.code($0) } ?? UInt16(TimelineClassCode.none)
        targets.append(UInt16(target & 0xff) << 8 | Self.code(full) << 4 | limitedCode)
    }

    private static func code(_ kind: ShootdownClass) -> UInt16 {
        switch kind {
        case .needed: return 0
        case .unusedPTE: return 1
        case .idle: return 2
        case .duplicate: return 3
        case .notCached: return 4
        case .unknown: return 5
        }
    }
}
