import Testing

@testable import KTrace

/// `CPUSet`'s word-wise union, intersection and difference (round 7 of docs/performance.md)
/// against `Set<Int>` on random sets.
@Suite struct CPUSetAlgebraTests {
    private func randomSet(_ generator: inout SystemRandomNumberGenerator) -> Set<Int> {
        Set(
            (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Int.random(in: 0..<CPUSet.capacity, using: &generator)
            })
    }

    @Test func setOperationsMatchSetOfInt() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let left = randomSet(&generator)
            let right = randomSet(&generator)
            let a = CPUSet(left)
            let b = CPUSet(right)
            #expect(Array(a.union(b)) == left.union(right).sorted())
            #expect(Array(a.intersection(b)) == left.intersection(right).sorted())
            #expect(Array(a.subtracting(b)) == left.subtracting(right).sorted())
            var formed = a
            formed.formUnion(b)
            #expect(formed == a.union(b))
            for cpu in [-1, 0, 63, 64, 127, 128, 255, 256] {
                #expect(a.contains(cpu) == left.contains(cpu))
            }
        }
    }

    @Test func insertAndRemoveKeepEveryWord() {
        var set = CPUSet()
        for cpu in [0, 63, 64, 127, 128, 191, 192, 255] { set.insert(cpu) }
        #expect(Array(set) == [0, 63, 64, 127, 128, 191, 192, 255])
        set.remove(64)
        set.remove(255)
        set.remove(-3)
        set.remove(300)
        #expect(Array(set) == [0, 63, 127, 128, 191, 192])
        set.insert(300)
        #expect(set.maximum == 300)
        #expect(set.count == 6)
    }
}
