import KTrace

/// Enumerates the interleavings of a scenario under a strategy, depth first,
/// with a set of visited states, and keeps each schedule that ends in a finding.
///
/// A step is one system call of one thread, or one LWP taking a pending
/// signal on its way to user space (`issignal` … `proc_stop_done`). An LWP
/// with a signal pending takes it before its next call; nothing in a stopped
/// process moves; a blocking `wait` moves only when it can return.
public struct SignalExplorer {
    public let scenario: ExploreScenario
    public let strategy: SignalStrategySpec
    public let maxSteps: Int
    private let policy: any SignalStrategy

    /// Header lines of every trace written; events start on the line after them.
    static let headerLines = 4

    public init(scenario: ExploreScenario, strategy: SignalStrategySpec, maxSteps: Int = 64) {
        let policy = strategy.makeStrategy()
        self.scenario = scenario
        self.strategy = strategy
        self.maxSteps = max(1, maxSteps)
        self.policy = policy
    }

    public func run() -> ExploreResult {
        var search = ExploreSearch(
            scenario: scenario, policy: policy, maxSteps: maxSteps,
            result: ExploreResult(scenario: scenario.name, strategy: strategy.name.rawValue, maxSteps: maxSteps))
        search.visit(initialNode(), depth: 0)
        return search.result
    }

    /// The common start: fork, PT_TRACE_ME; then the scenario's threads.
    private func initialNode() -> ExploreNode {
        var node = ExploreNode(
            kernel: SignalKernel(numbering: .netbsd), rules: SignalRules(numbering: .netbsd),
            pcs: Array(repeating: 0, count: scenario.threads.count))
        let tracer = ExploreScenario.tracer
        let tracee = ExploreScenario.tracee
        node.kernel.ensureLWP(pid: tracer, lid: 1, cpu: 0)
        node.record(cpu: 0, pid: tracer, .fork(child: tracee))
        node.kernel.fork(parent: tracer, child: tracee, cpu: 1)
        for thread in scenario.threads where thread.pid == tracee {
            node.kernel.ensureLWP(pid: tracee, lid: thread.lid, cpu: thread.cpu)
        }
        var log = ReactionLog()
        let sender = SynthEvent(cpu: 1, pid: tracee, kind: .ignored)
        _ = node.kernel.ptrace(.traceMe, pid: tracee, signal: 0, sender: sender, strategy: policy, log: &log)
        node.record(cpu: 1, pid: tracee, .ptrace(request: .traceMe, pid: tracee, signal: 0))
        return node
    }
}

/// One point of a schedule: the model's state and how it got there.
struct ExploreNode {
    var kernel: SignalKernel
    var rules: SignalRules
    var pcs: [Int]
    var events: [Event] = []
    var steps: [String] = []

    /// The state that decides the future: visited-set key.
    var key: ExploreStateKey { ExploreStateKey(kernel: kernel, pcs: pcs, rules: rules.fingerprint()) }

    /// Appends an event on the next trace line and runs the rules on it.
    mutating func record(cpu: Int, pid: Int32, _ kind: EventKind) {
        let index = events.count
        let event = Event(
            line: SignalExplorer.headerLines + index + 1, cpu: cpu, pid: pid,
            timeNs: 20_000_000_000 + Int64(index) * 10_000, kind: kind)
        events.append(event)
        rules.consume(event)
    }

    mutating func record(_ log: ReactionLog) {
        for synth in log.events { record(cpu: synth.cpu, pid: synth.pid, synth.kind) }
    }
}

struct ExploreStateKey: Hashable {
    var kernel: SignalKernel
    var pcs: [Int]
    var rules: RulesFingerprint
}
