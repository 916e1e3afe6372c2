import KTrace
import Synth

/// Writes a trace as Chrome Trace Event JSON for Perfetto UI and chrome://tracing:
/// one track per CPU; shootdown IPIs (and Xen hypercalls) as instants, as an
/// `X` slice on the initiator until `tlb_shootdown_done`, as a handler slice on
/// each target (cost model) with a flow arrow from the initiator; idle periods
/// as `X` slices; unmaps, signal events and analysis findings as instants.
struct ChromeTraceWriter: TraceConsumer {
    private let sink: any TraceSink
    private let name: String
    private var json = ChromeJSONBuffer()
    private let findings: [Finding]
    private var nextFinding = 0
    private var cost = CostModel()
    private var seen: [Bool] = []
    private var idleSince: [Int64?] = []
    /// Per CPU: when its pending shootdown started, and the line of its first IPI.
    private var shootdown: [(ts: Int64, line: Int)?] = []
    private var flowID = 0
    private var endTime: Int64 = 0
    private(set) var events = 0
    private var error: SynthError?

    init(sink: any TraceSink, name: String, findings: [Finding]) {
        self.sink = sink
        self.name = name
        self.findings = findings.sorted { $0.line < $1.line }
    }

    mutating func begin(config: TraceConfig) {
        cost = config.cost
        json.out.append("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"source\":\"kreplay convert\",\"variant\":")
        json.string(config.variant.rawValue)
        json.out.append("},\"traceEvents\":[")
        json.metadata("process_name", cpu: nil, key: "name", value: "kreplay: \(name)")
        for cpu in 0..<(config.declaredCPUCount ?? 0) { track(cpu) }
    }

    private mutating func track(_ cpu: Int) {
        guard cpu >= seen.count || !seen[cpu] else { return }
        if cpu >= seen.count {
            let grow = cpu + 1 - seen.count
            seen += Array(repeating: false, count: grow)
            idleSince += Array(repeating: nil, count: grow)
            shootdown += Array(repeating: nil, count: grow)
        }
        seen[cpu] = true
        json.metadata("thread_name", cpu: cpu, key: "name", value: "cpu\(cpu)")
        json.metadata("thread_sort_index", cpu: cpu, key: "sort_index", value: String(cpu))
    }

    mutating func consume(_ event: Event) {
        guard error == nil else { return }
        events += 1
        track(event.cpu)
        endTime = max(endTime, event.timeNs)
        let cpu = event.cpu
        let ts = event.timeNs
        switch event.kind {
        case .idleEnter:
            if idleSince[cpu] == nil { idleSince[cpu] = ts }
        case .idleExit:
            closeIdle(cpu, at: ts)
        case .schedSwitch(_, let next):
            if next == 0 {
                if idleSince[cpu] == nil { idleSince[cpu] = ts }
            } else {
                closeIdle(cpu, at: ts)
            }
        case .shootdownIPI(let targets, let pages):
            ipi(event, "tlb_shootdown_ipi", targets: targets, pages: pages.map(Int64.init) ?? -1, full: pages == 0)
        case .xenMMUExt(let targets, let va):
            ipi(event, "xen_mmuext", targets: targets, pages: va == nil ? 0 : 1, full: va == nil)
        case .shootdownDone(let waitNs):
            if let start = shootdown[cpu] {
                slice(
                    "shootdown wait", cat: "tlb", cpu: cpu, ts: start.ts, dur: max(ts - start.ts, 1), line: start.line)
                if let waitNs { json.arg("wait_ns", waitNs) }
                json.close()
                json.close()
                shootdown[cpu] = nil
            }
        case .pmapKremove(let va, let length):
            instant(event, "pmap_kremove", cat: "unmap")
            json.arg("va", hex(va))
            json.arg("len", Int64(length))
            json.close()
            json.close()
        case .pmapRemove(let pmap, let sva, let eva):
            instant(event, "pmap_remove", cat: "unmap")
            json.arg("pmap", pmap.description)
            json.arg("sva", hex(sva))
            json.arg("eva", hex(eva))
            json.close()
            json.close()
        default:
            if let label = Self.signalLabel(event.kind) {
                instant(event, label, cat: "signal")
                json.close()
                json.close()
            }
        }
        emitFindings(through: event.line)
        if json.out.isNearlyFull { flush() }
    }

