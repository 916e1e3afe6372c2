/// A hash map for the models' small plain keys (pages, pids, (pid, signal) pairs):
/// open addressing, linear probing, backward-shift deletion.
///
/// Why not `Dictionary`: the TLB model looks pages up several times per event and the
/// signal model its processes and rule records several times per signal event, and
/// `Dictionary` hashes every lookup through SipHash (≈ 130 instructions; ~17 % of
/// `kreplay analyze` before round 7, docs/performance.md). A multiply spreads these
/// keys well enough (`TableKey.tableHash`).
///
/// Probing reads only the key array (`TableKey.vacant` marks a free slot): testing an
/// optional value copied it out. Values are plain, not optional, so that a record is
/// read and changed in place (`slot(of:)`, `modify`, `update`); a free slot holds the
/// `vacant` value given at `init`. Deletion shifts the following entries back (no
/// tombstones), so the table stays sized by the live set. Iteration order is
/// unspecified; `==` and `hash(into:)` do not depend on it.
///
/// Everything is `@inlinable`: the models are other modules, and generic code from
/// here is specialized for their keys and records only when it can be inlined.
public struct KeyTable<Key: TableKey, Value> {
    @usableFromInline var keys: [Key.Stored]
    @usableFromInline var values: [Value]
    /// The number of entries (`count`; a stored property an inlinable setter can reach).
    @usableFromInline var occupied: Int
    @usableFromInline var mask: Int
    /// What a free slot's value is set to.
    @usableFromInline let vacantValue: Value

    /// An empty table; `vacant` fills free slots (any value: it is never read).
    @inlinable public init(vacant: Value) {
        keys = []
        values = []
        occupied = 0
        mask = -1
        vacantValue = vacant
    }

    /// The number of entries.
    @inlinable public var count: Int { occupied }

    /// True when the table has no entry.
    @inlinable public var isEmpty: Bool { occupied == 0 }

