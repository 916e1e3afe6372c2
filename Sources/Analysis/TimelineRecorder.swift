import KTrace
import TLBModel

/// Collects the HTML timeline while a trace streams by, in bounded memory whatever its size:
/// whole-trace counts per time bucket (``TimelineOverviewRecorder``), single events in evenly
/// spread runs (``TimelineDetailSampler``), and the context the grouped findings need.
///
/// Each target's class is the TLB analyzer's own: `classes` is the analyzer's
/// ``TLBAnalyzer/observer``, filled while the analyzer consumes a shootdown, and read here
/// right after. So the recorder must consume each event after the analyzer, on the same
/// thread: ``TLBAnalyzerWithTimeline`` makes the two one model.
struct TimelineRecorder {
    /// A target the analyzer did not class: `unknown`, no limited class.
    private static let unclassified = UInt16(TimelineClassCode.unknown) << 4 | UInt16(TimelineClassCode.none)
    /// The analyzer's classes of the shootdown being consumed.
    let classes = TargetClassBuffer()
    /// The Linux TLB model's IPIs and classes (its ``LinuxTLBModel/observer``), taken by
    /// ``takeLinuxDecisions()``.
    let linux = LinuxTargetBuffer()
    private var overview = TimelineOverviewRecorder(expectedCPUs: 32)
    private var detail = TimelineDetailSampler()
    private var context = Timeline.FindingContext()
    private var idleSince: [Int: Int64] = [:]
    private var numbering: SignalNumbering = .netbsd
    private var firstNs: Int64?
    private var lastNs: Int64 = 0
    private var ipiCount = 0
    /// Target counts of the Linux IPIs sent lately, for the findings rows.
    private var linuxIPITargets = RecentIPITargets()

    mutating func begin(config: TraceConfig) {
        numbering = config.signalNumbering
        overview = TimelineOverviewRecorder(expectedCPUs: config.declaredCPUCount ?? 32)
    }

