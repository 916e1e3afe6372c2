/// A set of CPU numbers, stored inline for machines up to 64 CPUs.
///
/// Shootdown targets are sets; most machines have few CPUs, so the common case
/// must not allocate.
public struct CPUSet: Hashable, Sendable, Sequence, CustomStringConvertible {
    /// CPUs 0...63.
    private var low: UInt64 = 0
    /// Words for CPUs 64 and up; empty on small machines.
    private var high: [UInt64] = []

    public init() {}

    public init<S: Sequence>(_ cpus: S) where S.Element == Int {
        for cpu in cpus { insert(cpu) }
    }

    /// A set from a hex bit mask (`mask=0xe` → cpus 1, 2, 3).
    public init(mask: UInt64) { low = mask }

    public var isEmpty: Bool { low == 0 && high.allSatisfy { $0 == 0 } }

    public var count: Int {
        low.nonzeroBitCount + high.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    public func contains(_ cpu: Int) -> Bool {
        guard cpu >= 0 else { return false }
        if cpu < 64 { return low & (1 << UInt64(cpu)) != 0 }
        let word = cpu / 64 - 1
        guard word < high.count else { return false }
        return high[word] & (1 << UInt64(cpu % 64)) != 0
    }

    public mutating func insert(_ cpu: Int) {
        guard cpu >= 0 else { return }
        if cpu < 64 {
            low |= 1 << UInt64(cpu)
            return
        }
        let word = cpu / 64 - 1
        if word >= high.count { high.append(contentsOf: repeatElement(0, count: word - high.count + 1)) }
        high[word] |= 1 << UInt64(cpu % 64)
    }

    /// Inserts every CPU of `range`, a word at a time.
    public mutating func insert(range: ClosedRange<Int>) {
        var cpu = Swift.max(range.lowerBound, 0)
        while cpu <= range.upperBound {
            if cpu % 64 == 0 && range.upperBound - cpu >= 63 {
                if cpu == 0 {
                    low = ~0
                } else {
                    insert(cpu)
                    high[cpu / 64 - 1] = ~0
                }
                cpu += 64
            } else {
                insert(cpu)
                cpu += 1
            }
        }
    }

    public mutating func remove(_ cpu: Int) {
        guard cpu >= 0 else { return }
        if cpu < 64 {
            low &= ~(1 << UInt64(cpu))
            return
        }
        let word = cpu / 64 - 1
        guard word < high.count else { return }
        high[word] &= ~(1 << UInt64(cpu % 64))
    }

    /// The highest CPU number in the set, or nil when empty.
    public var maximum: Int? {
        for (index, word) in high.enumerated().reversed() where word != 0 {
            return (index + 1) * 64 + 63 - word.leadingZeroBitCount
        }
        return low == 0 ? nil : 63 - low.leadingZeroBitCount
    }

    public static func == (lhs: CPUSet, rhs: CPUSet) -> Bool {
        guard lhs.low == rhs.low else { return false }
        let width = Swift.max(lhs.high.count, rhs.high.count)
        for index in 0..<width {
            let left = index < lhs.high.count ? lhs.high[index] : 0
            let right = index < rhs.high.count ? rhs.high[index] : 0
            if left != right { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        for word in high where word != 0 { hasher.combine(word) }
    }

    public func makeIterator() -> Iterator { Iterator(low: low, high: high) }

    /// Walks the set bits in ascending order. A concrete iterator, not
    /// `AnyIterator`: that one allocated a box and an array per shootdown target loop.
    public struct Iterator: IteratorProtocol {
        private var word: UInt64
        private var index = 0
        private let high: [UInt64]

        init(low: UInt64, high: [UInt64]) {
            word = low
            self.high = high
        }

        public mutating func next() -> Int? {
            while word == 0 {
                guard index < high.count else { return nil }
                word = high[index]
                index += 1
            }
            let bit = word.trailingZeroBitCount
            word &= word - 1
            return index * 64 + bit
        }
    }

    /// `{1,2,3}` style, as messages print target sets.
    public var description: String {
        "{" + self.map(String.init).joined(separator: ",") + "}"
    }
}
