#if canImport(Glibc)
    import Glibc
#endif

/// A run of whole lines cut from an inflated buffer and what a `BlockParser` made of
/// them on a worker thread: events, and the lines left to the reading thread.
///
/// Line numbers here count from 1 within the block: the reading thread knows where
/// the block starts only when it merges it.
final class ParsedBlock: @unchecked Sendable {
    /// The block's bytes: whole lines, the last ending with `\n`. Borrowed from the
    /// inflater's buffer, which is not given back before the block is merged.
    var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Events the hot path built, in line order (`line` relative to the block).
    private(set) var events: UnsafeMutablePointer<Event>
    /// Where each event's line starts in `bytes` (for a malformed-line excerpt).
    private(set) var eventStarts: UnsafeMutablePointer<Int32>
    private(set) var eventCount = 0
    private var eventCapacity: Int
    /// The lines the hot path did not read, in line order.
    private(set) var others: [OtherLine] = []
    /// Lines in the block.
    private(set) var lineCount = 0

    /// A line left to the reading thread.
    struct OtherLine {
        enum Kind: UInt8 {
            /// A line of text the hot path did not read (`start`, `length`, without a `\r`).
            case text
            /// A line longer than the limit (`length` is its length).
            case overlong
            /// `length` empty lines in a row ending at `line`.
            case empty
        }
        var line: Int32
        var kind: Kind
        var start: Int32
        var length: Int32
        /// Events in the block before this line: the merge hands them on as one run.
        var eventsBefore: Int32
    }

    init(eventCapacity: Int = 8192) {
        self.eventCapacity = eventCapacity
        events = .allocate(capacity: eventCapacity)
        eventStarts = .allocate(capacity: eventCapacity)
    }

    deinit {
        // `Event` is plain data: nothing to deinitialize.
        events.deallocate()
        eventStarts.deallocate()
    }

    /// Empties the block for new `bytes`.
    func reset(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        eventCount = 0
        lineCount = 0
        others.removeAll(keepingCapacity: true)
    }

    /// Room for the next event (commit it with `commitEvent`).
    @inline(__always)
    func nextEventSlot() -> UnsafeMutablePointer<Event> {
        if eventCount == eventCapacity { grow() }
        return events + eventCount
    }

    /// The event built in `nextEventSlot()` counts, its line starting at `start`.
    @inline(__always)
    func commitEvent(lineStart start: Int) {
        eventStarts[eventCount] = Int32(start)
        eventCount &+= 1
    }

    /// A line left to the reading thread.
    @inline(__always)
    func leave(_ kind: OtherLine.Kind, line: Int, start: Int, length: Int) {
        others.append(
            OtherLine(
                line: Int32(line), kind: kind, start: Int32(start), length: Int32(length),
                eventsBefore: Int32(eventCount)))
    }

    /// All lines are parsed: `count` of them.
    func finish(lineCount count: Int) { lineCount = count }

    private func grow() {
        let capacity = eventCapacity * 2
        let grownEvents = UnsafeMutablePointer<Event>.allocate(capacity: capacity)
        grownEvents.moveInitialize(from: events, count: eventCount)
        events.deallocate()
        events = grownEvents
        let grownStarts = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        grownStarts.moveInitialize(from: eventStarts, count: eventCount)
        eventStarts.deallocate()
        eventStarts = grownStarts
        eventCapacity = capacity
    }

    /// The bytes of a line that starts at `start` (up to its `\n`, without a `\r`).
    func lineBytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        let base = bytes.baseAddress! + start
        let newline = memchr(base, 0x0a, bytes.count - start)!
        var length = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
        if length > 0 && base[length - 1] == 0x0d { length -= 1 }
        return UnsafeBufferPointer(start: base, count: length)
    }

    /// The bytes of an `OtherLine` of kind `.text`, or the first 80 of an `.overlong` one.
    func bytes(of other: OtherLine) -> UnsafeBufferPointer<UInt8> {
        let count = other.kind == .overlong ? min(Int(other.length), 80) : Int(other.length)
        return UnsafeBufferPointer(start: bytes.baseAddress! + Int(other.start), count: count)
    }
}
