import KTrace
import SignalModel

/// What to do with each trace besides the baseline analysis.
public struct AnalysisOptions: Sendable {
    /// Strategies to replay, in order (`idle-lazy`, `deferred-unmap:fifo=32`, …).
    public var strategies: [String] = []
    /// `check → reason`: checks known to fail (docs/checks.md `--expect`).
    public var expectations: [CheckName: String] = [:]
    public var read = ReadOptions()
    /// The wait results the test expects (an expectation file's `wait` lines).
    public var waitExpectation: WaitExpectation?
    /// Collect per-event data for the HTML timeline.
    public var collectTimeline = false
    /// Threads that run the models while the reading thread parses; 0 runs them on
    /// the reading thread, nil picks one per core (at most one per model).
    /// Results do not depend on it.
    public var modelThreads: Int?

    public init() {}
}

/// Why an analysis could not run at all (the CLI maps these to exit statuses).
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A trace cannot be opened (exit 66).
    case input(TraceInputError)
    /// A strategy name or parameter is not known (exit 64).
    case badStrategy(String)

    public var description: String {
        switch self {
        case .input(let error): return error.description
        case .badStrategy(let message): return message
        }
    }
}
