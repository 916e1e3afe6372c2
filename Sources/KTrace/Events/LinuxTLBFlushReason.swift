/// Why a Linux `tlb:tlb_flush` event flushed (`enum tlb_flush_reason`,
/// include/linux/mm_types.h), as the event prints it: `reason:remote IPI send (4)`.
public enum LinuxTLBFlushReason: UInt8, Sendable, CaseIterable {
    /// `flush on task switch (0)`: a context switch (or a lazy CPU leaving the mm).
    case taskSwitch = 0
    /// `remote shootdown (1)`: a target's handler flushed the pages it was asked to.
    case remoteShootdown = 1
    /// `local shootdown (2)`: a kernel-range flush on this CPU.
    case localShootdown = 2
    /// `local MM shootdown (3)`: the initiator flushing its own TLB for the mm.
    case localMMShootdown = 3
    /// `remote IPI send (4)`: a flush request, traced before the kernel picks targets.
    case remoteIPISend = 4
    /// `remote wrong CPU (5)`: a handler found the mm no longer loaded and left the mm's CPU mask.
    case remoteWrongCPU = 5
    /// A number this list does not know (a newer kernel).
    case other = 255
}
