/// Whole-trace counts of a ``Timeline`` per CPU per time bucket: what the timeline draws where
/// it has no detail, and what it draws when zoomed out.
///
/// Buckets are `bucketNs` wide from `startNs`; there are at most ``TimelineOverview/maxBuckets``
/// (the recorder doubles the width and merges pairs as the trace goes on). Every array is
/// indexed `[cpu][bucket]`.
public struct TimelineOverview: Sendable, Equatable {
    /// Buckets at most (the page stays small: cells are buckets × CPUs).
    public static let maxBuckets = 1024

    public var startNs: Int64
    public var bucketNs: Int64
    public var buckets: Int
    /// Shootdowns this CPU initiated.
    public var sent: [[Int]]
    /// Targets this CPU received, per class name (`needed`, `idle`, `not-cached`, …).
    public var received: [String: [[Int]]]
    /// Nanoseconds of the bucket this CPU spent idle.
    public var idleNs: [[Int64]]
    public var unmaps: [[Int]]
    public var stops: [[Int]]
    public var waits: [[Int]]

    public init(
        startNs: Int64, bucketNs: Int64, buckets: Int, sent: [[Int]] = [], received: [String: [[Int]]] = [:],
        idleNs: [[Int64]] = [], unmaps: [[Int]] = [], stops: [[Int]] = [], waits: [[Int]] = []
    ) {
        self.startNs = startNs
        self.bucketNs = bucketNs
        self.buckets = buckets
        self.sent = sent
        self.received = received
        self.idleNs = idleNs
        self.unmaps = unmaps
        self.stops = stops
        self.waits = waits
    }
}
