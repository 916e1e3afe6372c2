import TLBModel

/// What the Linux TLB model decided while it consumed one event (its ``LinuxTargetObserver``):
/// the IPIs it counted and the targets it classified, in order, for the timeline recorder
/// to take right after, on the same thread (``LinuxTLBModelWithTimeline``).
final class LinuxTargetBuffer: LinuxTargetObserver, @unchecked Sendable {
    enum Item {
        case ipi(line: Int, cpu: Int, timeNs: Int64, targets: Int)
        case target(line: Int, initiator: Int, target: Int, sendNs: Int64, code: Int)
    }

    var items: [Item] = []

    func sentIPI(line: Int, cpu: Int, timeNs: Int64, targets: Int) {
        items.append(.ipi(line: line, cpu: cpu, timeNs: timeNs, targets: targets))
    }

    func classified(line: Int, initiator: Int, target: Int, sendNs: Int64, targetClass: LinuxTargetClass) {
        items.append(
            .target(
                line: line, initiator: initiator, target: target, sendNs: sendNs,
                code: TimelineClassCode.code(targetClass)))
    }
}
