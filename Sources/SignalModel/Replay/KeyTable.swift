/// A key of a `KeyTable`: small plain values with a cheap hash.
protocol TableKey: Hashable {
    /// Mixed bits of the key (the table takes the high ones).
    var tableHash: UInt64 { get }
}

extension Int32: TableKey {
    var tableHash: UInt64 { UInt64(UInt32(bitPattern: self)) &* 0x9E37_79B9_7F4A_7C15 }
}

/// Processes by pid.
typealias PidTable<Value> = KeyTable<Int32, Value>

/// A hash map for the signal model's small keys (pids, (pid, signal) pairs):
/// open addressing, linear probing.
///
/// Why not `Dictionary`: the signal replay looks its processes up several times per
/// signal event (`learn`, `settle`, `userret`, `wait`) and the rules their records
/// per (pid, signal), and `Dictionary` hashes every lookup through SipHash — ≈ 130
/// instructions each, most of the signal lane's cost (docs/performance.md, "Round
/// 7"). A multiply-and-shift spreads these keys well enough. Deletion shifts the
/// following entries back (no tombstones), as in `TLBModel.PageTable`. Iteration
/// order is unspecified; `==` and `hash(into:)` do not depend on it (`explore`
/// compares kernel states).
struct KeyTable<Key: TableKey, Value> {
    /// The key in each slot, nil for none: probing reads only this array
    /// (testing `values[slot] != nil` copied the value out).
    private var keys: [Key?] = []
    private var values: [Value?] = []
    private(set) var count = 0
    private var mask = -1

    init() {}

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func home(_ key: Key, mask: Int) -> Int {
        Int(truncatingIfNeeded: key.tableHash >> 32) & mask
    }

    /// The slot holding `key`, or nil.
    @inline(__always)
    private func find(_ key: Key) -> Int? {
        guard count > 0 else { return nil }
        var slot = Self.home(key, mask: mask)
        while let found = keys[slot] {
            if found == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    /// The value of `key`; setting nil removes it. `_modify` mutates the stored
    /// value in place (no copy-on-write of what it holds).
    subscript(key: Key) -> Value? {
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

    /// Stores `value` for `key` (a method: the subscript's `_modify` coroutine
    /// allocated its frame on each call).
    @inline(__always)
    mutating func set(_ value: Value, for key: Key) {
        if let slot = find(key) {
            values[slot] = value
        } else {
            insertNew(key, value)
        }
    }

    /// Runs `body` on the value of `key` in place; nil when `key` is absent.
    @inline(__always)
    @discardableResult
    mutating func modify<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        guard let slot = find(key) else { return nil }
        return body(&values[slot]!)
    }

    /// Runs `body` on the value of `key` in place, inserting `make()` first when absent.
    @inline(__always)
    mutating func update<R>(_ key: Key, default make: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let slot = find(key) ?? insertNew(key, make())
        return body(&values[slot]!)
    }

    /// Inserts a key known to be absent; returns its slot.
    @discardableResult
    private mutating func insertNew(_ key: Key, _ value: Value) -> Int {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        var slot = Self.home(key, mask: mask)
        while keys[slot] != nil { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
        return slot
    }

    mutating func remove(_ key: Key) {
        guard let slot = find(key) else { return }
        removeSlot(slot)
    }

    /// Backward-shift deletion: later entries of the probe run move up.
    private mutating func removeSlot(_ removed: Int) {
        var hole = removed
        var slot = (removed + 1) & mask
        keys[hole] = nil
        values[hole] = nil
        while let key = keys[slot] {
            let home = Self.home(key, mask: mask)
            // Move the entry into the hole unless its home lies cyclically in (hole, slot].
            if (slot - home) & mask >= (slot - hole) & mask {
                keys[hole] = key
                keys[slot] = nil
                values.swapAt(hole, slot)
                hole = slot
            }
            slot = (slot + 1) & mask
        }
        count -= 1
    }

    mutating func removeAll() {
        self = KeyTable()
    }

    private mutating func grow() {
        let capacity = Swift.max(8, keys.count * 2)
        let oldKeys = keys
        var oldValues = values
        keys = Array(repeating: nil, count: capacity)
        values = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        count = 0
        for index in oldKeys.indices {
            if let key = oldKeys[index] { insertNew(key, oldValues[index].take()!) }
        }
    }

    /// Every key, in no particular order.
    var allKeys: [Key] {
        var result: [Key] = []
        result.reserveCapacity(count)
        for key in keys {
            if let key { result.append(key) }
        }
        return result
    }

    /// Every (key, value) pair, in no particular order.
    var entries: [(key: Key, value: Value)] {
        var result: [(key: Key, value: Value)] = []
        result.reserveCapacity(count)
        for index in keys.indices {
            if let key = keys[index] { result.append((key, values[index]!)) }
        }
        return result
    }

    /// The first key (in slot order) that satisfies `belongs`, without building an array.
    func firstKey(where belongs: (Key) -> Bool) -> Key? {
        guard count > 0 else { return nil }
        for key in keys {
            if let key, belongs(key) { return key }
        }
        return nil
    }

    /// Removes every entry whose key satisfies `drop`.
    mutating func removeAll(where drop: (Key) -> Bool) {
        for key in allKeys where drop(key) { remove(key) }
    }

    /// The entries as a `Dictionary` (for fingerprints and tests).
    var dictionary: [Key: Value] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
    }
}

extension KeyTable: Sendable where Key: Sendable, Value: Sendable {}

extension KeyTable: Equatable where Value: Equatable {
    static func == (lhs: KeyTable, rhs: KeyTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.entries {
            guard let slot = rhs.find(key), rhs.values[slot] == value else { return false }
        }
        return true
    }
}

extension KeyTable: Hashable where Value: Hashable {
    /// Order-independent: a sum of each entry's own hash.
    func hash(into hasher: inout Hasher) {
        var sum = 0
        for (key, value) in entries {
            var entry = Hasher()
            entry.combine(key)
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
