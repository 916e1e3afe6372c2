import Foundation
import KTrace
import TLBModel

/// A tiny reader for the trace lines these tests write (SPEC §1.3 layout), used
/// until the real parser (KTrace `TraceText`) is on this branch. It knows only the
/// TLB vocabulary and the `# machine:` header; line numbers are physical lines.
enum TestTrace {
    struct Parsed {
        var config = TraceConfig()
        var events: [Event] = []
    }

    static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " }
            if line.hasPrefix("# machine:") {
                header(line.dropFirst(10), into: &parsed.config)
            } else if !line.hasPrefix("#"), !line.isEmpty, let event = event(String(line), number: index + 1) {
                parsed.events.append(event)
            }
        }
        return parsed
    }

    /// Runs the analyzer over `text`.
    static func analyze(_ text: String) -> TLBAnalysis {
        let parsed = parse(text)
        var analyzer = TLBAnalyzer(config: parsed.config)
        for event in parsed.events { analyzer.consume(event) }
        return analyzer.finish(cpuCount: cpuCount(parsed))
    }

    /// Replays `text` under `strategy` (`name` or `name:key=value`).
    static func replay(_ text: String, _ strategy: String) throws -> TLBReplayOutcome {
        let parsed = parse(text)
        var replayer = TLBReplayer(strategy: try TLBStrategySpec.parse(strategy), config: parsed.config)
        for event in parsed.events { replayer.consume(event) }
        return replayer.finish(cpuCount: cpuCount(parsed))
    }

    private static func cpuCount(_ parsed: Parsed) -> Int {
        parsed.config.declaredCPUCount ?? ((parsed.events.map(\.cpu).max() ?? 0) + 1)
    }

    private static func header(_ text: Substring, into config: inout TraceConfig) {
        let fields = keyValues(text)
        if let variant = fields["variant"] { config.declaredVariant = KernelVariant(rawValue: variant) }
        if let ncpu = fields["ncpu"] { config.declaredCPUCount = Int(ncpu) }
        if let maxva = fields["tp_maxva"].flatMap({ Int($0) }) { config.tpMaxva = maxva }
        config.arch = fields["arch"]
    }

    private static func event(_ line: String, number: Int) -> Event? {
        guard let open = line.range(of: " ["), let close = line.range(of: "]") else { return nil }
        let task = line[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        let pid = task.lastIndex(of: "-").flatMap { Int32(task[task.index(after: $0)...]) } ?? 0
        guard let cpu = Int(line[open.upperBound..<close.lowerBound]) else { return nil }
        var words = line[close.upperBound...].split(separator: " ")
        if let first = words.first, !first.hasSuffix(":") { words.removeFirst() }  // flags
        guard words.count >= 2 else { return nil }
        let time = nanoseconds(words[0].dropLast())
        let name = String(words[1].dropLast())
        let fields = keyValues(words.dropFirst(2).joined(separator: " ")[...])
        guard let kind = kind(name, fields) else { return nil }
        return Event(line: number, cpu: cpu, pid: pid, timeNs: time, kind: kind)
    }

    private static func kind(_ name: String, _ fields: [String: String]) -> EventKind? {
        func number(_ key: String) -> UInt64 { fields[key].flatMap(parseNumber) ?? 0 }
        func pmap() -> PmapID { fields["pmap"].map(pmapID) ?? .kernel }
        func targets() -> CPUSet {
            if let target = fields["target"].flatMap({ Int($0) }) { return CPUSet([target]) }
            return CPUSet(mask: number("mask"))
        }
        switch name {
        case "pmap_enter": return .pmapEnter(pmap: pmap(), va: number("va"))
        case "pmap_kenter_pa": return .pmapKenterPA(va: number("va"))
        case "tlb_fill": return .tlbFill(pmap: pmap(), va: number("va"))
        case "pmap_remove": return .pmapRemove(pmap: pmap(), sva: number("sva"), eva: number("eva"))
        case "pmap_kremove": return .pmapKremove(va: number("va"), length: number("len"))
        case "pmap_update": return .pmapUpdate(pmap: pmap())
        case "tlb_shootdown_ipi":
            return .shootdownIPI(targets: targets(), pages: fields["pages"].flatMap { Int($0) })
        case "ipi_send_cpumask": return .shootdownIPI(targets: targets(), pages: nil)
        case "tlb_invalidate":
            return .tlbInvalidate(pmap: fields["pmap"].map(pmapID), va: fields["all"] == "1" ? nil : number("va"))
        case "tlb_shootdown_done": return .shootdownDone(waitNs: fields["wait_ns"].flatMap { Int64($0) })
        case "xen_mmuext":
            return .xenMMUExt(targets: targets(), va: fields["op"] == "tlb_flush_multi" ? nil : number("va"))
        case "ubc_alloc": return .ubcAlloc(va: number("va"), offset: number("offset"), length: number("len"))
        case "ubc_release": return .ubcRelease(va: number("va"))
        case "idle_enter": return .idleEnter
        case "idle_exit": return .idleExit
        case "sched_switch":
            return .schedSwitch(prevPid: Int32(number("prev_pid")), nextPid: Int32(number("next_pid")))
        case "pmap_activate": return .pmapActivate(pmap: pmap())
        case "pmap_deactivate": return .pmapDeactivate(pmap: pmap())
        case "lwp_bind":
            return .lwpBind(
                pid: Int32(number("pid")), lid: Int32(number("lid")), cpu: fields["cpu"].flatMap { Int($0) } ?? -1)
        default: return nil
        }
    }

    private static func keyValues(_ text: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for word in text.split(separator: " ") {
            let pair = word.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        return fields
    }

    private static func pmapID(_ text: String) -> PmapID {
        text == "kernel" ? .kernel : .user(parseNumber(text) ?? 0)
    }

    private static func parseNumber(_ text: String) -> UInt64? {
        text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }

    private static func nanoseconds(_ text: Substring) -> Int64 {
        let parts = text.split(separator: ".")
        let whole = Int64(parts.first ?? "0") ?? 0
        let fraction = parts.count > 1 ? String(parts[1]) : "0"
        let padded = (fraction + String(repeating: "0", count: 9)).prefix(9)
        return whole * 1_000_000_000 + (Int64(padded) ?? 0)
    }
}

/// Reads a fixture below `Tests/Fixtures`.
func fixture(_ path: String, filePath: String = #filePath) throws -> String {
    let root = filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")
    return try String(contentsOfFile: root + "/Fixtures/" + path, encoding: .utf8)
}

extension TestTrace {
    /// A trace from a header (line 1) and compact events `"cpu[/pid] event: fields"`:
    /// event `i` (0-based) lands on line `i + 2`, 1 µs apart from t=1.000000.
    static func build(_ header: String, _ events: [String]) -> String {
        var lines = [header]
        for (index, event) in events.enumerated() {
            let head = event.split(separator: " ", maxSplits: 1)
            let who = head[0].split(separator: "/")
            let cpu = Int(who[0]) ?? 0
            let pid = who.count > 1 ? String(who[1]) : "512"
            let micros = String(index)
            let fraction = String(repeating: "0", count: 6 - micros.count) + micros
            let padded = String(repeating: "0", count: 3 - String(cpu).count) + String(cpu)
            lines.append("task-\(pid) [\(padded)] .... 1.\(fraction): \(head.count > 1 ? String(head[1]) : "")")
        }
        return lines.joined(separator: "\n")
    }
}
