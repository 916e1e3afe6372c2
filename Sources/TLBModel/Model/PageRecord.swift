import KTrace

/// What the model knows about one page (docs/tlb-model.md "Kernel rules": mapped or not, used bit), and the
/// per-CPU history the §2.1 classification reads.
///
/// A record lives while the page is mapped or cached by some TLB, and after that
/// for as long as its history could still change an answer (`TLBState.forgets`):
/// memory follows the pages in use and the pages ever filled, not the trace's length.
struct PageRecord {
    var mapped = false
    /// The PTE's used bit (`PG_U`): set by the first fill after mapping.
    var used = false
    /// Bumped on every unmap: a TLB entry filled at an older epoch is stale.
    var epoch: UInt32 = 0
    /// CPUs whose TLB currently caches this page.
    var holders = CPUSet()
    /// The only pid that filled the page since it was mapped; `noUser` or `severalUsers` otherwise.
    var soleUser: Int32 = PageRecord.noUser
    /// CPUs that ever filled the page (analysis history: "never cached" in messages).
    var filled = CPUSet()
    /// CPUs that ever invalidated the page itself (analysis history).
    ///
    /// With `holders` this is all §2.1 needs per page: a CPU that does not hold the
    /// page and filled it invalidated or flushed it after its last fill (only those
    /// remove a holder), so it is `duplicate` for the page; one that never filled it
    /// is `duplicate` when it invalidated it or flushed ever (`CPUState`).
    var invalidated = CPUSet()

    static let noUser: Int32 = -1
    static let severalUsers: Int32 = -2

    /// Unmapped and in no TLB: only its history can still matter.
    var isDead: Bool { !mapped && holders.isEmpty }
}
