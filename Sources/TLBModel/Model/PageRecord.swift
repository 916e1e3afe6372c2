import KTrace

/// What the model knows about one page (SPEC §2: mapped or not, used bit).
///
/// A record lives while the page is mapped, cached by some TLB, or pinned by a
/// shootdown packet that may still be classified; then it is dropped, so memory
/// follows the live working set, not the trace's length.
struct PageRecord {
    var mapped = false
    /// The PTE's used bit (`PG_U`): set by the first fill after mapping.
    var used = false
    /// Bumped on every unmap: a TLB entry filled at an older epoch is stale.
    var epoch: UInt32 = 0
    /// CPUs whose TLB currently caches this page.
    var holders = CPUSet()
    /// Packets still referring to the page (analysis attribution).
    var pins = 0
    /// The only pid that filled the page since it was mapped; `noUser` or `severalUsers` otherwise.
    var soleUser: Int32 = PageRecord.noUser
    /// CPUs that invalidated this page after their last fill of it (or ever, if they never filled it).
    var invalidatedAfterFill = CPUSet()
    /// Last fill of the page per CPU, as an event sequence number (analysis history).
    var lastFills: [FillMark] = []

    static let noUser: Int32 = -1
    static let severalUsers: Int32 = -2

    /// True when nothing refers to the page any more and its record can go.
    var isDead: Bool { !mapped && holders.isEmpty && pins == 0 }

    /// The sequence number of `cpu`'s last fill, or nil if it never filled the page.
    func lastFill(on cpu: Int) -> Int? {
        for mark in lastFills where mark.cpu == cpu { return mark.sequence }
        return nil
    }

    mutating func noteFill(on cpu: Int, sequence: Int) {
        for index in lastFills.indices where lastFills[index].cpu == cpu {
            lastFills[index].sequence = sequence
            return
        }
        lastFills.append(FillMark(cpu: cpu, sequence: sequence))
    }
}

/// One CPU's last fill of a page.
struct FillMark {
    var cpu: Int
    var sequence: Int
}
