import KTrace

/// What a strategy is asked when `proc_stop` stops an LWP for a signal.
public struct StopPostContext: Sendable {
    /// The signal's latest generation was an `_lwp_kill` aimed at the stopping LWP.
    public var aimedByLWPKill: Bool
    /// The signal the LWP just took had been posted by `proc_stop` itself.
    public var takenFromProcStopPost: Bool
}

/// What a strategy is asked before a post makes a signal deliverable on an LWP.
public struct PostContext: Sendable {
    public var signal: Int32
    public var caller: SigpostCaller
    /// The signal is posted on that LWP and not yet taken by `issignal`.
    public var pendingNow: Bool
    /// The signal was posted (deliverably) on that LWP at some earlier time.
    public var postedBefore: Bool
}

/// A kernel policy for posting signals when a traced LWP stops (docs/signal-model.md "Replay").
///
/// The replay and `explore` share one kernel model; a strategy only answers
/// the two questions where the policies differ.
public protocol SignalStrategy: Sendable {
    /// The strategy's name, as `--strategy` spells it.
    var name: SignalStrategyName { get }
    /// Whether `proc_stop` posts the stopping signal to the stopping LWP itself.
    func postsToStoppingLWP(_ context: StopPostContext) -> Bool
    /// Whether a post that would make a signal deliverable is made (false: dropped).
    func keepsPost(_ context: PostContext) -> Bool
}

extension SignalStrategy {
    /// The NetBSD 8 rule: re-post an `_lwp_kill` signal to its target, once.
    func netbsd8SelfPost(_ context: StopPostContext) -> Bool {
        context.aimedByLWPKill && !context.takenFromProcStopPost
    }
}