    /// The slot holding `key`, or nil. Read or change its value with `subscript(slot:)`
    /// or `modify(slot:_:)` until the table is next changed by key.
    @inlinable @inline(__always)
    public func slot(of key: Key) -> Int? {
        guard occupied > 0 else { return nil }
        let wanted = key.stored
        var slot = key.tableHash & mask
        while true {
            let found = keys[slot]
            if found == wanted { return slot }
            if found == Key.vacant { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// The value in an occupied slot (from `slot(of:)`).
    @inlinable
    public subscript(slot slot: Int) -> Value {
        get { values[slot] }
        set { values[slot] = newValue }
    }

    /// Runs `body` on the value in an occupied slot (from `slot(of:)`), in place.
    @inlinable @inline(__always)
    public mutating func modify<R>(slot: Int, _ body: (inout Value) -> R) -> R { body(&values[slot]) }

    /// True when `key` has an entry.
    @inlinable public func contains(_ key: Key) -> Bool { slot(of: key) != nil }

    /// The value of `key`; setting nil removes it. `_modify` changes the stored value in
    /// place (no copy on write of what it holds), but allocates its coroutine frame per
    /// call: hot paths use `set(_:for:)`, `modify` and `update`.
    @inlinable
    public subscript(key: Key) -> Value? {
        get { slot(of: key).map { values[$0] } }
        set {
            if let newValue {
                set(newValue, for: key)
            } else {
                remove(key)
            }
        }
        _modify {
            if let slot = slot(of: key) {
                var taken = vacantValue
                swap(&taken, &values[slot])
                var value: Value? = taken
                defer {
                    if let changed = value.take() {
                        values[slot] = changed
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

    /// Stores `value` for `key`.
    @inlinable @inline(__always)
    public mutating func set(_ value: Value, for key: Key) {
        if let slot = slot(of: key) {
            values[slot] = value
        } else {
            insertNew(key, value)
        }
    }

    /// Runs `body` on the value of `key` in place; nil when `key` is absent.
    @inlinable @inline(__always) @discardableResult
    public mutating func modify<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        guard let slot = slot(of: key) else { return nil }
        return body(&values[slot])
    }

    /// Runs `body` on the value of `key` in place (inserting `make()` first when
    /// absent) and returns its result.
    @inlinable @inline(__always) @discardableResult
    public mutating func update<R>(
        _ key: Key, default make: @autoclosure () -> Value, _ body: (inout Value) -> R
    ) -> R {
        let slot = slot(of: key) ?? insertNew(key, make())
        return body(&values[slot])
    }

    /// Inserts a key known to be absent; returns its slot.
    @inlinable @discardableResult
    mutating func insertNew(_ key: Key, _ value: Value) -> Int {
        if (occupied + 1) * 4 > keys.count * 3 { grow() }
        var slot = key.tableHash & mask
        while keys[slot] != Key.vacant { slot = (slot + 1) & mask }
        keys[slot] = key.stored
        values[slot] = value
        occupied += 1
        return slot
    }

    /// Removes the entry of `key`, if any.
    @inlinable
    public mutating func remove(_ key: Key) {
        guard let slot = slot(of: key) else { return }
        removeSlot(slot)
    }

    /// Empties an occupied slot (from `slot(of:)`).
    @inlinable
    public mutating func removeSlot(_ removed: Int) {
        // Backward-shift deletion: later entries of the probe run move up.
        var hole = removed
        var slot = (removed + 1) & mask
        while keys[slot] != Key.vacant {
            let home = Key(occupied: keys[slot]).tableHash & mask
            // Move the entry into the hole unless its home lies cyclically in (hole, slot].
            if (slot - home) & mask >= (slot - hole) & mask {
                keys[hole] = keys[slot]
                values.swapAt(hole, slot)
                hole = slot
            }
            slot = (slot + 1) & mask
        }
        keys[hole] = Key.vacant
        // The key marks the slot free; plain data (records, epochs) need not be
        // overwritten, anything else is released now.
        if !_isPOD(Value.self) { values[hole] = vacantValue }
        occupied -= 1
    }

    /// Removes every entry, keeping the slots allocated.
    @inlinable
    public mutating func removeAll() {
        guard occupied > 0 else { return }
        for index in keys.indices {
            keys[index] = Key.vacant
            values[index] = vacantValue
        }
        occupied = 0
    }

    /// Removes every entry whose key satisfies `drop`.
    @inlinable
    public mutating func removeAll(where drop: (Key) -> Bool) {
        for key in allKeys where drop(key) { remove(key) }
    }

    @inlinable
    mutating func grow() {
        let capacity = Swift.max(Key.tableInitialCapacity, keys.count * 2)
        let oldKeys = keys
        var oldValues = values
        keys = Array(repeating: Key.vacant, count: capacity)
        values = Array(repeating: vacantValue, count: capacity)
        mask = capacity - 1
        occupied = 0
        for index in oldKeys.indices where oldKeys[index] != Key.vacant {
            var moved = vacantValue
            swap(&moved, &oldValues[index])
            insertNew(Key(occupied: oldKeys[index]), moved)
        }
    }

    /// Every key, in no particular order.
    @inlinable
    public var allKeys: [Key] {
        var result: [Key] = []
        result.reserveCapacity(occupied)
        for stored in keys where stored != Key.vacant { result.append(Key(occupied: stored)) }
        return result
    }

    /// Every (key, value) pair, in no particular order.
    @inlinable
    public var entries: [(key: Key, value: Value)] {
        var result: [(key: Key, value: Value)] = []
        result.reserveCapacity(occupied)
        for index in keys.indices where keys[index] != Key.vacant {
            result.append((Key(occupied: keys[index]), values[index]))
        }
        return result
    }

    /// The first key (in slot order) that satisfies `belongs`, without building an array.
    @inlinable
    public func firstKey(where belongs: (Key) -> Bool) -> Key? {
        guard occupied > 0 else { return nil }
        for stored in keys where stored != Key.vacant {
            let key = Key(occupied: stored)
            if belongs(key) { return key }
        }
        return nil
    }
}

extension KeyTable: Sendable where Key: Sendable, Key.Stored: Sendable, Value: Sendable {}

extension KeyTable: Equatable where Value: Equatable {
    /// Same entries, whatever the slots.
    @inlinable
    public static func == (lhs: KeyTable, rhs: KeyTable) -> Bool {
        guard lhs.occupied == rhs.occupied else { return false }
        for (key, value) in lhs.entries {
            guard let slot = rhs.slot(of: key), rhs.values[slot] == value else { return false }
        }
        return true
    }
}

extension KeyTable: Hashable where Key: Hashable, Value: Hashable {
    /// Order-independent: a sum of each entry's own hash.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for (key, value) in entries {
            var entry = Hasher()
            entry.combine(key)
            entry.combine(value)
            sum = sum &+ entry.finalize()
        }
        hasher.combine(occupied)
        hasher.combine(sum)
    }
}

extension KeyTable where Key: Hashable {
    /// The entries as a `Dictionary` (for fingerprints and tests).
    @inlinable
    public var dictionary: [Key: Value] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
    }
}
