import KTrace

/// The `linux` replay baseline against the recorded IPIs (docs/tlb-model.md "Linux captures"): which CPUs
/// got a flush IPI for each request.
public struct LinuxFidelity: Sendable, Equatable {
    /// Why the comparison could not be made (no TGID column, no request); nil when made.
    public var skippedReason: String?
    /// Requests compared (every other CPU's process known at the request).
    public var compared = 0
    /// Requests not compared: some other CPU's process was not known yet.
    public var undetermined = 0
    /// Recorded targets outside the prediction whose handler shows why (lazy, not
    /// loaded, idle, unknown): page tables freed, or the mm's CPU mask trimmed —
    /// what the kernel decides from state the trace does not show.
    public var explainedExtras = 0
    /// One `fidelity-mismatch` finding per request that differs otherwise.
    public var mismatches: [Finding] = []

    public init() {}
}
