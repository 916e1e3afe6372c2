/// The per-read state: header phase, parser, accounting.
struct ReadState {
    var summary: TraceReadSummary
    let options: ReadOptions
    var parser: InputFormatParser
    var config = TraceConfig()
    var begun = false
    /// The last event's time per CPU (`Int64.min`: none yet).
    let lastTimeByCPU = CPUTimes()
    /// CPUs at or above this make an event line malformed (`cpuProblem`); set by `begin`.
    var cpuLimit = TraceLimits.maxCPUs
    var sawFirstLine = false
    /// The headers changed since the parser last learnt how signal numbers read.
    var numberingStale = true
    /// The last line's events, taken from the parser (`InputFormatParser.exchangeEmitted`).
    var events: [Event] = []
    /// The consumer's room for events built in place (`TraceConsumer.eventSlots`), and
    /// how many of it hold events not yet committed.
    var slots = UnsafeMutableBufferPointer<Event>(start: nil, count: 0)
    var slotsUsed = 0

    init(path: String, options: ReadOptions) {
        self.summary = TraceReadSummary(path: path)
        self.options = options
        self.parser = InputFormatParser(format: options.inputFormat)
    }

    mutating func handle<Consumer: TraceConsumer>(
        _ number: Int, _ line: LineReader.Line, consumer: inout Consumer
    ) -> Bool {
        switch line {
        case .overlong(let length, let prefix):
            return malformed(number, prefix, "line too long (\(length) bytes, limit \(options.maxLineLength))")
        case .empty(let count):
            // What the parser says of an empty line, for a whole run at once.
            sawFirstLine = true
            summary.blankLines += count
            return true
        case .text(var bytes):
            // After the headers, most lines are one event in the common shape: read
            // straight to an event, without the outcome, the swap and the checks below.
            if begun {
                if slotsUsed == slots.count { refillSlots(consumer: &consumer) }
                if slotsUsed < slots.count {
                    // Built in place in the consumer's batch (round 8): no copies of the event.
                    let slot = slots.baseAddress! + slotsUsed
                    if parser.hotEvent(bytes, line: number, into: slot) { return deliverSlot(slot, number, bytes) }
                } else if let event = parser.hotEvent(bytes, line: number) {
                    return deliverLine(event, number, bytes, consumer: &consumer)
                }
            }
            // A UTF-8 byte-order mark (an editor's) before the first header is not part of it.
            if number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = UnsafeBufferPointer(rebasing: bytes[3...])
            }
            let firstLine = !sawFirstLine
            sawFirstLine = true
            if !begun && numberingStale {
                // Headers so far (and flags) decide how signal numbers read. Only when
                // they changed: a copy of the config per comment line before the first
                // event was most of what such a line cost.
                numberingStale = false
                var effective = config
                options.override(&effective)
                parser.signalNumbering = effective.signalNumbering
            }
            let outcome = parser.parse(bytes, line: number)
            if !begun, firstLine, parser.format?.impliesLinux == true, parser.format != .ftrace {
                config.signalNumbering = .linux  // trace-cmd and LTTng captures are Linux
                numberingStale = true
            }
            switch outcome {
            case .events:
                if !begun {
                    // A headerless capture (`trace_pipe`) whose first event is a Linux
                    // tracepoint or syscall is Linux's too (`--signals` still wins).
                    if parser.sawLinuxCapture { config.signalNumbering = .linux }
                    begin(consumer: &consumer)
                    if !consumer.readsEvents { return false }
                }
                // Moved out of the parser, not copied: a copy of an `Event` (and its
                // destruction) goes through value-witness code that switches on the kind.
                parser.exchangeEmitted(&events)
                guard !events.isEmpty else { return malformed(number, bytes, "no event decoded") }
                let declared = summary.config.declaredCPUCount
                if let problem = Self.cpuProblem(events[0].cpu, declared: declared) {
                    return malformed(number, bytes, problem)
                }
                for index in events.indices {
                    if let problem = Self.namedCPUProblem(events[index].kind, declared: declared) {
                        return malformed(number, bytes, problem)
                    }
                }
                summary.eventLines += 1
                if events.count > 1 { events.reverse() }
                while let event = events.popLast() { deliver(event, consumer: &consumer) }
            case .blank:
                summary.blankLines += 1
            case .comment(let start):
                summary.commentLines += 1
                if !begun {
                    var problems: [String] = []
                    let keyed = HeaderParser.apply(bytes, from: start, to: &config, problems: &problems)
                    if keyed { numberingStale = true }
                    if keyed, config.otherHeaders["tracer"] != nil, parser.format == .ftrace {
                        // An ftrace file (`# tracer: nop`, after other headers too): Linux signal numbers.
                        config.signalNumbering = .linux
                    }
                    for problem in problems { warn("line \(number): \(problem)") }
                }
            case .cpuCount(let count):
                // A header line like `# machine:`: counted with the comments, so lines add up.
                summary.commentLines += 1
                if !begun {
                    numberingStale = true
                    config.declaredCPUCount = min(count, TraceLimits.maxCPUs)
                    if count > TraceLimits.maxCPUs {
                        warn(
                            "line \(number): cpus=\(count) is beyond kreplay's \(TraceLimits.maxCPUs) CPUs: "
                                + "events on CPU \(TraceLimits.maxCPUs) and above are malformed lines")
                    }
                    if firstLine { config.signalNumbering = .linux }
                }
            case .unknown(let name):
                summary.unknownEvents[bytes.string(name), default: 0] += 1
            case .malformed(let reason):
                return malformed(number, bytes, reason)
            case .lostEvents(let cpu, let count):
                // Counted with the comments too, so that every line lands in one bucket.
                summary.commentLines += 1
                lost(number, cpu: cpu, count: count)
            case .preamble:
                summary.commentLines += 1
            }
            return true
        }
    }

    /// A CPU number the trace cannot have: beyond the declared `ncpu`, or absurd.
    ///
    /// Static: as a method on `self` (849 bytes) each call copied the whole read state.
    static func cpuProblem(_ cpu: Int, declared: Int?) -> String? {
        if cpu >= TraceLimits.maxCPUs { return "cpu \(cpu) out of range (limit \(TraceLimits.maxCPUs))" }
        if let declared, cpu >= declared {
            return "cpu \(cpu) but the header says ncpu=\(declared)"
        }
        return nil
    }

    /// A CPU an event names (shootdown target, `lwp_bind` CPU) that the trace cannot have.
    static func namedCPUProblem(_ kind: EventKind, declared: Int?) -> String? {
        guard let named = kind.highestNamedCPU else { return nil }
        return cpuProblem(named.cpu, declared: declared).map { "\(named.role) " + $0 }
    }

    /// The `.events` checks and hand-off for a line of one event (`LineParser.hotEvent`).
    @inline(__always)
    mutating func deliverLine<Consumer: TraceConsumer>(
        _ event: Event, _ number: Int, _ bytes: @autoclosure () -> UnsafeBufferPointer<UInt8>,
        consumer: inout Consumer
    ) -> Bool {
        let declared = summary.config.declaredCPUCount
        if event.cpu >= cpuLimit, let problem = Self.cpuProblem(event.cpu, declared: declared) {
            return malformed(number, bytes(), problem)
        }
        // Of the kinds `hotEvent` makes, only a shootdown IPI names other CPUs.
        if case .shootdownIPI = event.kind, let problem = Self.namedCPUProblem(event.kind, declared: declared) {
            return malformed(number, bytes(), problem)
        }
        summary.eventLines += 1
        deliver(event, consumer: &consumer)
        return true
    }

    /// `deliverLine` for an event built in `slots` at `slot` (the next one): the same
    /// checks, and the slot counts as used instead of a hand-off.
    @inline(__always)
    mutating func deliverSlot(
        _ slot: UnsafeMutablePointer<Event>, _ number: Int, _ bytes: @autoclosure () -> UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let cpu = slot.pointee.cpu
        if cpu >= cpuLimit, let problem = Self.cpuProblem(cpu, declared: summary.config.declaredCPUCount) {
            return malformed(number, bytes(), problem)
        }
        if case .shootdownIPI = slot.pointee.kind,
            let problem = Self.namedCPUProblem(slot.pointee.kind, declared: summary.config.declaredCPUCount)
        {
            return malformed(number, bytes(), problem)
        }
        summary.eventLines &+= 1
        account(line: slot.pointee.line, cpu: cpu, timeNs: slot.pointee.timeNs)
        slotsUsed &+= 1
        return true
    }

    /// Commits the slots used and asks the consumer for new ones.
    @inline(never)
    mutating func refillSlots<Consumer: TraceConsumer>(consumer: inout Consumer) {
        if slots.count > 0 { consumer.commitSlots(slotsUsed) }
        slotsUsed = 0
        slots = consumer.eventSlots()
    }

    /// Commits the slots used and gives up the rest: before any other call to the consumer.
    @inline(never)
    mutating func commitSlots<Consumer: TraceConsumer>(consumer: inout Consumer) {
        if slots.count > 0 { consumer.commitSlots(slotsUsed) }
        slotsUsed = 0
        slots = UnsafeMutableBufferPointer(start: nil, count: 0)
    }

    /// Checks an event's CPU and time, then hands it on.
    @inline(__always)
    mutating func deliver<Consumer: TraceConsumer>(_ event: Event, consumer: inout Consumer) {
        if !begun { begin(consumer: &consumer) }
        if slots.count > 0 { commitSlots(consumer: &consumer) }
        account(line: event.line, cpu: event.cpu, timeNs: event.timeNs)
        consumer.consume(event)
    }

    /// Counts an event and checks its time against the CPU's last.
    @inline(__always)
    mutating func account(line: Int, cpu: Int, timeNs: Int64) {
        summary.events &+= 1  // counters and the tolerance below: no overflow checks
        if cpu > summary.highestCPU { summary.highestCPU = cpu }
        let last = lastTimeByCPU.exchange(cpu, timeNs)
        // docs/trace-format.md "Event lines": back from the previous event on this CPU
        if last != Int64.min && timeNs < last &- TraceLimits.backwardsToleranceNs {
            warn("line \(line): cpu\(cpu) time goes back from \(seconds(last)) to \(seconds(timeNs))")
        }
    }

    mutating func begin<Consumer: TraceConsumer>(consumer: inout Consumer) {
        begun = true
        options.override(&config)
        cpuLimit = min(config.declaredCPUCount ?? TraceLimits.maxCPUs, TraceLimits.maxCPUs)
        parser.signalNumbering = config.signalNumbering
        summary.config = config
        consumer.begin(config: config)
    }

    mutating func lost(_ number: Int, cpu: Int?, count: Int?) {
        summary.noteLostEvents(line: number, cpu: cpu, count: count)
    }

    /// Counts a warning; its text is only made for the first 100, which are kept.
    mutating func warn(_ message: @autoclosure () -> String) {
        summary.warningCount += 1
        if summary.warnings.count < 100 { summary.warnings.append(message()) }
    }

    mutating func malformed(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ reason: String) -> Bool {
        summary.malformedCount += 1
        // The excerpt (a `String`) only for a line that is kept or stops the read.
        guard summary.malformed.count < options.maxReportedMalformed || options.strict else { return true }
        let excerpt = bytes.string(0..<min(bytes.count, 80))
        let record = MalformedLine(line: number, excerpt: excerpt, reason: reason)
        if summary.malformed.count < options.maxReportedMalformed { summary.malformed.append(record) }
        if options.strict {
            summary.strictStop = record
            return false
        }
        return true
    }

    /// The unfinished line where reading stopped (broken stream, --max-bytes): malformed, but not a `--strict` stop
    /// (the stream error is what stopped reading).
    mutating func cutOff(_ number: Int, _ prefix: [UInt8], length: Int) {
        summary.malformedCount += 1
        let record = MalformedLine(
            line: number, excerpt: String(decoding: prefix, as: UTF8.self),
            reason: "cut off where reading stopped (\(length) bytes)")
        if summary.malformed.count < options.maxReportedMalformed { summary.malformed.append(record) }
    }

    mutating func finish<Consumer: TraceConsumer>(consumer: inout Consumer) {
        commitSlots(consumer: &consumer)
        if !begun { begin(consumer: &consumer) }
        summary.inputFormat = parser.format
        summary.linuxCapture = parser.sawLinuxCapture || config.otherHeaders["tracer"] != nil
    }
}

/// The last event time per CPU, for the time-goes-back warning: a fixed table
/// for the CPUs a trace can have (no array uniqueness check per event), grown
/// only for a CPU beyond them.
final class CPUTimes {
    private var times: UnsafeMutablePointer<Int64>
    private var capacity: Int

    init(capacity: Int = TraceLimits.maxCPUs) {
        self.capacity = capacity
        times = .allocate(capacity: capacity)
        times.initialize(repeating: Int64.min, count: capacity)
    }

    deinit { times.deallocate() }

    /// Stores `time` for `cpu` and returns the time stored before (`Int64.min`: none).
    @inline(__always)
    func exchange(_ cpu: Int, _ time: Int64) -> Int64 {
        if cpu >= capacity { grow(to: cpu + 1) }
        let last = times[cpu]
        times[cpu] = time
        return last
    }

    private func grow(to count: Int) {
        let grown = UnsafeMutablePointer<Int64>.allocate(capacity: count)
        grown.moveInitialize(from: times, count: capacity)
        (grown + capacity).initialize(repeating: Int64.min, count: count - capacity)
        times.deallocate()
        times = grown
        capacity = count
    }
}
