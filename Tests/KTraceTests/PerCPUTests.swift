import Testing

@testable import KTrace

/// `PerCPU` against `Dictionary` on random operations, CPUs inside and outside the array.
@Suite struct PerCPUTests {
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
                #expect(table.read(cpu) { $0 } == reference[cpu])
            }
        }
        #expect(table.sortedKeys == reference.keys.sorted())
        #expect(table.values.sorted() == reference.values.sorted())
    }
}
