import Analysis
import Reports

/// Hand-built results matching `Tests/Fixtures/*.expected.md`, until the pipeline produces them.
enum ExampleResults {
    static let ffsPath = "Tests/Fixtures/ffs-read-4cpu.trace"
    static let ptracePath = "Tests/Fixtures/ptrace-dbregs-race.trace"

    /// Both examples in one result, as `kreplay report A B` gives them.
    static var both: AnalysisResult { AnalysisResult(version: "0.1.0", traces: [ffs, ptrace]) }

    static var ffs: TraceResult {
        var tlb = TLBCounts()
        tlb.unmaps = 3
        tlb.shootdownIPIs = 3
        tlb.targets = 9
        tlb.redundantTargets = 8
        tlb.idleTargets = 6
        tlb.fullFlushes = 1
        tlb.tpMaxvaOverflows = 1
        tlb.initiatorWaitNs = 20000
        tlb.redundantByClass = ["idle": 6, "not-cached": 2]
        var findings: [Finding] = []
        for (line, time, targets) in [
            (16, 10_000_133_000, [(1, "not-cached"), (2, "idle"), (3, "idle")]),
            (34, 10_000_233_000, [(2, "idle"), (3, "idle")]),
            (62, 10_000_322_000, [(1, "not-cached"), (2, "idle"), (3, "idle")]),
        ] as [(Int, Int64, [(Int, String)])] {
            for (cpu, kind) in targets {
                let why =
                    kind == "idle"
                    ? "cpu\(cpu) idle since t=10.000000 and never cached the pages"
                    : "cpu\(cpu) never cached the pages"
                findings.append(
                    Finding(
                        kind: .redundantShootdown, findingClass: FindingClass(kind), line: line, cpu: cpu, pid: 512,
                        timeNs: time,
                        message: "\(ffsPath):\(line): IPI to cpu\(cpu) redundant: \(why)"))
            }
        }
        var input = InputSummary()
        input.bytes = 6252
        input.lines = 67
        input.commentLines = 5
        return TraceResult(
            path: ffsPath, variant: "amd64", ncpu: 4, events: 62, tlb: tlb, findings: findings,
            checks: [
                CheckResult(
                    name: "tlb_no_redundant_shootdowns", result: .failed,
                    reason: "8 of 9 shootdown targets redundant (6 idle, 2 not-cached)"),
                CheckResult(name: "tlb_no_stale_translations", result: .passed),
                CheckResult(
                    name: "signal_no_duplicate_wait", result: .skipped, reason: "no signal events in the trace"),
                CheckResult(name: "signal_no_double_post", result: .skipped, reason: "no signal events in the trace"),
                CheckResult(name: "signal_no_lost_signals", result: .skipped, reason: "no signal events in the trace"),
                CheckResult(name: "trace_variant_consistent", result: .passed),
                CheckResult(name: "replay_fidelity", result: .passed),
                CheckResult(name: "trace_well_formed", result: .passed),
            ],
            replays: [
                replay("netbsd8", ipis: 3, targets: 9, idle: 6, inval: 20, full: 1, wait: 20000, cpu: 29600),
                replay("idle-lazy", ipis: 3, targets: 3, idle: 0, inval: 10, full: 1, wait: 6300, cpu: 9900),
                replay("none", ipis: 0, targets: 0, idle: 0, inval: 3, full: 1, wait: 0, cpu: 2600),
            ], input: input)
    }

