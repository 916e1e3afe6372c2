import KTrace

/// What a signal strategy did on a trace.
public struct SignalReplayOutcome: Sendable {
    public var counts = SignalCounts()
    /// The §3.1 findings on the re-derived stream, tied to the workload lines that caused them.
    public var findings: [Finding] = []
    public var notes: [String] = []
    /// Each workload `wait`, with what it returns under the strategy, in line order.
    public var waits: [ReplayedWait] = []
    /// The re-derived stream, when the replayer's `keepsEvents` was set.
    public var events: [Event] = []

    public init() {}
}

/// One workload `wait` and what it returned in a replay.
public struct ReplayedWait: Sendable, Equatable {
    /// The recorded `wait_return` line.
    public var line: Int
    public var waiter: Int32
    public var child: Int32
    /// nil: a blocking wait that never returns under the strategy.
    public var result: WaitStatus?
    public var errno: Int32

    public init(line: Int, waiter: Int32, child: Int32, result: WaitStatus?, errno: Int32 = 0) {
        self.line = line
        self.waiter = waiter
        self.child = child
        self.result = result
        self.errno = errno
    }
}
