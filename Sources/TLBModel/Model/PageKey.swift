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

    /// A key no page has (`va` not page-aligned): a `PageTable`'s free slot.
    static let vacant = PageKey(space: 0, unalignedVA: 1)

    private init(space: UInt64, unalignedVA: UInt64) {
        self.space = space
        va = unalignedVA
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
        isKernel ? "kernel va " + Self.hex(va) : "pmap " + Self.hex(space) + " va " + Self.hex(va)
    }

    /// `hex(_:)`'s spelling (`0x`, lowercase digits) without `String(_:radix:)`'s generic
    /// conversion: findings name pages by the thousand.
    static func hex(_ value: UInt64) -> String {
        let digits = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
        return String(unsafeUninitializedCapacity: digits + 2) { buffer in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "x")
            var rest = value
            for index in stride(from: digits + 1, through: 2, by: -1) {
                let digit = UInt8(truncatingIfNeeded: rest & 0xf)
                buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                rest >>= 4
            }
            return digits + 2
        }
    }
}

/// A map keyed by page (a `KeyTable`: no SipHash per lookup, records changed in place).
typealias PageTable<Value> = KeyTable<PageKey, Value>

extension PageKey: TableKey {
    /// Slots hold the key itself: `vacant` marks a free one.
    typealias Stored = PageKey

    var stored: PageKey { self }

    init(occupied: PageKey) { self = occupied }

    /// Fibonacci hashing of the page number folded with the space.
    var tableHash: Int {
        let mixed = ((va >> 12) ^ (space &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    /// Sixteen slots, as the TLB model's own table had.
    static var tableInitialCapacity: Int { 16 }
}

/// The space of a pmap, as `PageKey.space` stores it.
func spaceOf(_ pmap: PmapID) -> UInt64 {
    switch pmap {
    case .kernel: return PageKey.kernelSpace
    case .user(let address): return address
    }
}
