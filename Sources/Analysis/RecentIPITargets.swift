/// The target counts of the last Linux flush IPIs, by line, for the findings rows: a target is
/// classed microseconds after its IPI, so a short memory suffices; the oldest entry goes past
/// ``capacity`` (an IPI whose redundant target comes later shows no initiator in its row).
struct RecentIPITargets {
    static let capacity = 4096

    private var counts: [Int: Int] = [:]
    private var order: [Int] = []
    private var oldest = 0

    /// `order` is a ring of the last ``capacity`` lines recorded (taken or not): memory stays fixed.
    mutating func record(line: Int, targets: Int) {
        if order.count >= Self.capacity {
            counts[order[oldest]] = nil
            order[oldest] = line
            oldest = (oldest + 1) % Self.capacity
        } else {
            order.append(line)
        }
        counts[line] = targets
    }

    /// The IPI's target count, once: later redundant targets of the same IPI add no row.
    mutating func take(line: Int) -> Int? {
        counts.removeValue(forKey: line)
    }
}
