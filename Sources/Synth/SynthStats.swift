/// What a generator wrote, counted the way `kreplay analyze` counts (docs/reports.md "JSON contract"),
/// so tests and `synth --stats` can compare it with the analysis.
public struct SynthStats: Sendable, Equatable, Codable {
    public var lines = 0
    /// Uncompressed bytes.
    public var bytes: Int64 = 0
    public var members = 1
    /// Event lines (lines that are neither headers nor comments).
    public var events = 0
    public var windows = 0
    public var unmaps = 0
    /// `tlb_shootdown_ipi` plus `xen_mmuext` events.
    public var shootdownIPIs = 0
    /// (shootdown, target CPU) pairs.
    public var targets = 0
    public var idleTargets = 0
    /// Targets that cached one of the pages shot down.
    public var neededTargets = 0
    public var fullFlushes = 0
    public var posts = 0
    public var stops = 0
    public var waitReturns = 0
    public var duplicateWaitReturns = 0
    public var doublePosts = 0

    public init() {}

    /// Targets a NetBSD 8 shootdown interrupted without need.
    public var redundantTargets: Int { targets - neededTargets }

    enum CodingKeys: String, CodingKey {
        case lines, bytes, members, events, windows, unmaps
        case shootdownIPIs = "shootdown_ipis"
        case targets
        case idleTargets = "idle_targets"
        case neededTargets = "needed_targets"
        case fullFlushes = "full_flushes"
        case posts, stops
        case waitReturns = "wait_returns"
        case duplicateWaitReturns = "duplicate_wait_returns"
        case doublePosts = "double_posts"
    }
}
