import KTrace

/// Finds duplicate wait returns, double posts, lost signals and wait mismatches
/// in a recorded trace (docs/signal-model.md "Rules"), and checks the `netbsd8` replay against it.
public struct SignalAnalyzer {
    private let config: TraceConfig
    private let expectation: WaitExpectation?
    private var rules: SignalRules
    /// Linux captures (Linux signal numbers) follow Linux's own rules (docs/signal-model.md "Linux captures").
    private var linux: LinuxSignalRules?
    /// True on a trace with Linux signal numbers: Linux's rules, no netbsd8 replay.
    /// (Stored: testing the optional `linux` per event copied it.)
    public let usesLinuxRules: Bool
    private var baseline: SignalReplayer
    /// Recorded waits whose netbsd8 replay has not resolved yet, by line: the
    /// fidelity check compares each as soon as it can, so memory stays flat. (A
    /// `KeyTable`: a `Dictionary` hashed each line through SipHash.)
    private var pendingWaits = KeyTable<WaitLine, RecordedWait>(vacant: .unused)
    private var fidelityFindings: FindingList
    private var recordedWaitCount = 0
    private var sawUnknownStatus = false
    /// Every recorded wait, kept only to compare with an expectation file's `wait` lines.
    private var keptWaits: [RecordedWait] = []
    private var verdicts: [TestVerdict] = []
    /// The internal netbsd8 replay's outcome, after `finish()`: a `replay` run uses it
    /// as its baseline instead of replaying netbsd8 a second time.
    public private(set) var baselineOutcome: SignalReplayOutcome?
    /// Whether the rules and the netbsd8 replay drop a process's state once it exited
    /// (on: memory follows the live processes; tests turn it off to compare).
    var forgetsExitedProcesses: Bool {
        get { rules.forgetsExitedProcesses }
        set {
            rules.forgetsExitedProcesses = newValue
            baseline.forgetsExitedProcesses = newValue
        }
    }

    public init(config: TraceConfig) {
        self.init(config: config, expectation: nil)
    }

    /// An analyzer that also compares the trace's waits with an expectation file.
    /// `keepsBaselineOutcome`: the internal netbsd8 replay derives its findings too,
    /// so that `baselineOutcome` is a full replay outcome (else only waits are compared).
    public init(config: TraceConfig, expectation: WaitExpectation?, keepsBaselineOutcome: Bool = false) {
        self.config = config
        self.expectation = expectation
        rules = SignalRules(
            numbering: config.signalNumbering, findingLimit: config.findingLimit, forgetsExitedProcesses: true)
        baseline = SignalReplayer(strategy: SignalStrategySpec(name: .netbsd8), config: config)
        baseline.streamsWaits = true
        baseline.derivesFindings = keepsBaselineOutcome
        fidelityFindings = FindingList(limit: config.findingLimit)
        if config.signalNumbering == .linux { linux = LinuxSignalRules(findingLimit: config.findingLimit) }
        usesLinuxRules = linux != nil
    }

    public mutating func consume(_ event: Event) {
        if usesLinuxRules {
            linux?.consume(event)
        } else if SignalReplayer.isNetBSDSignalEvent(event.kind) {
            consumeSignalEvent(event)
        } else {
            rules.noteOtherEvent(on: event.cpu)
        }
    }

    /// Consecutive events, in file order. An event that is not the signal model's
    /// (≈ 90 % of a mixed trace: TLB events) only ends its CPU's signal call for the
    /// rules: the replay and the wait comparison skip it.
    public mutating func consume(_ events: UnsafeBufferPointer<Event>) {
        if usesLinuxRules {
            for index in events.indices { linux?.consume(events[index]) }
            return
        }
        for index in events.indices {
            if SignalReplayer.isNetBSDSignalEvent(events[index].kind) {
                consumeSignalEvent(events[index])
            } else {
                rules.noteOtherEvent(on: events[index].cpu)
            }
        }
    }

    private mutating func consumeSignalEvent(_ event: Event) {
        rules.consume(event)
        if case .waitReturn(let child, let status, let errno, _) = event.kind {
            let wait = RecordedWait(event: event, child: child, status: status, errno: errno)
            pendingWaits.set(wait, for: WaitLine(line: event.line))
            recordedWaitCount += 1
            if status == .unknown { sawUnknownStatus = true }
            if expectation?.waits.isEmpty == false { keptWaits.append(wait) }
        }
        baseline.consume(event)
        compareResolvedWaits()
        switch event.kind {
        case .atfTestCaseEnd(let program, let testCase, let result, let reason):
            verdicts.append(
                TestVerdict(
                    event: event, program: program.string, testCase: testCase.string, result: result.string,
                    reason: reason?.string))
        default:
            break
        }
    }

