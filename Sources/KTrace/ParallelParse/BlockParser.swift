#if canImport(Glibc)
    import Glibc
#endif

/// The parse of a block of whole lines on a worker thread (round 9 of docs/performance.md).
///
/// Each line goes through the hot path (`InputFormatParser.hotEvent`), which depends
/// only on state frozen when the trace began, and through the checks the reading
/// thread makes of a hot-path event that depend only on the headers (the CPU limits).
/// Whatever that does not settle — a line the hot path does not read, an event that
/// fails a check, every empty or overlong line — is left for the reading thread,
/// which handles it in file order with the one stateful parser and its messages.
struct BlockParser {
    /// The ftrace-layout parser (`InputFormatParser.lineParser`: the hot path reads no other format).
    var parser: LineParser
    /// CPUs at or above this fail the check (`ReadState.cpuLimit`).
    let cpuLimit: Int
    /// The headers' CPU count, for shootdown targets.
    let declaredCPUs: Int?
    var maxLineLength = TraceLimits.defaultMaxLineLength

    /// Parses `bytes` (whole lines, the last ending with `\n`) into `block`.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, into block: ParsedBlock) {
        block.reset(bytes)
        guard let base = bytes.baseAddress else { return }
        let end = bytes.count
        let maxLineLength = maxLineLength
        // The block's event count and room in locals: no loads from the block per line.
        var events = block.events
        var room = block.eventCapacity
        var count = 0
        var start = 0
        var line = 0
        while start < end {
            if base[start] == 0x0a || base[start] == 0x0d {
                // As `LineReader.split`: a run of empty lines at once.
                let (empty, next) = LineReader.emptyLines(bytes, from: start)
                if empty > 0 {
                    line &+= empty
                    block.leave(.empty, line: line, start: start, length: empty, eventsBefore: count)
                    start = next
                    continue
                }
            }
            // The block ends with `\n`: there is always one.
            let newline = memchr(base + start, 0x0a, end &- start)!
            let lineEnd = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            line &+= 1
            var length = lineEnd &- start
            if length > maxLineLength {
                block.leave(.overlong, line: line, start: start, length: length, eventsBefore: count)
            } else {
                if length > 0 && base[lineEnd &- 1] == 0x0d { length &-= 1 }
                if count == room {
                    block.grow(keeping: count)
                    events = block.events
                    room = block.eventCapacity
                }
                let slot = events + count
                if parser.hotEvent(UnsafeBufferPointer(start: base + start, count: length), line: line, into: slot),
                    passesChecks(slot)
                {
                    count &+= 1
                } else {
                    block.leave(.text, line: line, start: start, length: length, eventsBefore: count)
                }
            }
            start = lineEnd &+ 1
        }
        block.finish(lineCount: line, eventCount: count)
    }
    /// The checks of `ReadState.deliverSlot` that the headers decide.
    @inline(__always)
    private func passesChecks(_ event: UnsafeMutablePointer<Event>) -> Bool {
        if event.pointee.cpu >= cpuLimit { return false }
        // Of the kinds the hot path makes, only a shootdown IPI names other CPUs.
        if case .shootdownIPI = event.pointee.kind {
            return ReadState.namedCPUProblem(event.pointee.kind, declared: declaredCPUs) == nil
        }
        return true
    }
}
