/// A set of signal numbers: a bit per signal 0…63, an ascending array for any other.
///
/// Why not `Set<Int32>`: an LWP's pending set is read and written on every signal
/// it takes (`min`, `remove`, `insert`), and `Set` hashes each through SipHash.
/// Each number has one place, so the synthesized `==` is set equality.
struct SignalSet: Hashable, Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt64 = 0
    /// Numbers outside 0…63 (not NetBSD or Linux signals, but a trace may say them).
    private var others: [Int32] = []

    init() {}

    init(arrayLiteral elements: Int32...) {
        for element in elements { insert(element) }
    }

    var isEmpty: Bool { bits == 0 && others.isEmpty }

    @inline(__always)
    private static func bit(_ signal: Int32) -> UInt64? {
        signal >= 0 && signal < 64 ? 1 << UInt64(signal) : nil
    }

    func contains(_ signal: Int32) -> Bool {
        if let bit = Self.bit(signal) { return bits & bit != 0 }
        return others.contains(signal)
    }

    mutating func insert(_ signal: Int32) {
        if let bit = Self.bit(signal) {
            bits |= bit
        } else if !others.contains(signal) {
            others.insert(signal, at: others.firstIndex { $0 > signal } ?? others.count)
        }
    }

    /// Removes `signal`; returns it when it was in the set.
    @discardableResult
    mutating func remove(_ signal: Int32) -> Int32? {
        if let bit = Self.bit(signal) {
            guard bits & bit != 0 else { return nil }
            bits &= ~bit
            return signal
        }
        guard let index = others.firstIndex(of: signal) else { return nil }
        others.remove(at: index)
        return signal
    }

    /// The lowest number in the set.
    func min() -> Int32? {
        let low = bits == 0 ? nil : Int32(bits.trailingZeroBitCount)
        guard let first = others.first else { return low }
        guard let low else { return first }
        return Swift.min(low, first)
    }
}