    public mutating func finish() -> SignalAnalysis {
        if var linux {
            linux.finish()
            self.linux = linux
            // What Linux did is the `linux` baseline's signal figures.
            var outcome = SignalReplayOutcome()
            outcome.counts = linux.counts
            baselineOutcome = outcome
            return Self.analysis(of: linux)
        }
        rules.finish()
        baselineOutcome = baseline.finish()
        compareResolvedWaits()
        // What the replay never resolved, it never returns.
        for wait in pendingWaits.entries.map(\.value).sorted(by: { $0.event.line < $1.event.line }) {
            compare(wait, with: nil)
        }
        pendingWaits.removeAll()
        var analysis = SignalAnalysis()
        analysis.counts = rules.counts
        analysis.hasSignalEvents = rules.hasSignalEvents
        analysis.notes = rules.notes
        let checker = WaitMismatchChecker(
            speller: SignalSpeller(numbering: config.signalNumbering), waits: keptWaits, verdicts: verdicts,
            duplicates: rules.findings.filter { $0.kind == .duplicateWaitReturn })
        let mismatches = checker.check(expectation)
        analysis.hasWaitExpectation = checker.canCompare(expectation)
        analysis.notes += checker.notes(expectation)
        analysis.findings = (rules.findings + mismatches).sorted { $0.line < $1.line }
        analysis.findingTotals = rules.findingList.totals
        if !mismatches.isEmpty { analysis.findingTotals[.waitMismatch, default: 0] += mismatches.count }
        analysis.fidelityMismatches = fidelityApplies ? fidelityFindings.findings.sorted { $0.line < $1.line } : nil
        if analysis.fidelityMismatches == nil, recordedWaitCount > 0 {
            analysis.notes.append(
                "replay fidelity not checked: the trace's wait results are not recorded (Linux wait4)")
        }
        return analysis
    }

    /// What the Linux rules found: no replay fidelity (wait4 records no status).
    private static func analysis(of linux: LinuxSignalRules) -> SignalAnalysis {
        var analysis = SignalAnalysis()
        analysis.counts = linux.counts
        analysis.hasSignalEvents = linux.hasSignalEvents
        analysis.notes = linux.notes
        analysis.findings = linux.findings
        analysis.findingTotals = linux.findingList.totals
        if linux.counts.waitReturns > 0 {
            analysis.notes.append(
                "replay fidelity not checked: the trace's wait results are not recorded (Linux wait4)")
        }
        return analysis
    }

    /// The netbsd8 replay's wait results against the recorded ones, line by line.
    /// Fidelity is decided on NetBSD traces whose waits all recorded a status.
    private var fidelityApplies: Bool {
        recordedWaitCount > 0 && config.signalNumbering == .netbsd && !sawUnknownStatus
    }

    private mutating func compareResolvedWaits() {
        guard baseline.hasResolvedWaits else { return }  // nearly always (runs on every signal event)
        for replayed in baseline.takeResolvedWaits() {
            guard let slot = pendingWaits.slot(of: WaitLine(line: replayed.line)) else { continue }
            let wait = pendingWaits[slot: slot]
            pendingWaits.removeSlot(slot)
            compare(wait, with: replayed)
        }
    }

    /// One recorded wait against what the netbsd8 replay made of it (nil: never returns).
    private mutating func compare(_ wait: RecordedWait, with model: ReplayedWait?) {
        guard model?.result != wait.status || model?.errno != wait.errno else { return }
        guard fidelityFindings.admit(.fidelityMismatch) else { return }
        let speller = SignalSpeller(numbering: config.signalNumbering)
        let recorded = speller.status(wait.status, errno: wait.errno)
        let derived = model?.result.map { speller.status($0, errno: model?.errno ?? 0) } ?? "never returns"
        fidelityFindings.keep(
            Finding(
                kind: .fidelityMismatch, findingClass: .wait, line: wait.event.line, cpu: wait.event.cpu,
                pid: wait.event.pid, timeNs: wait.event.timeNs,
                message: "netbsd8 replay: wait by \(wait.event.pid) for \(wait.child) returns \(derived); "
                    + "the trace recorded \(recorded)"))
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
