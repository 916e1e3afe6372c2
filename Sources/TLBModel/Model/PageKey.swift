import KTrace

/// A page of an address space: the key of all per-page and per-TLB-entry state.
///
/// Two plain integers, so hashing is cheap on the hot path.
struct PageKey: Hashable, Sendable {
    /// The kernel pmap's sentinel in `space`.
    static let kernelSpace = UInt64.max

    /// `kernelSpace` for the kernel pmap, else the user pmap's address.
    let space: UInt64
    /// Page-aligned virtual address.
    let va: UInt64

    init(space: UInt64, va: UInt64) {
        self.space = space
        self.va = va & ~(pageSize - 1)
    }

    init(pmap: PmapID, va: UInt64) {
        switch pmap {
        case .kernel: self.init(space: PageKey.kernelSpace, va: va)
        case .user(let address): self.init(space: address, va: va)
        }
    }

    var isKernel: Bool { space == PageKey.kernelSpace }

    var pmap: PmapID { isKernel ? .kernel : .user(space) }

    /// `kernel va 0x…` / `pmap 0x… va 0x…`, as findings name a page.
    var spelled: String {
        isKernel ? "kernel va " + hex(va) : "pmap " + hex(space) + " va " + hex(va)
    }
}

/// The space of a pmap, as `PageKey.space` stores it.
func spaceOf(_ pmap: PmapID) -> UInt64 {
    switch pmap {
    case .kernel: return PageKey.kernelSpace
    case .user(let address): return address
    }
}
