import KTrace

/// `ubc-winshift:shift=N`: UBC windows of 2^N bytes instead of the trace's.
///
/// Re-chunking, per reading CPU: each CPU owns one big window (a synthetic kernel
/// VA range). A `ubc_alloc` for file offset `off` selects big window `off >> N`;
/// the original window's pages are redirected to the matching pages of the big
/// window (`base + off mod 2^N`), so their `pmap_kenter_pa` maps a big-window page
/// only the first time and their fills land there. The original window's
/// `pmap_kremove` is dropped: the big window stays mapped until the CPU's next
/// `ubc_alloc` falls outside it, when one `pmap_kremove` of the whole big window
/// and a `pmap_update` are replayed on that CPU (then the usual shootdown).
/// The offsets are taken as one sequential file per CPU; meant for N at least the
/// trace's `ubc_winshift` (a smaller N is modelled page by page and is coarse).
struct UBCWinshiftStrategy: TLBStrategy {
    let shift: Int
    private var windowSize: UInt64 { 1 << UInt64(shift) }
    /// Per CPU: the big window's index (`offset >> shift`) and its mapped pages.
    private var current: [Int: (index: UInt64, mapped: Set<UInt64>)] = [:]
    /// Original window page → big-window page, while the original window is live.
    private var redirect: [UInt64: UInt64] = [:]
    /// Original windows: start → length, until their `pmap_kremove`.
    private var windows: [UInt64: UInt64] = [:]

    init(shift: Int) {
        self.shift = min(max(shift, 12), 40)
    }

    /// The synthetic base of `cpu`'s big window, far from the trace's own addresses.
    private func base(of cpu: Int) -> UInt64 {
        0xffff_c000_0000_0000 &+ (UInt64(truncatingIfNeeded: max(cpu, 0)) << 41)
    }

    mutating func rewrite(_ event: Event, into output: inout [Event]) {
        switch event.kind {
        case .ubcAlloc(let va, let offset, let length):
            allocate(va: va, offset: offset, length: length, event: event, into: &output)
            output.append(event)
        case .ubcRelease(let va):
            forget(window: va)
            output.append(event)
        case .pmapKenterPA(let va):
            guard let target = redirect[va & ~(pageSize - 1)] else { return output.append(event) }
            if current[event.cpu]?.mapped.insert(target).inserted ?? true {
                output.append(rewritten(event, .pmapKenterPA(va: target)))
            }
        case .tlbFill(.kernel, let va):
            guard let target = redirect[va & ~(pageSize - 1)] else { return output.append(event) }
            output.append(rewritten(event, .tlbFill(pmap: .kernel, va: target | (va & (pageSize - 1)))))
        case .pmapKremove(let va, _) where windows[va] != nil:
            forget(window: va)
            windows[va] = nil
        default:
            output.append(event)
        }
    }

    private mutating func allocate(va: UInt64, offset: UInt64, length: UInt64, event: Event, into output: inout [Event])
    {
        let cpu = event.cpu
        let index = offset >> UInt64(shift)
        if let open = current[cpu], open.index != index {
            // Leaving the big window: its one unmap replaces all the small ones.
            output.append(rewritten(event, .pmapKremove(va: base(of: cpu), length: windowSize)))
            output.append(rewritten(event, .pmapUpdate(pmap: .kernel)))
            current[cpu] = nil
        }
        if current[cpu] == nil { current[cpu] = (index, []) }
        windows[va] = length
        var page: UInt64 = 0
        while page < pagesSpan(length) {
            redirect[va &+ page] = base(of: cpu) &+ ((offset &+ page) & (windowSize - 1)) & ~(pageSize - 1)
            page &+= pageSize
        }
    }

    private mutating func forget(window va: UInt64) {
        guard let length = windows[va] else { return }
        var page: UInt64 = 0
        while page < pagesSpan(length) {
            redirect[va &+ page] = nil
            page &+= pageSize
        }
    }

    /// The bytes of a window that get redirected: at least a page, at most one big
    /// window (further pages would alias the same big-window pages anyway). Without the
    /// cap a `len=0xffff…` looped forever.
    private func pagesSpan(_ length: UInt64) -> UInt64 {
        min(max(length, pageSize), windowSize)
    }

    private func rewritten(_ event: Event, _ kind: EventKind) -> Event {
        Event(line: event.line, cpu: event.cpu, pid: event.pid, timeNs: event.timeNs, kind: kind)
    }
}
