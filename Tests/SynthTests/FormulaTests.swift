import Analysis
import KTrace
import Synth
import Testing

/// Counts that follow from the options, checked through the real analysis.
///
/// DEPENDS ON THE MODELS: these go through `analyzeTrace(text:)`, so they need
/// the real TLB and signal models (merged into main); with the stubs they fail.
/// The `parsed` checks in each test only need the parser.
@Suite("Synth formulas (through the TLB and signal models)")
struct FormulaTests {
    struct FFSCase: CustomTestStringConvertible, Sendable {
        var size: UInt64
        var ncpu: Int
        var idle: Int
        var busy: Int
        var winshift: Int
        var variant: KernelVariant
        var testDescription: String { "\(size)B \(ncpu)cpu idle=\(idle) busy=\(busy) ws=\(winshift) \(variant)" }
    }

    static let ffsCases: [FFSCase] = [
        FFSCase(size: 64 << 10, ncpu: 2, idle: 1, busy: 0, winshift: 13, variant: .amd64),
        FFSCase(size: 100_000, ncpu: 8, idle: 3, busy: 2, winshift: 13, variant: .amd64),
        FFSCase(size: 1 << 20, ncpu: 8, idle: 6, busy: 1, winshift: 17, variant: .amd64),
        FFSCase(size: 200 << 10, ncpu: 32, idle: 31, busy: 0, winshift: 13, variant: .amd64),
        FFSCase(size: 100_000, ncpu: 8, idle: 3, busy: 2, winshift: 13, variant: .amd64Xen),
        FFSCase(size: 1 << 20, ncpu: 4, idle: 2, busy: 1, winshift: 17, variant: .i386PAEXen),
        FFSCase(size: 20_000, ncpu: 4, idle: 3, busy: 0, winshift: 14, variant: .i386PAE),
        FFSCase(size: 8192, ncpu: 1, idle: 0, busy: 0, winshift: 13, variant: .amd64),
    ]

    @Test("ffs-read counts follow from size, winshift, ncpu, idle, busy readers and variant", arguments: ffsCases)
    func ffsRead(_ options: FFSCase) throws {
        var scenario = FFSReadScenario()
        scenario.size = options.size
        scenario.ncpu = options.ncpu
        scenario.idle = options.idle
        scenario.busyReaders = options.busy
        scenario.winshift = options.winshift
        scenario.variant = options.variant
        let (text, stats) = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }

        // windows = ceil(size / 2^winshift); pages of window i = ceil(len_i / 4096).
        let window = UInt64(1) << UInt64(options.winshift)
        let windows = ceilDiv(options.size, window)
        let lastPages = ceilDiv(options.size - UInt64(windows - 1) * window, 4096)
        let pages = Array(repeating: Int(window / 4096), count: windows - 1) + [lastPages]
        let tpMaxva = 6
        let fullFlushes = pages.filter { $0 > tpMaxva }.count
        let others = options.ncpu - 1
        // Native: one IPI per window. Xen: one invlpg_multi per page, or one tlb_flush_multi.
        let shootdowns =
            others == 0 ? 0 : options.variant.isXen ? pages.map { $0 > tpMaxva ? 1 : $0 }.reduce(0, +) : windows
        let targets = shootdowns * others
        let idleTargets = shootdowns * options.idle
        // Each busy reader cached one page of every window: it is needed once per window.
        let redundant = targets - (others == 0 ? 0 : windows * options.busy)

        let parsed = ParsedCounts(text)
        #expect(parsed.unmaps == windows)
        #expect(parsed.ipis + parsed.hypercalls == shootdowns)
        #expect(parsed.targets == targets)
        #expect(parsed.idleEnters == options.idle)
        #expect(stats.shootdownIPIs == shootdowns && stats.redundantTargets == redundant)