    private mutating func ipi(_ event: Event, _ label: String, targets: CPUSet, pages: Int64, full: Bool) {
        instant(event, label, cat: "tlb")
        json.arg("targets", targets.description)
        json.arg("pages", pages)
        json.close()
        json.close()
        if shootdown[event.cpu] == nil { shootdown[event.cpu] = (event.timeNs, event.line) }
        for target in targets {
            track(target)
            flowID += 1
            let idle = idleSince[target] != nil
            let work = full ? cost.tlbFlushNs : cost.invlpgNs * max(pages, 1)
            let handler = cost.ipiHandleNs + (idle ? cost.idleWakeNs : 0) + work
            slice("shootdown handler", cat: "tlb", cpu: target, ts: event.timeNs, dur: handler, line: event.line)
            json.arg("from", "cpu\(event.cpu)")
            json.arg("idle", idle ? "yes" : "no")
            json.close()
            json.close()
            endTime = max(endTime, event.timeNs + handler)
            for (phase, cpu): (StaticString, Int) in [("s", event.cpu), ("f", target)] {
                json.open(phase, name: "ipi", cat: "tlb", cpu: cpu, ts: event.timeNs)
                json.key("id")
                json.out.appendDecimal(flowID)
                if cpu == target { json.out.append(",\"bp\":\"e\"") }
                json.close()
            }
        }
    }

    private mutating func instant(_ event: Event, _ label: String, cat: StaticString) {
        json.open("i", name: label, cat: cat, cpu: event.cpu, ts: event.timeNs)
        json.out.append(",\"s\":\"t\"")
        json.args(line: event.line)
    }

    private mutating func slice(_ label: String, cat: StaticString, cpu: Int, ts: Int64, dur: Int64, line: Int) {
        json.open("X", name: label, cat: cat, cpu: cpu, ts: ts)
        json.key("dur")
        json.time(dur)
        json.args(line: line)
    }

    private mutating func closeIdle(_ cpu: Int, at ts: Int64) {
        guard let since = idleSince[cpu] else { return }
        idleSince[cpu] = nil
        slice("idle", cat: "idle", cpu: cpu, ts: since, dur: max(ts - since, 1), line: 0)
        json.close()
        json.close()
    }

    private mutating func emitFindings(through line: Int) {
        while nextFinding < findings.count && findings[nextFinding].line <= line {
            let finding = findings[nextFinding]
            nextFinding += 1
            let label =
                finding.kind.rawValue + (finding.findingClass.isEmpty ? "" : ":" + finding.findingClass.rawValue)
            track(finding.cpu)
            json.open("i", name: label, cat: "finding", cpu: finding.cpu, ts: finding.timeNs)
            json.out.append(",\"s\":\"t\"")
            json.args(line: finding.line)
            json.arg("message", finding.message)
            json.close()
            json.close()
            if json.out.isNearlyFull { flush() }
        }
    }

    /// Signal and process events worth a mark on the timeline.
    static func signalLabel(_ kind: EventKind) -> String? {
        switch kind {
        case .lwpKill: return "lwp_kill"
        case .kill: return "kill"
        case .trapsignal: return "trapsignal"
        case .sigpost: return "sigpost"
        case .procStopDone: return "proc_stop_done"
        case .procUnstop: return "proc_unstop"
        case .waitReturn(_, let status, _, _): return "wait_return " + status.description
        case .ptrace(let request, _, _): return "ptrace " + request.spelling
        case .fork: return "fork"
        case .exit: return "exit"
        default: return nil
        }
    }

    private mutating func flush() {
        guard json.out.count > 0, error == nil else { return }
        do { try sink.write(json.out.bytes) } catch { self.error = error }
        json.out.reset()
    }

    mutating func finish() throws(SynthError) {
        for cpu in 0..<seen.count {
            closeIdle(cpu, at: endTime + 1000)
            if let start = shootdown[cpu] {
                slice("shootdown wait", cat: "tlb", cpu: cpu, ts: start.ts, dur: 1000, line: start.line)
                json.close()
                json.close()
                shootdown[cpu] = nil
            }
        }
        emitFindings(through: Int.max)
        json.out.append("\n]}\n")
        flush()
        if let error { throw error }
    }
}
