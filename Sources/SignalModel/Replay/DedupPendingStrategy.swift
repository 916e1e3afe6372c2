/// A post of a signal still pending on the LWP is dropped. Helps only when the
/// two posts race (the first not yet taken when `proc_stop` posts again).
public struct DedupPendingStrategy: SignalStrategy {
    public let name = SignalStrategyName.dedupPending
    public init() {}
    public func postsToStoppingLWP(_ context: StopPostContext) -> Bool { netbsd8SelfPost(context) }
    public func keepsPost(_ context: PostContext) -> Bool { !context.pendingNow }
}
