import KTrace

/// What the model tracks per CPU (SPEC §2): its TLB, idleness, packet, loaded pmap.
struct CPUState {
    /// Cached translations and the page epoch each was filled at.
    var entries = PageTable<UInt32>()
    var idle = false
    var idleSinceNs: Int64 = 0
    /// Pages queued by this CPU's unmaps since its last `pmap_update`.
    var packet = Packet()
    /// The user pmap loaded (CR3), if any.
    var loadedSpace: UInt64?
    /// Pid last seen running here.
    var pid: Int32 = 0
    /// Sequence number of the last full flush of every translation (kernel ones included).
    var lastFullFlush = Int.min
    /// Sequence number of the last flush of user translations (context switch or full flush).
    var lastUserFlush = Int.min

    /// Sequence number of the last flush that would have removed `key`.
    func lastFlush(covering key: PageKey) -> Int {
        key.isKernel ? lastFullFlush : max(lastFullFlush, lastUserFlush)
    }
}
