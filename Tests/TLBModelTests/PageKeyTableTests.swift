import Testing

@testable import KTrace
@testable import TLBModel

/// The TLB model's keyed storage: `PageKey` as a `KeyTable` key (its sentinel is no
/// page), and `PerCPU` against `Dictionary` on random operations. `KeyTable` itself is
/// tested in `KTraceTests.KeyTableTests`.
@Suite struct PageKeyTableTests {
    @Test func vacantKeyIsNoPage() {
        #expect(PageKey(space: 0, va: 1) != PageKey.vacant)
        #expect(PageKey(space: 0, va: 0) != PageKey.vacant)
        var table = PageTable<Int>(vacant: 0)
        table[PageKey(space: 0, va: 0)] = 5
        #expect(table[PageKey(space: 0, va: 0)] == 5)
        #expect(table[PageKey(pmap: .kernel, va: 1)] == nil)
        // Many pages of a few spaces: the table grows and shifts back.
        var reference: [PageKey: Int] = [:]
        for page in UInt64(0)..<2_000 {
            let key = PageKey(space: page % 3 == 0 ? PageKey.kernelSpace : page % 5, va: page * pageSize)
            table[key] = Int(page)
            reference[key] = Int(page)
            if page % 3 == 1 {
                let gone = PageKey(space: (page / 2) % 5, va: (page / 2) * pageSize)
                table[gone] = nil
                reference[gone] = nil
            }
        }
        #expect(table.count == reference.count)
        #expect(reference.allSatisfy { table[$0.key] == $0.value })
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
