/// Unsafe negative control: once an LWP had a signal posted, every later post of
/// it is dropped, even for a new generation — it must produce `lost-signal`.
public struct DropSecondStrategy: SignalStrategy {
    public let name = SignalStrategyName.dropSecond
    public init() {}
    public func postsToStoppingLWP(_ context: StopPostContext) -> Bool { netbsd8SelfPost(context) }
    public func keepsPost(_ context: PostContext) -> Bool { !context.postedBefore }
}
