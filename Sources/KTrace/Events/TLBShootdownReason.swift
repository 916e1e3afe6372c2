/// NetBSD's `tlbwhy_t` (`sys/arch/x86/include/pmap.h`, netbsd-8): why a page
/// was queued for a TLB shootdown. Raw values are the kernel's.
public enum TLBShootdownReason: UInt8, CaseIterable, Sendable {
    case apte = 0
    case kenter, kremove, freePTP1, freePTP2, removePTE, removePTEs, syncPV1, syncPV2
    case writeProtect, enter, update, busDMA, busSpace

    /// The kernel's name without `TLBSHOOT_` (`KREMOVE`), as `pmap_tlb.c` names its counters.
    public var spelling: String {
        switch self {
        case .apte: return "APTE"
        case .kenter: return "KENTER"
        case .kremove: return "KREMOVE"
        case .freePTP1: return "FREE_PTP1"
        case .freePTP2: return "FREE_PTP2"
        case .removePTE: return "REMOVE_PTE"
        case .removePTEs: return "REMOVE_PTES"
        case .syncPV1: return "SYNC_PV1"
        case .syncPV2: return "SYNC_PV2"
        case .writeProtect: return "WRITE_PROTECT"
        case .enter: return "ENTER"
        case .update: return "UPDATE"
        case .busDMA: return "BUS_DMA"
        case .busSpace: return "BUS_SPACE"
        }
    }

    /// A number (`2`) or a name, with or without `TLBSHOOT_` (`KREMOVE`, `TLBSHOOT_KREMOVE`).
    public init?(spelled text: String) {
        if let number = UInt8(text) {
            self.init(rawValue: number)
            return
        }
        let name = text.hasPrefix("TLBSHOOT_") ? String(text.dropFirst(9)) : text
        guard let match = Self.allCases.first(where: { $0.spelling == name }) else { return nil }
        self = match
    }
}
