/// Signal counts of one trace (docs/reports.md "JSON contract").
public struct SignalCounts: Sendable, Codable, Equatable {
    public var posts = 0
    public var stops = 0
    public var waitReturns = 0
    public var duplicateWaitReturns = 0
    public var lostSignals = 0
    public var doublePosts = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case posts, stops
        case waitReturns = "wait_returns"
        case duplicateWaitReturns = "duplicate_wait_returns"
        case lostSignals = "lost_signals"
        case doublePosts = "double_posts"
    }
}
