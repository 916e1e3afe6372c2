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
    private(set) var eventCount = 0
    /// Room for events at `events` (`grow` makes more).
    private(set) var eventCapacity: Int
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
    }

    deinit {
        // `Event` is plain data: nothing to deinitialize.
        events.deallocate()
    }

    /// Empties the block for new `bytes`.
    func reset(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        eventCount = 0
        lineCount = 0
        others.removeAll(keepingCapacity: true)
    }

    /// A line left to the reading thread, after `eventsBefore` of the block's events.
    @inline(__always)
    func leave(_ kind: OtherLine.Kind, line: Int, start: Int, length: Int, eventsBefore: Int) {
        others.append(
            OtherLine(
                line: Int32(line), kind: kind, start: Int32(start), length: Int32(length),
                eventsBefore: Int32(eventsBefore)))
    }

    /// All lines are parsed: `lines` of them, the first `events` at `events` built.
    func finish(lineCount lines: Int, eventCount events: Int) {
        lineCount = lines
        eventCount = events
    }

    /// Twice the room for events, the first `count` kept.
    @inline(never)
    func grow(keeping count: Int) {
        let capacity = eventCapacity * 2
        let grownEvents = UnsafeMutablePointer<Event>.allocate(capacity: capacity)
        grownEvents.moveInitialize(from: events, count: count)
        events.deallocate()
        events = grownEvents
        eventCapacity = capacity
    }

    /// The bytes of an `OtherLine` of kind `.text`, or the first 80 of an `.overlong` one.
    func bytes(of other: OtherLine) -> UnsafeBufferPointer<UInt8> {
        let count = other.kind == .overlong ? min(Int(other.length), 80) : Int(other.length)
        return UnsafeBufferPointer(start: bytes.baseAddress! + Int(other.start), count: count)
    }
}