        let result = try analyze(text)
        #expect(result.tlb.unmaps == windows)
        #expect(result.tlb.shootdownIPIs == shootdowns)
        #expect(result.tlb.targets == targets)
        #expect(result.tlb.idleTargets == idleTargets)
        #expect(result.tlb.fullFlushes == (others == 0 ? 0 : fullFlushes))
        #expect(result.tlb.redundantTargets == redundant)
        #expect(result.tlb.redundantByClass["idle", default: 0] == idleTargets)
        #expect(result.tlb.staleUses == 0)
        // One CPU: no shootdown at all, so the fidelity check has nothing to compare.
        expectClean(result, fidelity: others == 0 ? .skipped : .passed)
    }

    @Test(
        "lwp-kill: posts, stops and waits per iteration, with and without the race",
        arguments: [
            (5, 1, true), (7, 3, true), (7, 3, false), (0, 2, true),
        ])
    func lwpKill(count: Int, lwps: Int, race: Bool) throws {
        var scenario = LWPKillScenario()
        scenario.count = count
        scenario.lwps = lwps
        scenario.race = race
        let text = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }.text
        let racy = race ? 1 : 0
        // Session: 1 post, 1 stop, 3 waits; iteration: lwps + race posts, 1 + race stops and waits.
        let posts = 1 + count * (lwps + racy)
        let stops = 1 + count * (1 + racy)
        let waits = 3 + count * (1 + racy)
        let parsed = ParsedCounts(text)
        #expect(parsed.posts == posts && parsed.stops == stops && parsed.waits == waits)

        let result = try analyze(text)
        #expect(result.signal.posts == posts)
        #expect(result.signal.stops == stops)
        #expect(result.signal.waitReturns == waits)
        #expect(result.signal.duplicateWaitReturns == count * racy)
        #expect(result.signal.lostSignals == 0)
        #expect(result.findings.filter { $0.kind == .doubleSigpost }.count == count * racy)
        expectClean(result)
    }

    @Test(
        "ptrace-dbregs: the race gives one double post and one duplicate wait; the fix none",
        arguments: [
            true, false,
        ])
    func dbregs(race: Bool) throws {
        var scenario = PtraceDbregsScenario()
        scenario.race = race
        let text = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }.text
        let result = try analyze(text)
        #expect(result.signal.posts == (race ? 4 : 3))
        #expect(result.signal.stops == (race ? 4 : 3))
        #expect(result.signal.waitReturns == 6)
        #expect(result.signal.duplicateWaitReturns == (race ? 1 : 0))
        #expect(check("signal_no_duplicate_wait", result) == (race ? .failed : .passed))
        #expect(check("signal_no_double_post", result) == (race ? .failed : .passed))
        expectClean(result)
    }

    @Test("reused window addresses make `none` unsafe and leave `idle-lazy` safe")
    func negativeControl() throws {
        var scenario = FFSReadScenario()
        scenario.size = 128 << 10
        scenario.busyReaders = 1
        scenario.ubcWindows = 4
        let text = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }.text
        var options = AnalysisOptions()
        options.strategies = ["idle-lazy", "none"]
        let result = try analyzeTrace(text: text, options: options)
        #expect(result.tlb.staleUses == 0)
        #expect(result.replays.first { $0.strategy == "idle-lazy" }?.tlb.staleUses == 0)
        #expect((result.replays.first { $0.strategy == "none" }?.tlb.staleUses ?? 0) > 0)
        #expect(result.replays.first { $0.strategy == "idle-lazy" }?.tlb.targets == scenario.windowCount)
    }

    @Test("mixed: the analysis counts what the generator says it wrote")
    func mixed() throws {
        var scenario = MixedScenario()
        scenario.size = 512 << 10
        scenario.ncpu = 6
        scenario.readers = 2
        let (text, stats) = try synthesize { emitter throws(SynthError) in try scenario.generate(into: emitter) }
        let result = try analyze(text)
        #expect(result.tlb.shootdownIPIs == stats.shootdownIPIs)
        #expect(result.tlb.targets == stats.targets)
        #expect(result.tlb.idleTargets == stats.idleTargets)
        #expect(result.tlb.redundantTargets == stats.redundantTargets)
        #expect(result.signal.posts == stats.posts)
        #expect(result.signal.stops == stats.stops)
        #expect(result.signal.waitReturns == stats.waitReturns)
        #expect(result.signal.duplicateWaitReturns == stats.duplicateWaitReturns)
        #expect(result.events == stats.events)
        expectClean(result)
    }

    func check(_ name: CheckName, _ result: TraceResult) -> CheckOutcome? {
        result.checks.first { $0.name == name }?.result
    }

    /// Generated traces are well formed and reproduced by the netbsd8 replay.
    func expectClean(
        _ result: TraceResult, fidelity: CheckOutcome = .passed, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.malformedLines == 0, sourceLocation: sourceLocation)
        #expect(check("trace_well_formed", result) == .passed, sourceLocation: sourceLocation)
        #expect(
            check("replay_fidelity", result) == fidelity, "\(result.findings.prefix(3))", sourceLocation: sourceLocation
        )
        #expect(check("trace_variant_consistent", result) != .failed, sourceLocation: sourceLocation)
    }
}
