import KTrace

/// `ubc-winshift:shift=N`: UBC windows of 2^N bytes instead of the trace's.
///
/// Re-chunking, per reading CPU: each CPU owns one big window (a synthetic kernel
/// VA range). A `ubc_alloc` for file offset `off` selects big window `off >> N`;
/// the original window's pages are redirected to the matching pages of the big
/// window (`base + off mod 2^N`), so their `pmap_kenter_pa` maps a big-window page
/// only the first time and their fills land there.
///
/// Every big window touched is unmapped exactly once — one `pmap_kremove` of the
/// whole window, then NetBSD's shootdown at the next `pmap_update`:
/// * when the trace unmaps the original window that reaches the big window's end
///   (the read that completes it): that `pmap_kremove` becomes the big one, and the
///   trace's own `pmap_update` after it drains it;
/// * else when the CPU's next `ubc_alloc` selects another big window (a seek, another
///   file): a `pmap_kremove` and a `pmap_update` are replayed there;
/// * else at the end of the trace (CPUs in order), likewise.
/// The other original windows' `pmap_kremove`s are dropped. Offsets are taken as one
/// sequential file per CPU; meant for N at least the trace's `ubc_winshift` (a
/// smaller N is modelled page by page and is coarse).
struct UBCWinshiftStrategy: TLBStrategy {
    var rewritesEvents: Bool { true }
    /// A CPU's open big window.
    private struct BigWindow {
        var index: UInt64
        /// Tells this opening of the window from a later one at the same index.
        var generation: Int
        /// Big-window pages already entered.
        var mapped: Set<UInt64> = []
        var pid: Int32
    }

    /// An original (trace) window, until its `pmap_kremove`.
    private struct Chunk {
        var length: UInt64
        /// The CPU whose big window it was redirected into.
        var cpu: Int
        var generation: Int
        /// It reaches the end of its big window: its unmap is the big window's.
        var completes: Bool
    }

    let shift: Int
    private var windowSize: UInt64 { 1 << UInt64(shift) }
    private var open: [Int: BigWindow] = [:]
    private var generations = 0
    /// Original window page → (big-window page, owning CPU), while the original window is live.
    private var redirect: [UInt64: (page: UInt64, cpu: Int)] = [:]
    /// Original windows by start address.
    private var windows: [UInt64: Chunk] = [:]
    /// Line and time of the last workload event, for the unmaps owed at the end.
    private var lastLine = 0
    private var lastTimeNs: Int64 = 0

    init(shift: Int) {
        self.shift = min(max(shift, 12), 40)
    }

    /// The synthetic base of `cpu`'s big window, far from the trace's own addresses.
    private func base(of cpu: Int) -> UInt64 {
        0xffff_c000_0000_0000 &+ (UInt64(truncatingIfNeeded: max(cpu, 0)) << 41)
    }

    mutating func rewrite(_ event: Event, into output: inout [Event]) {
        lastLine = event.line
        lastTimeNs = event.timeNs
        switch event.kind {
        case .ubcAlloc(let va, let offset, let length):
            allocate(va: va, offset: offset, length: length, event: event, into: &output)
            output.append(event)
        case .ubcRelease(let va):
            forget(window: va)
            output.append(event)
        case .pmapKenterPA(let va):
            guard let target = redirect[va & ~(pageSize - 1)] else { return output.append(event) }
            if open[target.cpu]?.mapped.insert(target.page).inserted ?? true {
                output.append(rewritten(event, .pmapKenterPA(va: target.page)))
            }
        case .tlbFill(.kernel, let va):
            guard let target = redirect[va & ~(pageSize - 1)] else { return output.append(event) }
            output.append(rewritten(event, .tlbFill(pmap: .kernel, va: target.page | (va & (pageSize - 1)))))
        case .pmapKremove(let va, _) where windows[va] != nil:
            forget(window: va)
            guard let chunk = windows.removeValue(forKey: va), chunk.completes,
                open[chunk.cpu]?.generation == chunk.generation
            else { return }
            // The read that completes the big window: its unmap is the big window's.
            output.append(rewritten(event, .pmapKremove(va: base(of: chunk.cpu), length: windowSize)))
            open[chunk.cpu] = nil
        default:
            output.append(event)
        }
    }

    /// Big windows still mapped at the end are unmapped there, CPU by CPU.
    mutating func rewriteEnd(into output: inout [Event]) {
        for cpu in open.keys.sorted() {
            guard let window = open.removeValue(forKey: cpu) else { continue }
            let end = Event(
                line: lastLine, cpu: cpu, pid: window.pid, timeNs: lastTimeNs, kind: .pmapUpdate(pmap: .kernel))
            unmapBigWindow(of: cpu, like: end, into: &output)
        }
    }

    private mutating func allocate(va: UInt64, offset: UInt64, length: UInt64, event: Event, into output: inout [Event])
    {
        let cpu = event.cpu
        let index = offset >> UInt64(shift)
        if let window = open[cpu], window.index != index {
            // Leaving a big window its reads did not complete: unmap it now.
            unmapBigWindow(of: cpu, like: event, into: &output)
            open[cpu] = nil
        }
        let generation: Int
        if let window = open[cpu] {
            generation = window.generation
        } else {
            generations += 1
            generation = generations
            open[cpu] = BigWindow(index: index, generation: generation, pid: event.pid)
        }
        // No `offset + length`: it may overflow. The bytes left in the big window from `offset`:
        let left = windowSize - (offset & (windowSize - 1))
        windows[va] = Chunk(length: length, cpu: cpu, generation: generation, completes: length >= left)
        var page: UInt64 = 0
        while page < pagesSpan(length) {
            let target = base(of: cpu) &+ ((offset &+ page) & (windowSize - 1)) & ~(pageSize - 1)
            redirect[va &+ page] = (target, cpu)
            page &+= pageSize
        }
    }

    /// One `pmap_kremove` of `cpu`'s whole big window and a `pmap_update`, on `event`'s CPU.
    private func unmapBigWindow(of cpu: Int, like event: Event, into output: inout [Event]) {
        output.append(rewritten(event, .pmapKremove(va: base(of: cpu), length: windowSize)))
        output.append(rewritten(event, .pmapUpdate(pmap: .kernel)))
    }

    private mutating func forget(window va: UInt64) {
        guard let chunk = windows[va] else { return }
        var page: UInt64 = 0
        while page < pagesSpan(chunk.length) {
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
