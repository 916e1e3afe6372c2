import Testing

@testable import KTrace

/// `KeyTable` against `Dictionary` on random operations, for both ways a slot holds a
/// key: a sentinel key (`Stored == Self`, as pages have) and an optional one (pids).
@Suite struct KeyTableTests {
    /// A page-like key: two words, and an odd `low` that no key has marks a free slot.
    struct PairKey: TableKey, Hashable {
        var high: UInt64
        var low: UInt64

        static var vacant: PairKey { PairKey(high: 0, low: 1) }
        var stored: PairKey { self }
        init(occupied: PairKey) { self = occupied }
        init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }
        var tableHash: Int { Int(truncatingIfNeeded: (low >> 4 ^ high) &* 0x9E37_79B9_7F4A_7C15) }
        static var tableInitialCapacity: Int { 16 }
    }

    /// Odd values go, even ones stay, none becomes `step`.
    private static func toggle(_ value: inout Int?, _ step: Int) {
        if let present = value {
            if present % 2 != 0 { value = nil }
        } else {
            value = step
        }
    }

    /// Runs random operations on a table and a dictionary and compares every answer.
    /// `key` draws from a small set, so probe runs collide, grow and shift back.
    private func check<Key: TableKey & Hashable>(
        _ table: inout KeyTable<Key, Int>, random: inout SplitMix64, key: (inout SplitMix64) -> Key
    ) {
        var reference: [Key: Int] = [:]
        for step in 0..<20_000 {
            let key = key(&random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0:
                table[key] = step
                reference[key] = step
            case 1:
                table.set(step, for: key)
                reference[key] = step
            case 2:
                table[key] = nil
                reference[key] = nil
            case 3:
                let got = table.modify(key) { value -> Int in
                    value += 1
                    return value
                }
                if reference[key] != nil { reference[key]! += 1 }
                #expect(got == reference[key])
            case 4:
                let got = table.update(key, default: -step) { value -> Int in
                    value += 2
                    return value
                }
                reference[key, default: -step] += 2
                #expect(got == reference[key])
            case 5:
                table[key]? += 3
                reference[key]? += 3
            case 6:
                // Through `_modify`: nil for a present key removes it, a value for an absent one inserts.
                Self.toggle(&table[key], step)
                Self.toggle(&reference[key], step)
            case 7:
                if let slot = table.slot(of: key) {
                    #expect(table[slot: slot] == reference[key])
                    if step % 2 == 0 {
                        table.modify(slot: slot) { $0 -= 5 }
                        reference[key]! -= 5
                    } else {
                        table.removeSlot(slot)
                        reference[key] = nil
                    }
                } else {
                    #expect(reference[key] == nil)
                }
            case 8:
                table.remove(key)
                reference[key] = nil
            default:
                if step % 1_000 == 0 {
                    let pivot = key.tableHash
                    table.removeAll { $0.tableHash < pivot }
                    reference = reference.filter { $0.key.tableHash >= pivot }
                }
            }
            #expect(table[key] == reference[key])
            #expect(table.contains(key) == (reference[key] != nil))
            #expect(table.count == reference.count)
        }
        #expect(table.dictionary == reference)
        #expect(Set(table.allKeys) == Set(reference.keys))
        let some = reference.keys.first
        #expect(table.firstKey { $0 == some } == some)
        #expect(table.firstKey { _ in false } == nil)
        table.removeAll()
        #expect(table.isEmpty && table.allKeys.isEmpty && table.entries.isEmpty)
        table[key(&random)] = 1
        #expect(table.count == 1)
    }

    @Test(arguments: [1, 2, 3])
    func sentinelKeysMatchDictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var table = KeyTable<PairKey, Int>(vacant: -1)
        check(&table, random: &random) { random in
            PairKey(high: UInt64.random(in: 0...3, using: &random), low: UInt64.random(in: 0..<96, using: &random) * 16)
        }
    }

    @Test(arguments: [1, 2, 3])
    func optionalKeysMatchDictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var table = KeyTable<Int32, Int>(vacant: 0)
        // Pids from a small range (many hits, removals in probe runs) and a few far ones.
        check(&table, random: &random) { random in
            Bool.random(using: &random)
                ? Int32.random(in: -3...60, using: &random) : Int32.random(in: .min ... .max, using: &random)
        }
    }

    /// Values that are not plain data are released when removed and moved when shifted.
    @Test func referenceValuesSurviveShifts() {
        var random = SplitMix64(seed: 5)
        var table = KeyTable<Int32, [Int]>(vacant: [])
        var reference: [Int32: [Int]] = [:]
        for step in 0..<5_000 {
            let key = Int32.random(in: 0...40, using: &random)
            if Bool.random(using: &random) {
                table.update(key, default: []) { $0.append(step) }
                reference[key, default: []].append(step)
            } else {
                table[key] = nil
                reference[key] = nil
            }
        }
        #expect(table.dictionary == reference)
    }

    @Test func equalityIgnoresInsertionOrder() {
        var first = KeyTable<Int32, String>(vacant: "")
        var second = KeyTable<Int32, String>(vacant: "")
        for pid in Int32(0)..<40 { first[pid] = "p\(pid)" }
        for pid in (Int32(0)..<40).reversed() { second[pid] = "p\(pid)" }
        for pid in Int32(40)..<50 {
            second[pid] = "gone"
            second[pid] = nil
        }
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        second[7] = "other"
        #expect(first != second)
    }

    @Test func sentinelIsNoKey() {
        var table = KeyTable<PairKey, Int>(vacant: 0)
        table[PairKey(high: 0, low: 0)] = 5
        #expect(table[PairKey(high: 0, low: 0)] == 5)
        #expect(table[PairKey(high: 0, low: 16)] == nil)
        #expect(table.count == 1)
    }
}
