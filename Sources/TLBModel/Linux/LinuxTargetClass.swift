/// What one target CPU of a Linux TLB flush made of its IPI (docs/tlb-model.md "Linux captures").
public enum LinuxTargetClass: String, Sendable, CaseIterable, Codable {
    /// Its handler flushed the pages (`reason:remote shootdown (1)`).
    case needed
    /// Idle at the send (`power:cpu_idle`, or switched to `swapper`), handler flushed nothing.
    case idle
    /// Its handler switched away from the mm (`reason:flush on task switch (0)`): a lazy
    /// CPU, interrupted because page tables were freed.
    case lazy
    /// Its handler found the mm no longer loaded (`reason:remote wrong CPU (5)`, or no
    /// flush at all before `csd_function_exit`): the CPU was still in the mm's CPU mask.
    case notLoaded = "not-loaded"
    /// The trace cannot say (no handler recorded: `csd` events off, or the trace ended).
    case unknown

    /// Redundant classes are findings; `needed` and `unknown` are not.
    public var isRedundant: Bool { self == .idle || self == .lazy || self == .notLoaded }
}
