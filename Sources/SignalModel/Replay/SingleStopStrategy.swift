/// `proc_stop` never posts the signal to the LWP stopping for it: one generation, one stop.
public struct SingleStopStrategy: SignalStrategy {
    public let name = SignalStrategyName.singleStop
    public init() {}
    public func postsToStoppingLWP(_ context: StopPostContext) -> Bool { false }
    public func keepsPost(_ context: PostContext) -> Bool { true }
}
