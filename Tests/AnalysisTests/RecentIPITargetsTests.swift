import Testing

@testable import Analysis

/// The findings rows' memory of Linux IPIs stays fixed however many IPIs a capture sends.
@Suite struct RecentIPITargetsTests {
    @Test func keepsTheLastCapacityLinesAndGivesEachOnce() {
        var recent = RecentIPITargets()
        for line in 0..<(3 * RecentIPITargets.capacity) { recent.record(line: line, targets: line % 7) }
        #expect(recent.take(line: 0) == nil)
        #expect(recent.take(line: 2 * RecentIPITargets.capacity - 1) == nil)
        let last = 3 * RecentIPITargets.capacity - 1
        #expect(recent.take(line: last) == last % 7)
        #expect(recent.take(line: last) == nil)
        #expect(recent.take(line: 2 * RecentIPITargets.capacity) == (2 * RecentIPITargets.capacity) % 7)
    }
}
