/// A read's state and its consumer as the `LineSink` of `LineReader`.
struct ReadSink<Consumer: TraceConsumer>: LineSink {
    var state: ReadState
    let consumer: UnsafeMutablePointer<Consumer>

    mutating func take(_ number: Int, _ line: LineReader.Line) -> Bool {
        state.handle(number, line, consumer: &consumer.pointee)
    }

    mutating func blockParser() -> BlockParser? { state.blockParser() }

    mutating func merge(_ block: ParsedBlock, lineBase: Int) -> Int? {
        state.merge(block, lineBase: lineBase, consumer: &consumer.pointee)
    }
}

extension ReadState {
    /// The parser for worker threads, once the trace has begun and the hot path reads
    /// its format (round 9 of docs/performance.md): from then on `hotEvent` depends
    /// only on state that no longer changes.
    func blockParser() -> BlockParser? {
        guard begun, let format = parser.format, format != .babeltrace else { return nil }
        return BlockParser(parser: parser, cpuLimit: cpuLimit, declaredCPUs: summary.config.declaredCPUCount)
    }

    /// A block's lines in file order: its events with the checks `handle` makes of a
    /// hot-path event, its other lines through `handle` itself. Nil, or the number of the
    /// line that stops the read (`--strict`).
    mutating func merge<Consumer: TraceConsumer>(_ block: ParsedBlock, lineBase: Int, consumer: inout Consumer)
        -> Int?
    {
        let others = block.others
        var next = 0
        let events = block.events
        for index in 0..<block.eventCount {
            let line = events[index].line
            while next < others.count && Int(others[next].line) < line {
                if !take(others[next], of: block, lineBase: lineBase, consumer: &consumer) {
                    return lineBase &+ Int(others[next].line)
                }
                next &+= 1
            }
            let number = lineBase &+ line
            let event = events + index
            if slotsUsed == slots.count { refillSlots(consumer: &consumer) }
            if slotsUsed < slots.count {
                let slot = slots.baseAddress! + slotsUsed
                // Plain data: a copy of its bytes (no outlined value-witness copy).
                UnsafeMutableRawPointer(slot).copyMemory(from: event, byteCount: MemoryLayout<Event>.size)
                slot.pointee.line = number
                slotsUsed &+= 1
                account(line: number, cpu: slot.pointee.cpu, timeNs: slot.pointee.timeNs)
            } else {
                var copy = event.pointee
                copy.line = number
                deliver(copy, consumer: &consumer)
            }
            // The worker made `deliverSlot`'s checks; what is left depends on the events before.
            summary.eventLines &+= 1
        }
        while next < others.count {
            if !take(others[next], of: block, lineBase: lineBase, consumer: &consumer) {
                return lineBase &+ Int(others[next].line)
            }
            next &+= 1
        }
        return nil
    }

    private mutating func take<Consumer: TraceConsumer>(
        _ other: ParsedBlock.OtherLine, of block: ParsedBlock, lineBase: Int, consumer: inout Consumer
    ) -> Bool {
        let number = lineBase &+ Int(other.line)
        switch other.kind {
        case .text: return handle(number, .text(block.bytes(of: other)), consumer: &consumer)
        case .overlong:
            return handle(
                number, .overlong(length: Int(other.length), prefix: block.bytes(of: other)), consumer: &consumer)
        case .empty: return handle(number, .empty(count: Int(other.length)), consumer: &consumer)
        }
    }
}
