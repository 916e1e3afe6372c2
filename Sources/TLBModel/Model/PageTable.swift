/// A hash map keyed by `PageKey`: open addressing, linear probing.
///
/// Why not `Dictionary`: the TLB model looks pages up several times per event
/// (a page record, a CPU's TLB entry), and `Dictionary` hashes every lookup
/// through SipHash (`Hasher`), which was ~17% of all instructions of
/// `kreplay analyze` (docs/performance.md). Page keys are two integers, so one
/// multiply-and-fold mixes them well enough. Deletion shifts the following
/// entries back (no tombstones), so the table stays sized by the live set.
/// A slot is free when its key is `PageKey.vacant` (its value is then unused):
/// probing compares keys only, and values are plain (not optional) so that a record
/// is read and changed in place, never copied out (records are large). Iteration
/// order is unspecified.
struct PageTable<Value> {
    private var keys: [PageKey]
    private var values: [Value]
    private(set) var count = 0
    private var mask: Int
    /// What a free slot's value is set to.
    private let vacantValue: Value

    init(vacant: Value) {
        keys = []
        values = []
        mask = -1
        vacantValue = vacant
    }

    var isEmpty: Bool { count == 0 }

    private static func hash(_ key: PageKey) -> Int {
        // Fibonacci hashing of the page number folded with the space.
        let mixed = ((key.va >> 12) ^ (key.space &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    /// The slot holding `key`, or nil. Read or change its value with `subscript(slot:)`
    /// until the table is next changed by key.
    @inline(__always) func slot(of key: PageKey) -> Int? {
        guard count > 0 else { return nil }
        var slot = Self.hash(key) & mask
        while true {
            let found = keys[slot]
            if found == key { return slot }
            if found == .vacant { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// The value in an occupied slot (from `slot(of:)`), read or changed in place.
    subscript(slot slot: Int) -> Value {
        get { values[slot] }
        set { values[slot] = newValue }
    }

    /// Runs `body` on the value in an occupied slot (from `slot(of:)`), in place.
    @inline(__always) mutating func modify<R>(slot: Int, _ body: (inout Value) -> R) -> R { body(&values[slot]) }

    subscript(key: PageKey) -> Value? {
        get { slot(of: key).map { values[$0] } }
        set {
            if let newValue {
                insert(key, newValue)
            } else {
                remove(key)
            }
        }
    }

    func contains(_ key: PageKey) -> Bool { slot(of: key) != nil }

    /// Runs `body` on the value of `key` in place (inserting `default` first when
    /// absent) and returns its result.
    @discardableResult @inline(__always)
    mutating func update<R>(
        _ key: PageKey, default make: @autoclosure () -> Value, _ body: (inout Value) -> R
    ) -> R {
        let slot = slot(of: key) ?? insertNew(key, make())
        return body(&values[slot])
    }

    /// Runs `body` on the value of `key` in place, if present; `body` returns
    /// true to drop the entry.
    mutating func modify(_ key: PageKey, _ body: (inout Value) -> Bool) {
        guard let slot = slot(of: key) else { return }
        if body(&values[slot]) { removeSlot(slot) }
    }

    private mutating func insert(_ key: PageKey, _ value: Value) {
        if let slot = slot(of: key) {
            values[slot] = value
        } else {
            insertNew(key, value)
        }
    }

    /// Inserts a key known to be absent; returns its slot.
    @discardableResult
    private mutating func insertNew(_ key: PageKey, _ value: Value) -> Int {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        var slot = Self.hash(key) & mask
        while keys[slot] != .vacant { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
        return slot
    }

    mutating func remove(_ key: PageKey) {
        guard let slot = slot(of: key) else { return }
        removeSlot(slot)
    }

    /// Empties an occupied slot (from `slot(of:)`).
    mutating func removeSlot(_ removed: Int) {
        // Backward-shift deletion: later entries of the probe run move up.
        var hole = removed
        var slot = (removed + 1) & mask
        while keys[slot] != .vacant {
            let home = Self.hash(keys[slot]) & mask
            // Move the entry into the hole unless its home lies cyclically in (hole, slot].
            let distanceToHome = (slot - home) & mask
            let distanceToHole = (slot - hole) & mask
            if distanceToHome >= distanceToHole {
                keys[hole] = keys[slot]
                values.swapAt(hole, slot)
                hole = slot
            }
            slot = (slot + 1) & mask
        }
        keys[hole] = .vacant
        // The key marks the slot free; plain data (records, epochs) need not be overwritten.
        if !_isPOD(Value.self) { values[hole] = vacantValue }
        count -= 1
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for index in keys.indices {
            keys[index] = .vacant
            values[index] = vacantValue
        }
        count = 0
    }

    private mutating func grow() {
        let capacity = Swift.max(16, keys.count * 2)
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: .vacant, count: capacity)
        values = Array(repeating: vacantValue, count: capacity)
        mask = capacity - 1
        count = 0
        for index in oldKeys.indices where oldKeys[index] != .vacant { insertNew(oldKeys[index], oldValues[index]) }
    }

    /// Every (key, value) pair, in no particular order.
    var entries: [(key: PageKey, value: Value)] {
        var result: [(key: PageKey, value: Value)] = []
        result.reserveCapacity(count)
        for index in keys.indices where keys[index] != .vacant { result.append((keys[index], values[index])) }
        return result
    }

    /// Every key, in no particular order.
    var allKeys: [PageKey] {
        var result: [PageKey] = []
        result.reserveCapacity(count)
        for index in keys.indices where keys[index] != .vacant { result.append(keys[index]) }
        return result
    }
}
