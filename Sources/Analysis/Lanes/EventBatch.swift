import KTrace

/// A fixed-capacity run of events handed from the reading thread to the lanes.
///
/// The reader builds events straight into its free room (`TraceConsumer.eventSlots`,
/// round 8 of docs/performance.md), so an event is written once on its way to the
/// models. `Event` is plain data: nothing to deinitialize, only the memory to free.
/// Filled on one thread, then only read (by every lane) once pushed.
final class EventBatch: @unchecked Sendable {
    let base: UnsafeMutablePointer<Event>
    let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    /// The events so far.
    var events: UnsafeBufferPointer<Event> { UnsafeBufferPointer(start: base, count: count) }

    /// The room after the events.
    var free: UnsafeMutableBufferPointer<Event> {
        UnsafeMutableBufferPointer(start: base + count, count: capacity - count)
    }

    @inline(__always)
    func append(_ event: Event) {
        (base + count).initialize(to: event)
        count += 1
    }

    /// The first `added` events of `free` were written.
    func commit(_ added: Int) {
        precondition(added >= 0 && count + added <= capacity, "more events committed than slots")
        count += added
    }
}
