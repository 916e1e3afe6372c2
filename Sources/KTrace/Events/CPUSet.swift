/// A set of CPU numbers below `CPUSet.capacity`, stored inline.
///
/// Shootdown targets are sets carried by every IPI event and kept per page by
/// the TLB model: the set is plain data (four words, no allocation, no
/// reference counting) so that events copy as `memcpy`. The reader rejects CPU
/// numbers at or above the capacity (`TraceLimits.maxCPUs`); a set still
/// remembers the highest such number inserted (`maximum`), so that a check on
/// a decoded set cannot miss one. Only `maximum` sees it: membership, `count`,
/// `isEmpty`, `==` and hashing are about the CPUs kept (the reader drops a line
/// whose set went beyond, so models never meet one).
public struct CPUSet: Hashable, Sendable, Sequence, CustomStringConvertible {
    /// CPUs a set can hold: 0 ..< 256 (NetBSD/amd64's `MAXCPUS`).
    public static let capacity = 256

    // Inlinable (with their storage) so that the TLB model's per-event set work is not a
    // call into this module each time (docs/performance.md, round 7).
    @usableFromInline var w0: UInt64 = 0
    @usableFromInline var w1: UInt64 = 0
    @usableFromInline var w2: UInt64 = 0
    @usableFromInline var w3: UInt64 = 0
    /// The highest CPU at or above `capacity` ever inserted, or -1.
    @usableFromInline var beyondCapacity: Int32 = -1

    @inlinable public init() {}

    public init<S: Sequence>(_ cpus: S) where S.Element == Int {
        for cpu in cpus { insert(cpu) }
    }

    /// A set from a hex bit mask (`mask=0xe` → cpus 1, 2, 3).
    public init(mask: UInt64) { w0 = mask }

    @inlinable @inline(__always) func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: return w0
        case 1: return w1
        case 2: return w2
        default: return w3
        }
    }

    private mutating func update(_ index: Int, _ change: (inout UInt64) -> Void) {
        switch index {
        case 0: change(&w0)
        case 1: change(&w1)
        case 2: change(&w2)
        default: change(&w3)
        }
    }

    @inlinable public var isEmpty: Bool { (w0 | w1 | w2 | w3) == 0 }

    @inlinable public var count: Int {
        w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount
    }

    @inlinable @inline(__always) public func contains(_ cpu: Int) -> Bool {
        guard cpu >= 0 && cpu < Self.capacity else { return false }
        return word(cpu >> 6) & (1 << UInt64(cpu & 63)) != 0
    }

    /// Adds `cpu`; a number at or above `capacity` is not kept, only noted in `maximum`.
    @inlinable @inline(__always) public mutating func insert(_ cpu: Int) {
        guard cpu >= 0 else { return }
        guard cpu < Self.capacity else { return noteBeyondCapacity(cpu) }
        let bit: UInt64 = 1 << UInt64(cpu & 63)
        switch cpu >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    @usableFromInline mutating func noteBeyondCapacity(_ cpu: Int) {
        beyondCapacity = Int32(clamping: Swift.max(Int(beyondCapacity), cpu))
    }

    /// Inserts every CPU of `range`, a word at a time.
    public mutating func insert(range: ClosedRange<Int>) {
        var cpu = Swift.max(range.lowerBound, 0)
        if range.upperBound >= Self.capacity { insert(range.upperBound) }
        let last = Swift.min(range.upperBound, Self.capacity - 1)
        while cpu <= last {
            if cpu & 63 == 0 && last - cpu >= 63 {
                update(cpu >> 6) { $0 = ~0 }
                cpu += 64
            } else {
                insert(cpu)
                cpu += 1
            }
        }
    }

    @inlinable @inline(__always) public mutating func remove(_ cpu: Int) {
        guard cpu >= 0 && cpu < Self.capacity else { return }
        let mask: UInt64 = ~(1 << UInt64(cpu & 63))
        switch cpu >> 6 {
        case 0: w0 &= mask
        case 1: w1 &= mask
        case 2: w2 &= mask
        default: w3 &= mask
        }
    }

    /// The highest CPU number in the set (or inserted beyond the capacity), nil when empty.
    public var maximum: Int? {
        if beyondCapacity >= 0 { return Int(beyondCapacity) }
        for index in stride(from: 3, through: 0, by: -1) where word(index) != 0 {
            return index * 64 + 63 - word(index).leadingZeroBitCount
        }
        return nil
    }

    @inlinable public static func == (lhs: CPUSet, rhs: CPUSet) -> Bool {
        lhs.w0 == rhs.w0 && lhs.w1 == rhs.w1 && lhs.w2 == rhs.w2 && lhs.w3 == rhs.w3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0)
        hasher.combine(w1)
        hasher.combine(w2)
        hasher.combine(w3)
    }

    /// Adds every CPU of `other` (not `other`'s `maximum` beyond the capacity).
    @inlinable public mutating func formUnion(_ other: CPUSet) {
        w0 |= other.w0
        w1 |= other.w1
        w2 |= other.w2
        w3 |= other.w3
    }

    /// The CPUs of both sets (`maximum` beyond the capacity stays this set's).
    @inlinable public func intersection(_ other: CPUSet) -> CPUSet {
        var result = self
        result.w0 &= other.w0
        result.w1 &= other.w1
        result.w2 &= other.w2
        result.w3 &= other.w3
        return result
    }

    /// This set's CPUs that are not in `other`.
    @inlinable public func subtracting(_ other: CPUSet) -> CPUSet {
        var result = self
        result.w0 &= ~other.w0
        result.w1 &= ~other.w1
        result.w2 &= ~other.w2
        result.w3 &= ~other.w3
        return result
    }

    /// This set's CPUs and `other`'s (not `other`'s `maximum` beyond the capacity).
    @inlinable public func union(_ other: CPUSet) -> CPUSet {
        var result = self
        result.formUnion(other)
        return result
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(set: self) }

    /// Walks the set bits in ascending order, without allocating.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let set: CPUSet
        @usableFromInline var word: UInt64
        @usableFromInline var index = 0

        @inlinable init(set: CPUSet) {
            self.set = set
            word = set.w0
        }

        @inlinable public mutating func next() -> Int? {
            while word == 0 {
                guard index < 3 else { return nil }
                index += 1
                word = set.word(index)
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
