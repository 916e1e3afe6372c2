import Testing

@testable import KTrace
@testable import TLBModel

/// `PageTable` (vacant-key slots, values in place) and `PerCPU` against `Dictionary` on
/// random operations (docs/performance.md, round 7).
@Suite struct PageTableTests {
    private func randomKey(_ generator: inout SystemRandomNumberGenerator) -> PageKey {
        // Few distinct keys, so that probe runs collide, grow and shift back.
        let space: UInt64 =
            Bool.random(using: &generator) ? PageKey.kernelSpace : UInt64.random(in: 0...3, using: &generator)
        return PageKey(space: space, va: UInt64.random(in: 0..<96, using: &generator) * pageSize)
    }

    @Test func randomOperationsMatchDictionary() {
        var generator = SystemRandomNumberGenerator()
        var table = PageTable<Int>(vacant: -1)
        var reference: [PageKey: Int] = [:]
        for step in 0..<20_000 {
            let key = randomKey(&generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:
                table[key] = step
                reference[key] = step
            case 1:
                table[key] = nil
                reference[key] = nil
            case 2:
                let result = table.update(key, default: 0) { value -> Int in
                    value += 1
                    return value
                }
                reference[key, default: 0] += 1
                #expect(result == reference[key])
            case 3:
                table.modify(key) { value in
                    value -= 1
                    return value % 3 == 0
                }
                if let value = reference[key] { reference[key] = (value - 1) % 3 == 0 ? nil : value - 1 }
            case 4:
                if let slot = table.slot(of: key) {
                    #expect(table[slot: slot] == reference[key])
                    table.removeSlot(slot)
                    reference[key] = nil
                } else {
                    #expect(reference[key] == nil)
                }
            default:
                #expect(table[key] == reference[key])
                #expect(table.contains(key) == (reference[key] != nil))
            }
            #expect(table.count == reference.count)
        }
        #expect(Dictionary(uniqueKeysWithValues: table.entries.map { ($0.key, $0.value) }) == reference)
        #expect(Set(table.allKeys) == Set(reference.keys))
        table.removeAll()
        #expect(table.isEmpty && table.allKeys.isEmpty)
    }

    @Test func vacantKeyIsNoPage() {
        #expect(PageKey(space: 0, va: 1) != PageKey.vacant)
        #expect(PageKey(space: 0, va: 0) != PageKey.vacant)
        var table = PageTable<Int>(vacant: 0)
        table[PageKey(space: 0, va: 0)] = 5
        #expect(table[PageKey(space: 0, va: 0)] == 5)
        #expect(table[PageKey(pmap: .kernel, va: 1)] == nil)
    }

    @Test func perCPUMatchesDictionary() {
        var generator = SystemRandomNumberGenerator()
        var table = PerCPU<Int>()
        var reference: [Int: Int] = [:]
        for step in 0..<5_000 {
            let cpu = [-2, -1, 0, 1, 7, 63, 255, 256, 1000][Int.random(in: 0..<9, using: &generator)]
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                table[cpu] = step
                reference[cpu] = step
            case 1:
                #expect(table.removeValue(forKey: cpu) == reference.removeValue(forKey: cpu))
            case 2:
                table.update(cpu) { $0 = $0.map { $0 + 1 } }
                reference[cpu] = reference[cpu].map { $0 + 1 }
            default:
                #expect(table[cpu] == reference[cpu])
            }
        }
        #expect(table.sortedKeys == reference.keys.sorted())
        #expect(table.values.sorted() == reference.values.sorted())
    }
}
