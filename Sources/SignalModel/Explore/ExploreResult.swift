import KTrace

/// What `explore` found for one scenario under one strategy.
public struct ExploreResult: Sendable {
    public var scenario: String
    public var strategy: String
    /// The bound: schedules longer than this many steps were cut.
    public var maxSteps: Int
    /// Distinct states visited (kernel state, program counters, rule state).
    public var statesExplored = 0
    /// Complete schedules enumerated (ending where no thread can move).
    public var schedulesExplored = 0
    /// Schedules cut at the bound.
    public var schedulesCut = 0
    /// Each distinct schedule that ends in a finding.
    public var counterexamples: [Counterexample] = []

    public init(scenario: String, strategy: String, maxSteps: Int) {
        self.scenario = scenario
        self.strategy = strategy
        self.maxSteps = maxSteps
    }
}

/// A schedule that ends in a finding, as a replayable trace.
public struct Counterexample: Sendable {
    /// The steps, one per scheduling decision (`tracer: wait → stopped:SIGSTOP`, `tracee/1: userret`).
    public var steps: [String]
    /// The §3.1 findings on the schedule's events, tied to lines of `traceText`.
    public var findings: [Finding]
    /// A trace file `kreplay analyze` accepts (docs/trace-format.md "Event lines" layout with headers).
    public var traceText: String
}
