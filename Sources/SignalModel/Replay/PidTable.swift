/// A hash map keyed by pid (`Int32`): open addressing, linear probing.
///
/// Why not `Dictionary`: the signal replay looks its processes up several times per
/// signal event (`learn`, `settle`, `userret`, `wait`), and `Dictionary` hashes every
/// lookup through SipHash — ≈ 130 instructions per lookup, most of the kernel
/// model's cost (docs/performance.md, "Round 7"). A multiply-and-shift spreads pids
/// well enough. Deletion shifts the following entries back (no tombstones), as in
/// `TLBModel.PageTable`. Iteration order is unspecified; `==` and `hash(into:)` do
/// not depend on it (`explore` compares kernel states).
struct PidTable<Value> {
    private var keys: [Int32] = []
    private var values: [Value?] = []
    private(set) var count = 0
    private var mask = -1

    init() {}

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func home(_ key: Int32, mask: Int) -> Int {
        let mixed = UInt64(UInt32(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    /// The slot holding `key`, or nil.
    @inline(__always)
    private func find(_ key: Int32) -> Int? {
        guard count > 0 else { return nil }
        var slot = Self.home(key, mask: mask)
        while values[slot] != nil {
            if keys[slot] == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    func contains(_ key: Int32) -> Bool { find(key) != nil }

    /// The value of `key`; setting nil removes it. `_modify` mutates the stored
    /// value in place (no copy-on-write of what it holds).
    subscript(key: Int32) -> Value? {
        get {
            guard let slot = find(key) else { return nil }
            return values[slot]
        }
        _modify {
            if let slot = find(key) {
                var value: Value? = nil
                swap(&value, &values[slot])
                defer {
                    if value != nil {
                        swap(&value, &values[slot])
                    } else {
                        removeSlot(slot)
                    }
                }
                yield &value
            } else {
                var value: Value? = nil
                defer { if let value { insertNew(key, value) } }
                yield &value
            }
        }
    }

    /// `body` applied to the value of `key`, without copying it; nil when `key` is absent.
    @inline(__always)
    func read<R>(_ key: Int32, _ body: (Value) -> R) -> R? {
        guard let slot = find(key) else { return nil }
        return values.withUnsafeBufferPointer { body($0[slot]!) }
    }

    /// Runs `body` on the value of `key` in place; nil when `key` is absent.
    @inline(__always)
    mutating func modify<R>(_ key: Int32, _ body: (inout Value) -> R) -> R? {
        guard let slot = find(key) else { return nil }
        return body(&values[slot]!)
    }

    /// Runs `body` on the value of `key` in place, inserting `make()` first when absent.
    @inline(__always)
    mutating func update<R>(_ key: Int32, default make: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let slot = find(key) ?? insertNew(key, make())
        return body(&values[slot]!)
    }

    /// Inserts a key known to be absent; returns its slot.
    @discardableResult
    private mutating func insertNew(_ key: Int32, _ value: Value) -> Int {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        var slot = Self.home(key, mask: mask)
        while values[slot] != nil { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
        return slot
    }

    mutating func remove(_ key: Int32) {
        guard let slot = find(key) else { return }
        removeSlot(slot)
    }

    /// Backward-shift deletion: later entries of the probe run move up.
    private mutating func removeSlot(_ removed: Int) {
        var hole = removed
        var slot = (removed + 1) & mask
        values[hole] = nil
        while values[slot] != nil {
            let home = Self.home(keys[slot], mask: mask)
            // Move the entry into the hole unless its home lies cyclically in (hole, slot].
            if (slot - home) & mask >= (slot - hole) & mask {
                keys[hole] = keys[slot]
                values.swapAt(hole, slot)
                hole = slot
            }
            slot = (slot + 1) & mask
        }
        count -= 1
    }

    mutating func removeAll() {
        self = PidTable()
    }

    private mutating func grow() {
        let capacity = Swift.max(8, keys.count * 2)
        let oldKeys = keys
        var oldValues = values
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        count = 0
        for index in oldValues.indices {
            if let value = oldValues[index].take() { insertNew(oldKeys[index], value) }
        }
    }

    /// Every key, in no particular order.
    var allKeys: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        for index in values.indices where values[index] != nil { result.append(keys[index]) }
        return result
    }

    /// Every (key, value) pair, in no particular order.
    var entries: [(key: Int32, value: Value)] {
        var result: [(key: Int32, value: Value)] = []
        result.reserveCapacity(count)
        for index in values.indices {
            if let value = values[index] { result.append((keys[index], value)) }
        }
        return result
    }
}

extension PidTable: Sendable where Value: Sendable {}

extension PidTable: Equatable where Value: Equatable {
    static func == (lhs: PidTable, rhs: PidTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in lhs.values.indices {
            guard let value = lhs.values[index] else { continue }
            guard let slot = rhs.find(lhs.keys[index]), rhs.values[slot] == value else { return false }
        }
        return true
    }
}

extension PidTable: Hashable where Value: Hashable {
    /// Order-independent: a sum of each entry's own hash.
    func hash(into hasher: inout Hasher) {
        var sum = 0
        for index in values.indices {
            guard let value = values[index] else { continue }
            var entry = Hasher()
            entry.combine(keys[index])
            entry.combine(value)
            sum = sum &+ entry.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

/// A set of pids on `PidTable` (no SipHash per lookup).
struct PidSet: Hashable, Sendable {
    private var table = PidTable<Bool>()

    var isEmpty: Bool { table.isEmpty }
    func contains(_ pid: Int32) -> Bool { table.contains(pid) }
    mutating func insert(_ pid: Int32) { if !table.contains(pid) { table[pid] = true } }
    mutating func remove(_ pid: Int32) { table.remove(pid) }
    /// The pids, ascending.
    var sorted: [Int32] { table.allKeys.sorted() }
}