    static var ptrace: TraceResult {
        var signal = SignalCounts()
        signal.posts = 4
        signal.stops = 4
        signal.waitReturns = 6
        signal.duplicateWaitReturns = 1
        signal.doublePosts = 1
        let findings = [
            Finding(
                kind: .doubleSigpost, line: 35, cpu: 1, pid: 601, lid: 1, timeNs: 20_000_106_000,
                message:
                    "\(ptracePath):35: SIGSTOP posted twice to 601/1 for one _lwp_kill (callers kpsignal2 at line 31 and proc_stop)"
            ),
            Finding(
                kind: .duplicateWaitReturn, line: 44, cpu: 0, pid: 600, timeNs: 20_000_130_000,
                message:
                    "\(ptracePath):44: wait(WNOHANG) reports the SIGSTOP stop of 601 that line 37 already reported; no SIGSTOP generated since"
            ),
        ]
        var single = SignalCounts()
        single.posts = 3
        single.stops = 3
        single.waitReturns = 6
        var dedup = signal
        dedup.doublePosts = 1
        var drop = SignalCounts()
        drop.posts = 2
        drop.stops = 2
        drop.waitReturns = 6
        drop.lostSignals = 1
        return TraceResult(
            path: ptracePath, variant: "amd64", ncpu: 2, events: 45, signal: signal, findings: findings,
            checks: [
                CheckResult(
                    name: "tlb_no_redundant_shootdowns", result: .skipped, reason: "no TLB events in the trace"),
                CheckResult(name: "tlb_no_stale_translations", result: .skipped, reason: "no TLB events in the trace"),
                CheckResult(
                    name: "signal_no_duplicate_wait", result: .failed, reason: "1 duplicate wait return (line 44)"),
                CheckResult(name: "signal_no_double_post", result: .failed, reason: "1 double sigpost (line 35)"),
                CheckResult(name: "signal_no_lost_signals", result: .passed),
                CheckResult(name: "trace_variant_consistent", result: .passed),
                CheckResult(name: "replay_fidelity", result: .passed),
                CheckResult(name: "trace_well_formed", result: .passed),
            ],
            replays: [
                ReplayResult(strategy: "netbsd8", signal: signal),
                ReplayResult(strategy: "single-stop", signal: single),
                ReplayResult(strategy: "dedup-pending", signal: dedup),
                ReplayResult(strategy: "drop-second", signal: drop),
            ], notes: ["the test's own verdict was passed: its extra WNOHANG wait hid the duplicate"])
    }

    static func replay(
        _ name: String, ipis: Int, targets: Int, idle: Int, inval: Int, full: Int, wait: Int64, cpu: Int64
    ) -> ReplayResult {
        var tlb = TLBReplayCounts()
        tlb.ipis = ipis
        tlb.targets = targets
        tlb.idleTargets = idle
        tlb.invalidations = inval
        tlb.fullFlushes = full
        tlb.initiatorWaitNs = wait
        tlb.cpuNs = cpu
        return ReplayResult(strategy: name, tlb: tlb)
    }

    /// What the pipeline should collect for the HTML timeline of the two examples.
    static var timelines: [String: Timeline] {
        let ffs = Timeline(
            cpus: 4,
            idlePeriods: [
                .init(cpu: 2, startNs: 10_000_000_000, endNs: nil), .init(cpu: 3, startNs: 10_000_000_000, endNs: nil),
            ],
            ipis: [
                .init(
                    timeNs: 10_000_133_000, line: 16, initiator: 0,
                    targets: [
                        .init(cpu: 1, classification: "not-cached"),
                        .init(cpu: 2, classification: "idle"),
                        .init(cpu: 3, classification: "idle"),
                    ], pages: 2),
                .init(
                    timeNs: 10_000_233_000, line: 34, initiator: 0,
                    targets: [
                        .init(cpu: 1, classification: "needed"), .init(cpu: 2, classification: "idle"),
                        .init(cpu: 3, classification: "idle"),
                    ], pages: 2),
                .init(
                    timeNs: 10_000_322_000, line: 62, initiator: 0,
                    targets: [
                        .init(cpu: 1, classification: "not-cached"),
                        .init(cpu: 2, classification: "idle"),
                        .init(cpu: 3, classification: "idle"),
                    ], pages: 0),
            ],
            unmaps: [
                .init(timeNs: 10_000_131_000, line: 14, cpu: 0, pages: 2),
                .init(timeNs: 10_000_231_000, line: 32, cpu: 0, pages: 2),
                .init(timeNs: 10_000_320_000, line: 60, cpu: 0, pages: 8),
            ])
        let ptrace = Timeline(
            cpus: 2,
            stops: [
                .init(timeNs: 20_000_036_000, line: 15, cpu: 1, pid: 601, signal: "SIGSTOP"),
                .init(timeNs: 20_000_075_000, line: 25, cpu: 1, pid: 601, signal: "SIGTRAP"),
                .init(timeNs: 20_000_107_000, line: 36, cpu: 1, pid: 601, signal: "SIGSTOP"),
                .init(timeNs: 20_000_125_000, line: 43, cpu: 1, pid: 601, signal: "SIGSTOP"),
            ])
        return [ffsPath: ffs, ptracePath: ptrace]
    }
}
