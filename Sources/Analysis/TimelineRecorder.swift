import KTrace

/// Collects the per-event data of the HTML timeline while a trace streams by.
///
/// Bounded: after `limit` items of a kind the rest are counted, not kept, so a
/// huge trace still renders (its start) and memory stays flat.
struct TimelineRecorder {
    static let limit = 5000

    private(set) var timeline = Timeline(cpus: 0)
    private(set) var dropped = 0
    private var idleSince: [Int: Int64] = [:]
    private var numbering: SignalNumbering = .netbsd

    mutating func begin(config: TraceConfig) { numbering = config.signalNumbering }

    mutating func consume(_ event: Event) {
        switch event.kind {
        case .idleEnter:
            enterIdle(event.cpu, event.timeNs)
        case .idleExit:
            exitIdle(event.cpu, event.timeNs)
        case .schedSwitch(_, let next):
            if next == 0 { enterIdle(event.cpu, event.timeNs) } else { exitIdle(event.cpu, event.timeNs) }
        case .shootdownIPI(let targets, let pages):
            recordIPI(event, targets, pages ?? 1)
        case .xenMMUExt(let targets, let va):
            recordIPI(event, targets, va == nil ? 0 : 1)
        case .pmapRemove(_, let sva, let eva):
            recordUnmap(event, pages: Int(clamping: (eva &- sva) / pageSize))
        case .pmapKremove(_, let length):
            recordUnmap(event, pages: Int(clamping: length / pageSize + (length % pageSize == 0 ? 0 : 1)))
        case .procStopDone(let pid, let signal):
            guard timeline.stops.count < Self.limit else {
                dropped += 1
                return
            }
            timeline.stops.append(
                .init(
                    timeNs: event.timeNs, line: event.line, cpu: event.cpu, pid: pid,
                    signal: SignalNames.name(of: signal, numbering: numbering)))
        default:
            break
        }
    }

    private mutating func enterIdle(_ cpu: Int, _ time: Int64) {
        if idleSince[cpu] == nil { idleSince[cpu] = time }
    }

    private mutating func exitIdle(_ cpu: Int, _ time: Int64) {
        guard let start = idleSince.removeValue(forKey: cpu) else { return }
        guard timeline.idlePeriods.count < Self.limit else {
            dropped += 1
            return
        }
        timeline.idlePeriods.append(.init(cpu: cpu, startNs: start, endNs: time))
    }

    private mutating func recordIPI(_ event: Event, _ targets: CPUSet, _ pages: Int) {
        guard timeline.ipis.count < Self.limit else {
            dropped += 1
            return
        }
        let list = targets.map { Timeline.Target(cpu: $0, classification: "needed") }
        timeline.ipis.append(
            .init(timeNs: event.timeNs, line: event.line, initiator: event.cpu, targets: list, pages: pages))
    }

    private mutating func recordUnmap(_ event: Event, pages: Int) {
        guard timeline.unmaps.count < Self.limit else {
            dropped += 1
            return
        }
        timeline.unmaps.append(.init(timeNs: event.timeNs, line: event.line, cpu: event.cpu, pages: pages))
    }

    /// The finished timeline, with each target's class taken from the TLB findings.
    mutating func finish(cpuCount: Int, findings: [Finding], classificationLimited: Bool) -> Timeline {
        for (cpu, start) in idleSince where timeline.idlePeriods.count < Self.limit {
            timeline.idlePeriods.append(.init(cpu: cpu, startNs: start, endNs: nil))
        }
        var classes: [Int: [Int: String]] = [:]
        for finding in findings where finding.kind == .redundantShootdown {
            classes[finding.line, default: [:]][finding.cpu] = "redundant:" + finding.findingClass.rawValue
        }
        for index in timeline.ipis.indices {
            let line = timeline.ipis[index].line
            for targetIndex in timeline.ipis[index].targets.indices {
                let cpu = timeline.ipis[index].targets[targetIndex].cpu
                timeline.ipis[index].targets[targetIndex].classification =
                    classes[line]?[cpu] ?? (classificationLimited ? "unknown" : "needed")
            }
        }
        timeline.cpus = cpuCount
        return timeline
    }
}
