/// A hash map keyed by `PageKey`: open addressing, linear probing.
///
/// Why not `Dictionary`: the TLB model looks pages up several times per event
/// (a page record, a CPU's TLB entry), and `Dictionary` hashes every lookup
/// through SipHash (`Hasher`), which was ~17% of all instructions of
/// `kreplay analyze` (docs/performance.md). Page keys are two integers, so one
/// multiply-and-fold mixes them well enough. Deletion shifts the following
/// entries back (no tombstones), so the table stays sized by the live set.
/// Iteration order is unspecified, as with `Dictionary`.
struct PageTable<Value> {
    private var keys: [PageKey]
    private var values: [Value?]
    private(set) var count = 0
    private var mask: Int

    init() {
        keys = []
        values = []
        mask = -1
    }

    var isEmpty: Bool { count == 0 }

    private static func hash(_ key: PageKey) -> Int {
        // Fibonacci hashing of the page number folded with the space.
        let mixed = ((key.va >> 12) ^ (key.space &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    /// The slot holding `key`, or nil.
    private func find(_ key: PageKey) -> Int? {
        guard count > 0 else { return nil }
        var slot = Self.hash(key) & mask
        while values[slot] != nil {
            if keys[slot] == key { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    subscript(key: PageKey) -> Value? {
        get { find(key).flatMap { values[$0] } }
        set {
            if let newValue {
                insert(key, newValue)
            } else {
                remove(key)
            }
        }
    }

    /// Runs `body` on the value of `key` in place (inserting `default` first when
    /// absent); removes the entry afterwards when `body` returns true.
    @discardableResult
    mutating func update<R>(
        _ key: PageKey, default make: @autoclosure () -> Value, _ body: (inout Value) -> R
    ) -> R {
        let slot = find(key) ?? insertNew(key, make())
        return body(&values[slot]!)
    }

    /// Runs `body` on the value of `key` in place, if present; `body` returns
    /// true to drop the entry.
    mutating func modify(_ key: PageKey, _ body: (inout Value) -> Bool) {
        guard let slot = find(key) else { return }
        if body(&values[slot]!) { removeSlot(slot) }
    }

    private mutating func insert(_ key: PageKey, _ value: Value) {
        if let slot = find(key) {
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
        while values[slot] != nil { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
        count += 1
        return slot
    }

    mutating func remove(_ key: PageKey) {
        guard let slot = find(key) else { return }
        removeSlot(slot)
    }

    /// Backward-shift deletion: later entries of the probe run move up.
    private mutating func removeSlot(_ removed: Int) {
        var hole = removed
        var slot = (removed + 1) & mask
        values[hole] = nil
        while values[slot] != nil {
            let home = Self.hash(keys[slot]) & mask
            // Move the entry into the hole unless its home lies cyclically in (hole, slot].
            let distanceToHome = (slot - home) & mask
            let distanceToHole = (slot - hole) & mask
            if distanceToHome >= distanceToHole {
                keys[hole] = keys[slot]
                values[hole] = values[slot]
                values[slot] = nil
                hole = slot
            }
            slot = (slot + 1) & mask
        }
        count -= 1
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for index in values.indices { values[index] = nil }
        count = 0
    }

    private mutating func grow() {
        let capacity = Swift.max(16, keys.count * 2)
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: PageKey(space: 0, va: 0), count: capacity)
        values = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        count = 0
        for index in oldValues.indices {
            if let value = oldValues[index] { insertNew(oldKeys[index], value) }
        }
    }

    /// Every (key, value) pair, in no particular order.
    var entries: [(key: PageKey, value: Value)] {
        var result: [(key: PageKey, value: Value)] = []
        result.reserveCapacity(count)
        for index in values.indices {
            if let value = values[index] { result.append((keys[index], value)) }
        }
        return result
    }

    /// Every key, in no particular order.
    var allKeys: [PageKey] {
        var result: [PageKey] = []
        result.reserveCapacity(count)
        for index in values.indices where values[index] != nil { result.append(keys[index]) }
        return result
    }
}
