import KTrace

/// Finds duplicate wait returns, double posts, lost signals and wait mismatches
/// in a recorded trace (SPEC §3.1), and checks the `netbsd8` replay against it.
public struct SignalAnalyzer {
    private let config: TraceConfig
    private let expectation: WaitExpectation?
    private var rules: SignalRules
    private var baseline: SignalReplayer
    private var waits: [RecordedWait] = []
    private var verdicts: [TestVerdict] = []

    public init(config: TraceConfig) {
        self.init(config: config, expectation: nil)
    }

    /// An analyzer that also compares the trace's waits with an expectation file.
    public init(config: TraceConfig, expectation: WaitExpectation?) {
        self.config = config
        self.expectation = expectation
        rules = SignalRules(numbering: config.signalNumbering, findingLimit: config.findingLimit)
        baseline = SignalReplayer(strategy: SignalStrategySpec(name: "netbsd8"), config: config)
    }

    public mutating func consume(_ event: Event) {
        rules.consume(event)
        baseline.consume(event)
        switch event.kind {
        case .waitReturn(let child, let status, let errno, _):
            waits.append(RecordedWait(event: event, child: child, status: status, errno: errno))
        case .atfTestCaseEnd(let program, let testCase, let result, let reason):
            verdicts.append(
                TestVerdict(event: event, program: program, testCase: testCase, result: result, reason: reason))
        default:
            break
        }
    }

    public mutating func finish() -> SignalAnalysis {
        rules.finish()
        let replay = baseline.finish()
        var analysis = SignalAnalysis()
        analysis.counts = rules.counts
        analysis.hasSignalEvents = rules.hasSignalEvents
        analysis.notes = rules.notes
        let checker = WaitMismatchChecker(
            speller: SignalSpeller(numbering: config.signalNumbering), waits: waits, verdicts: verdicts,
            duplicates: rules.findings.filter { $0.kind == .duplicateWaitReturn })
        let mismatches = checker.check(expectation)
        analysis.hasWaitExpectation = checker.canCompare(expectation)
        analysis.notes += checker.notes(expectation)
        analysis.findings = (rules.findings + mismatches).sorted { $0.line < $1.line }
        analysis.findingTotals = rules.findingList.totals
        if !mismatches.isEmpty { analysis.findingTotals[.waitMismatch, default: 0] += mismatches.count }
        analysis.fidelityMismatches = fidelity(replay)
        if analysis.fidelityMismatches == nil, !waits.isEmpty {
            analysis.notes.append(
                "replay fidelity not checked: the trace's wait results are not recorded (Linux wait4)")
        }
        return analysis
    }

    /// The netbsd8 replay's wait results against the recorded ones, line by line.
    private func fidelity(_ replay: SignalReplayOutcome) -> [Finding]? {
        guard !waits.isEmpty, config.signalNumbering == .netbsd,
            !waits.contains(where: { $0.status == .unknown })
        else { return nil }
        let speller = SignalSpeller(numbering: config.signalNumbering)
        var replayed: [Int: ReplayedWait] = [:]
        for wait in replay.waits { replayed[wait.line] = wait }
        var mismatches: [Finding] = []
        for wait in waits {
            let recorded = speller.status(wait.status, errno: wait.errno)
            let model = replayed[wait.event.line]
            guard model?.result != wait.status || model?.errno != wait.errno else { continue }
            let derived = model?.result.map { speller.status($0, errno: model?.errno ?? 0) } ?? "never returns"
            mismatches.append(
                Finding(
                    kind: .fidelityMismatch, findingClass: "wait", line: wait.event.line, cpu: wait.event.cpu,
                    pid: wait.event.pid, timeNs: wait.event.timeNs,
                    message: "netbsd8 replay: wait by \(wait.event.pid) for \(wait.child) returns \(derived); "
                        + "the trace recorded \(recorded)"))
        }
        return mismatches
    }
}

/// What the signal model found in one recorded trace.
public struct SignalAnalysis: Sendable {
    public var counts = SignalCounts()
    /// `duplicate-wait-return`, `double-sigpost`, `lost-signal`, `wait-mismatch`, in line order.
    public var findings: [Finding] = []
    /// Every finding counted per kind (`findings` keeps only the first of each kind).
    public var findingTotals: [FindingKind: Int] = [:]
    /// False when the trace has no signal/process events (signal checks are then skipped).
    public var hasSignalEvents = false
    /// Whether wait results could be compared against an expectation (`wait-mismatch`):
    /// an expectation file with `wait` lines, or an `atf_tc_end` verdict of passed/failed.
    public var hasWaitExpectation = false
    /// Fidelity of the netbsd8 replay: nil when not applicable (no wait returns, or
    /// wait results not recorded), [] when reproduced, else one finding per differing wait.
    public var fidelityMismatches: [Finding]? = nil
    public var notes: [String] = []

    public init() {}
}
