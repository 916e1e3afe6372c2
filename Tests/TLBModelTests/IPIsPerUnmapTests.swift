import Foundation
import Testing

@testable import TLBModel

/// docs/tlb-model.md "Classification": kreplay reports "IPIs per unmap" per trace (JSON `ipis_per_unmap`).
@Suite struct IPIsPerUnmapTests {
    @Test func ratioOfShootdownIPIsToUnmaps() throws {
        var counts = TLBCounts()
        #expect(counts.ipisPerUnmap == nil)  // no unmaps: no ratio
        counts.unmaps = 3
        counts.shootdownIPIs = 2
        #expect(counts.ipisPerUnmap == 0.667)
        let json = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
        #expect(json.contains("\"ipis_per_unmap\":0.667"))
        #expect(try JSONDecoder().decode(TLBCounts.self, from: Data(json.utf8)) == counts)
    }
}
