/// The TLB strategies (docs/tlb-model.md, "Replay decisions"), as `--strategy` spells them.
public enum TLBStrategyName: String, Sendable, CaseIterable, CustomStringConvertible {
    case netbsd8
    case idleLazy = "idle-lazy"
    case noWaitIdle = "no-wait-idle"
    case deferredUnmap = "deferred-unmap"
    case ubcWinshift = "ubc-winshift"
    case bindLocal = "bind-local"
    case directMap = "direct-map"
    case xenHypercall = "xen-hypercall"
    case tpMaxva = "tp-maxva"
    case none
    /// Linux's own rule (Linux captures only; a NetBSD trace replays it as `netbsd8`).
    case linux

    public var description: String { rawValue }
}
