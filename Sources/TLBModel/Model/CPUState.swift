import KTrace

/// What the model tracks per CPU (docs/tlb-model.md "Kernel rules"): its TLB, idleness, packet, loaded pmap.
struct CPUState {
    /// Cached translations and the page epoch each was filled at.
    var entries = PageTable<UInt32>(vacant: 0)
    var idle = false
    var idleSinceNs: Int64 = 0
    /// Pages queued by this CPU's unmaps since its last `pmap_update`.
    var packet = Packet()
    /// The user pmap loaded (CR3), if any.
    var loadedSpace: UInt64?
    /// The CPU flushed every translation (kernel ones included) at least once.
    var flushedAll = false
    /// The CPU flushed its user translations at least once (context switch or full flush).
    var flushedUser = false

    /// Whether some flush of this CPU would have removed `key` (docs/tlb-model.md "Classification"'s "or ever").
    func hasFlushed(covering key: PageKey) -> Bool {
        key.isKernel ? flushedAll : flushedAll || flushedUser
    }
}
