import Foundation
import Testing

@testable import KTrace

/// The reader building events in a consumer's slots (`TraceConsumer.eventSlots`, round 8 of
/// docs/performance.md) hands on the same events, in the same order, with the same summary as
/// the plain `consume(_:)` path.
@Suite struct EventSlotTests {
    /// Keeps every event, handing out a few slots at a time so that refills, and events that
    /// come through `consume(_:)` between slots, happen often.
    struct SlotCollector: TraceConsumer {
        var events: [String] = []
        let room: UnsafeMutableBufferPointer<Event>
        var handedOut = 0

        init(room: Int) { self.room = .allocate(capacity: room) }

        mutating func begin(config: TraceConfig) {}
        mutating func consume(_ event: Event) {
            #expect(handedOut == 0, "consume(_:) with slots outstanding")
            events.append("\(event)")
        }

        mutating func eventSlots() -> UnsafeMutableBufferPointer<Event> {
            #expect(handedOut == 0, "slots asked for twice")
            handedOut = room.count
            return room
        }

        mutating func commitSlots(_ count: Int) {
            #expect(count <= handedOut)
            events += room[0..<count].map { "\($0)" }
            handedOut = 0
        }
    }

    private func compare(bytes: [UInt8], room: Int) throws {
        var plain = EventCollector()
        let plainSummary = try TraceReader(bytes: bytes, name: "t").read(into: &plain)
        var slotted = SlotCollector(room: room)
        defer { slotted.room.deallocate() }
        let slottedSummary = try TraceReader(bytes: bytes, name: "t").read(into: &slotted)
        #expect(slotted.events == plain.events.map { "\($0)" })
        #expect("\(slottedSummary)" == "\(plainSummary)")
    }

    @Test(arguments: [1, 3, 2048])
    func committedTraceAgrees(room: Int) throws {
        let bytes = try [UInt8](
            Data(contentsOf: Fixtures.repository.appendingPathComponent("traces/mixed-8cpu.trace.gz")))
        try compare(bytes: bytes, room: room)
    }

    @Test(arguments: [1, 2, 5])
    func mixedLinesAgree(room: Int) throws {
        let event = "          <idle>-0       [001] d..1.    10.000105: pmap_update: pmap=kernel"
        let lines = [
            "# machine: cpus=2", event, event, "# a comment", "",
            "          <idle>-0       [003] d..1.    10.000106: pmap_update: pmap=kernel",
            "garbage line", event,
            "    sh-12  [000]  10.000200: idle_enter:", event,
            "          <idle>-0       [001] d..1.     9.000105: pmap_update: pmap=kernel",
            "          <idle>-0       [001] d..1.    10.000107: no_such_event: x=1", event,
        ]
        try compare(bytes: Array(lines.joined(separator: "\n").utf8), room: room)
    }
}