    mutating func consume(_ event: Event) {
        if firstNs == nil { firstNs = event.timeNs }
        lastNs = max(lastNs, event.timeNs)
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
            recordStop(event, pid: pid, label: SignalNames.name(of: signal, numbering: numbering))
        case .linuxSignalGenerate(_, signal: 17, let code, _, _) where code == 4 || code == 5:
            // A Linux stop, as the signal model counts it (docs/signal-model.md "Linux captures"): the
            // stopping task's SIGCHLD to its tracer or parent, CLD_TRAPPED (4) or CLD_STOPPED (5).
            recordStop(event, pid: event.pid, label: code == 4 ? "CLD_TRAPPED" : "CLD_STOPPED")
        case .waitReturn(let child, let status, _, _):
            recordWait(event, child: child, status: status)
        case .lwpKill(let pid, let lid, let signal):
            recordGeneration(event, pid: pid, lid: lid, signal: signal, call: "lwp_kill")
        case .kill(let pid, let signal):
            recordGeneration(event, pid: pid, lid: nil, signal: signal, call: "kill")
        case .trapsignal(let pid, let lid, let signal):
            recordGeneration(event, pid: pid, lid: lid, signal: signal, call: "trapsignal")
        default:
            break
        }
    }

    private mutating func enterIdle(_ cpu: Int, _ time: Int64) {
        if idleSince[cpu] == nil { idleSince[cpu] = time }
    }

    private mutating func exitIdle(_ cpu: Int, _ time: Int64) {
        guard let start = idleSince.removeValue(forKey: cpu) else { return }
        overview.sawIdle(cpu: cpu, from: start, to: time)
        if detail.admit(cost: 1, at: time, idle: idleSince) {
            detail.keep(Timeline.IdlePeriod(cpu: cpu, startNs: start, endNs: time))
        }
    }

    private mutating func recordIPI(_ event: Event, _ targets: CPUSet, _ pages: Int) {
        ipiCount += 1
        // The analyzer has just classified this shootdown's targets (same thread, just before).
        let packed =
            classes.line == event.line
            ? classes.targets
            : targets.map { UInt16($0 & 0xff) << 8 | Self.unclassified }
        classes.line = -1
        overview.sawIPI(cpu: event.cpu, at: event.timeNs)
        var redundant = false
        for target in packed {
            let full = Int(target >> 4 & 0xf)
            let limited = Int(target & 0xf)
            overview.sawTarget(
                cpu: Int(target >> 8), at: event.timeNs, full: full,
                limited: limited == TimelineClassCode.none ? nil : limited)
            redundant = redundant || TimelineClassCode.isRedundant(full) || TimelineClassCode.isRedundant(limited)
        }
        if redundant && context.shootdowns.count < Timeline.FindingContext.limit {
            context.shootdowns.append(
                .init(line: event.line, initiator: event.cpu, pages: pages, targets: packed.count))
        }
        if detail.admit(cost: 1 + packed.count, at: event.timeNs, idle: idleSince) {
            detail.keep(
                TimelineDetailSampler.RawIPI(
                    timeNs: event.timeNs, line: event.line, initiator: event.cpu, pages: pages, targets: packed))
        }
    }

    /// Draws what the Linux TLB model decided while consuming the last event: each IPI it
    /// counted, and each target once its class is known (at its handler's exit, so after
    /// later events: it joins the sample at its send time, drawn from its initiator as a
    /// one-target IPI; `finish` joins the targets of one IPI line). Pages are not known to
    /// the targets: `-1`.
    mutating func takeLinuxDecisions() {
        guard !linux.items.isEmpty else { return }
        for item in linux.items {
            switch item {
            case .ipi(let line, let cpu, let timeNs, let targets):
                ipiCount += 1
                overview.sawIPI(cpu: cpu, at: timeNs)
                linuxIPITargets.record(line: line, targets: targets)
            case .target(let line, let initiator, let target, let sendNs, let code):
                overview.sawTarget(cpu: target, at: sendNs, full: code, limited: code)
                // The findings rows' initiator and target count, once per IPI with a redundant target.
                if TimelineClassCode.isRedundant(code), context.shootdowns.count < Timeline.FindingContext.limit,
                    let targets = linuxIPITargets.take(line: line)
                {
                    context.shootdowns.append(.init(line: line, initiator: initiator, pages: -1, targets: targets))
                }
                let packed = UInt16(target & 0xff) << 8 | UInt16(code) << 4 | UInt16(code)
                if detail.admit(cost: 2, at: sendNs, idle: idleSince) {
                    detail.keep(
                        TimelineDetailSampler.RawIPI(
                            timeNs: sendNs, line: line, initiator: initiator, pages: -1, targets: [packed]))
                }
            }
        }
        linux.items.removeAll(keepingCapacity: true)
    }

    private mutating func recordStop(_ event: Event, pid: Int32, label: String) {
        overview.sawStop(cpu: event.cpu, at: event.timeNs)
        if detail.admit(cost: 1, at: event.timeNs, idle: idleSince) {
            detail.keep(Timeline.Stop(timeNs: event.timeNs, line: event.line, cpu: event.cpu, pid: pid, signal: label))
        }
    }

    private mutating func recordUnmap(_ event: Event, pages: Int) {
        overview.sawUnmap(cpu: event.cpu, at: event.timeNs)
        if detail.admit(cost: 1, at: event.timeNs, idle: idleSince) {
            detail.keep(Timeline.Unmap(timeNs: event.timeNs, line: event.line, cpu: event.cpu, pages: pages))
        }
    }

    private mutating func recordWait(_ event: Event, child: Int32, status: WaitStatus) {
        if context.waitChildren.count < Timeline.FindingContext.limit {
            context.waitChildren.append((event.line, child))
        }
        if case .none = status { return }
        overview.sawWait(cpu: event.cpu, at: event.timeNs)
        if detail.admit(cost: 1, at: event.timeNs, idle: idleSince) {
            detail.keep(
                Timeline.WaitReturn(
                    timeNs: event.timeNs, line: event.line, cpu: event.cpu, pid: event.pid, child: child,
                    status: status.spelled(numbering)))
        }
    }

    private mutating func recordGeneration(_ event: Event, pid: Int32, lid: Int32?, signal: Int32, call: String) {
        guard context.generations.count < Timeline.FindingContext.limit else { return }
        context.generations.append(
            .init(
                line: event.line, timeNs: event.timeNs, pid: pid, lid: lid,
                signal: SignalNames.name(of: signal, numbering: numbering), call: call))
    }

    /// The finished timeline. `classificationLimited` (the TLB analysis's) picks which of the
    /// analyzer's two classes each target ends with.
    mutating func finish(cpuCount: Int, classificationLimited limitedClasses: Bool) -> Timeline {
        detail.finish(at: lastNs, idle: idleSince)
        for (cpu, start) in idleSince { overview.sawIdle(cpu: cpu, from: start, to: lastNs) }
        var timeline = Timeline(cpus: cpuCount)
        timeline.startNs = firstNs
        timeline.endNs = firstNs == nil ? nil : lastNs
        timeline.ipiCount = ipiCount
        timeline.detailStride = detail.stride
        timeline.classificationLimited = limitedClasses
        timeline.overview = overview.finish(cpus: cpuCount, limitedClasses: limitedClasses)
        // Linux targets are classed at their handler's exit, not in line order.
        context.shootdowns.sort { $0.line < $1.line }
        timeline.findingContext = context
        let names = TimelineClassCode.names
        var previous = -2
        for block in detail.kept {
            let start = block.index == 0 ? (firstNs ?? block.startNs) : block.startNs
            if block.index == previous + 1, !timeline.windows.isEmpty {
                timeline.windows[timeline.windows.count - 1].endNs = block.endNs
            } else {
                timeline.windows.append(.init(startNs: start, endNs: block.endNs))
            }
            previous = block.index
            timeline.idlePeriods += block.idle
            timeline.unmaps += block.unmaps
            timeline.stops += block.stops
            timeline.waits += block.waits
            for ipi in block.ipis {
                let targets = ipi.targets.map { packed -> Timeline.Target in
                    let code = Int(limitedClasses ? packed & 0xf : packed >> 4 & 0xf)
                    return .init(cpu: Int(packed >> 8), classification: code < names.count ? names[code] : "unknown")
                }
                timeline.ipis.append(
                    .init(
                        timeNs: ipi.timeNs, line: ipi.line, initiator: ipi.initiator, targets: targets, pages: ipi.pages
                    ))
            }
        }
        timeline.idlePeriods = Self.merged(timeline.idlePeriods)
        timeline.ipis = Self.joined(timeline.ipis)
        return timeline
    }

    /// One entry per IPI line: the Linux targets, recorded one by one as their classes came,
    /// joined into their IPI, in time order. NetBSD IPIs (one entry per line already) pass unchanged.
    private static func joined(_ ipis: [Timeline.IPI]) -> [Timeline.IPI] {
        guard ipis.contains(where: { $0.pages < 0 }) else { return ipis }
        var result: [Timeline.IPI] = []
        var position: [Int: Int] = [:]
        for ipi in ipis {
            if let index = position[ipi.line] {
                result[index].targets += ipi.targets
            } else {
                position[ipi.line] = result.count
                result.append(ipi)
            }
        }
        for index in result.indices { result[index].targets.sort { $0.cpu < $1.cpu } }
        return result.sorted { ($0.timeNs, $0.line) < ($1.timeNs, $1.line) }
    }

    /// Idle periods per CPU with overlaps joined (blocks repeat a period that spans them).
    private static func merged(_ periods: [Timeline.IdlePeriod]) -> [Timeline.IdlePeriod] {
        var result: [Timeline.IdlePeriod] = []
        for period in periods.sorted(by: { ($0.cpu, $0.startNs) < ($1.cpu, $1.startNs) }) {
            if let last = result.last, last.cpu == period.cpu, let end = last.endNs, period.startNs <= end {
                result[result.count - 1].endNs = period.endNs.map { max($0, end) }
            } else if let last = result.last, last.cpu == period.cpu, last.endNs == nil {
                continue
            } else {
                result.append(period)
            }
        }
        return result
    }
}
