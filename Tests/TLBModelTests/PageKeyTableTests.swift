import Testing

@testable import KTrace
@testable import TLBModel

/// `PageKey` as a `KeyTable` key: its sentinel is no page, and a `PageTable` of many
/// pages holds what a `Dictionary` holds. `KeyTable` itself is tested in
/// `KTraceTests.KeyTableTests`.
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
}
