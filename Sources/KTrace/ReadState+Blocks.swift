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
        return BlockParser(
            parser: parser.lineParser, cpuLimit: cpuLimit, declaredCPUs: summary.config.declaredCPUCount)
    }

    /// A block's lines in file order: its events with the checks `handle` makes of a
    /// hot-path event, its other lines through `handle` itself. Nil, or the number of the
    /// line that stops the read (`--strict`).
    mutating func merge<Consumer: TraceConsumer>(_ block: ParsedBlock, lineBase: Int, consumer: inout Consumer)
        -> Int?
    {
        var next = 0
        // The events between two other lines go on as one run (round 10 of docs/performance.md).
        for other in block.others {
            let before = Int(other.eventsBefore)
            if next < before {
                mergeEvents(of: block, next..<before, lineBase: lineBase, consumer: &consumer)
                next = before
            }
            if !take(other, of: block, lineBase: lineBase, consumer: &consumer) {
                return lineBase &+ Int(other.line)
            }
        }
        if next < block.eventCount {
            mergeEvents(of: block, next..<block.eventCount, lineBase: lineBase, consumer: &consumer)
        }
        return nil
    }

    /// The block's events in `range`, with no other line among them: copied into the
    /// consumer's slots as many at a time as it has room for, each with its line number
    /// fixed and its CPU's time checked.
    @inline(__always)
    private mutating func mergeEvents<Consumer: TraceConsumer>(
        of block: ParsedBlock, _ range: Range<Int>, lineBase: Int, consumer: inout Consumer
    ) {
        // The worker made `deliverSlot`'s checks; what is left depends on the events before.
        summary.eventLines &+= range.count
        let events = block.events
        var index = range.lowerBound
        while index < range.upperBound {
            if slotsUsed == slots.count { refillSlots(consumer: &consumer) }
            guard slotsUsed < slots.count else {
                // A consumer without slots: one event at a time.
                var copy = events[index]
                copy.line = lineBase &+ copy.line
                deliver(copy, consumer: &consumer)
                index &+= 1
                continue
            }
            let count = min(range.upperBound &- index, slots.count &- slotsUsed)
            let first = slots.baseAddress! + slotsUsed
            for offset in 0..<count {
                let slot = first + offset
                // Plain data: a copy of its bytes (no outlined value-witness copy).
                UnsafeMutableRawPointer(slot).copyMemory(
                    from: events + (index &+ offset), byteCount: MemoryLayout<Event>.size)
                let number = lineBase &+ slot.pointee.line
                slot.pointee.line = number
                account(line: number, cpu: slot.pointee.cpu, timeNs: slot.pointee.timeNs)
            }
            slotsUsed &+= count
            index &+= count
        }
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
