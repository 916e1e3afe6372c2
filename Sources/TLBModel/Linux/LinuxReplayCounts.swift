/// What one TLB strategy would have done on a Linux capture's flush requests
/// (`linux`, `netbsd8`, `idle-lazy`; docs/tlb-model.md "Linux captures" "Replay").
public struct LinuxReplayCounts: Sendable, Equatable, Codable {
    /// Requests that interrupt at least one CPU (one IPI each, single or mask).
    public var ipis = 0
    /// (request, target CPU) pairs.
    public var targets = 0
    /// Targets idle at the request.
    public var idleTargets = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case ipis, targets
        case idleTargets = "idle_targets"
    }
}
