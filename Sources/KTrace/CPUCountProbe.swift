/// Finds the CPU count of a trace whose headers do not declare one (docs/trace-format.md "Headers":
/// "`ncpu` missing → highest CPU number seen + 1"), in a first pass.
///
/// The models need the count before the first event: a kernel shootdown
/// targets every running CPU, including CPUs whose first event comes later.
/// A CPU counts as seen when an event happens on it or names it (a shootdown
/// target, an `lwp_bind` CPU). When the headers (or `--ncpu`) declare the
/// count, the probe stops reading at the first event.
public struct CPUCountProbe: TraceConsumer {
    /// The count the headers declared, if any.
    public private(set) var declared: Int?
    /// The highest CPU number seen, -1 before any.
    public private(set) var highest = -1

    public init() {}

    public mutating func begin(config: TraceConfig) { declared = config.declaredCPUCount }

    public var readsEvents: Bool { declared == nil }

    public mutating func consume(_ event: Event) {
        highest = max(highest, event.cpu, event.kind.highestNamedCPU?.cpu ?? -1)
    }

    /// The count to declare: nil when the headers declared one or no CPU was seen.
    public var inferredCount: Int? {
        declared == nil && highest >= 0 ? highest + 1 : nil
    }
}
