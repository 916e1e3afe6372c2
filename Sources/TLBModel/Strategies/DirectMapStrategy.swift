import KTrace

/// `direct-map`: file data is read through the direct map (`ubc_direct`).
///
/// From a `ubc_alloc` until the `pmap_kremove` starting at its address, the
/// window's `pmap_kenter_pa`, its kernel fills and that `pmap_kremove` are
/// dropped: direct-map translations are permanent, so they need no shootdown and
/// cannot go stale. The `pmap_update` that follows drains an empty packet.
/// Other kernel mappings (e.g. a 32 KiB `pmap_kremove` of non-UBC memory) stay.
struct DirectMapStrategy: TLBStrategy {
    var rewritesEvents: Bool { true }
    /// Live windows: start → end (exclusive). UBC has few at a time.
    private var windows: [(start: UInt64, end: UInt64)] = []
    /// Windows whose `pmap_kremove` was dropped, per CPU, until its next `pmap_update`:
    /// the kernel's `pmap_tlb_shootdown` lines for them (captures without fills) go too.
    private var unmapped: [(cpu: Int, start: UInt64, end: UInt64)] = []

    mutating func rewrite(_ event: Event, into output: inout [Event]) {
        switch event.kind {
        case .ubcAlloc(let va, _, let length):
            windows.append((va, va &+ max(length, pageSize)))
        case .pmapKenterPA(let va) where inWindow(va):
            return
        case .pmapEnter(.kernel, let va) where inWindow(va):
            return
        case .tlbFill(.kernel, let va) where inWindow(va):
            return
        case .pmapKremove(let va, _):
            if let index = windows.firstIndex(where: { $0.start == va }) {
                unmapped.append((event.cpu, windows[index].start, windows[index].end))
                windows.remove(at: index)
                return
            }
        case .pmapTLBShootdown(.kernel, let va?, _)
        where unmapped.contains(where: { $0.cpu == event.cpu && va >= $0.start && va < $0.end }):
            return
        case .pmapUpdate:
            unmapped.removeAll { $0.cpu == event.cpu }
        default:
            break
        }
        output.append(event)
    }

    private func inWindow(_ va: UInt64) -> Bool {
        windows.contains { va >= $0.start && va < $0.end }
    }
}
