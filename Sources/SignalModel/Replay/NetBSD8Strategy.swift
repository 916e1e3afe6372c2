/// The baseline: `proc_stop` re-posts an `_lwp_kill` signal to the stopping LWP
/// (the seed's double post), and every post is made.
public struct NetBSD8Strategy: SignalStrategy {
    public let name = SignalStrategyName.netbsd8
    public init() {}
    public func postsToStoppingLWP(_ context: StopPostContext) -> Bool { netbsd8SelfPost(context) }
    public func keepsPost(_ context: PostContext) -> Bool { true }
}
