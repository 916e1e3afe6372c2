import KTrace

/// `synth mixed`: both workloads at once, for benchmarks. `readers` CPUs read
/// files through UBC windows in turn (each window's shootdown hits every other
/// CPU, the readers included), one CPU runs a tracer and the next ones the
/// LWPs of traced processes that `_lwp_kill` themselves; the remaining CPUs are
/// idle. Every `signalEvery` windows one `_lwp_kill` iteration runs; every
/// `killsPerSession` iterations the traced process exits and a new pair starts
/// (so analysis memory stays flat on huge traces).
///
/// The run ends after `size` bytes read, or, with `traceBytes`, once that many
/// trace bytes are written (at a window boundary).
public struct MixedScenario: Sendable {
    public var size: UInt64 = 64 << 20
    public var traceBytes: Int64?
    public var ncpu = 8
    public var readers = 2
    public var lwps = 2
    public var signalEvery = 8
    public var killsPerSession = 16
    public var race = true
    public var variant: KernelVariant = .amd64
    public var winshift = 13
    public var tpMaxva = 6
    public var cost = CostModel()
    public var seed: UInt64 = 1
    public var comments: [String] = []

    public init() {}

    public func generate(into emitter: TraceEmitter) throws(SynthError) {
        guard readers >= 1, ncpu >= readers + 2 else {
            throw .invalidOption("mixed needs --ncpu ≥ --readers + 2 (readers, a tracer, the tracee's LWPs)")
        }
        guard (1...64).contains(lwps), signalEvery >= 1, killsPerSession >= 1 else {
            throw .invalidOption("--lwps 1…64, --signal-every ≥ 1, --kills-per-session ≥ 1")
        }
        var machine = try SynthMachine(variant: variant, ncpu: ncpu, winshift: winshift, tpMaxva: tpMaxva, cost: cost)
        for reader in 0..<readers { machine.run("cat", pid: Int32(512 + reader), on: reader) }
        let tracerCPU = readers
        let lwpCPUs = Array(readers + 1..<min(ncpu, readers + 1 + lwps))
        machine.run("lwpkill_tracer", pid: 1000, on: tracerCPU)
        for cpu in lwpCPUs { machine.run("lwpkill", pid: 1001, on: cpu) }
        for cpu in (readers + 1 + lwpCPUs.count)..<ncpu { machine.setIdle(cpu) }
        let writer = UBCWindowWriter(machine: machine)
        let windows = Int((size + writer.windowBytes - 1) / writer.windowBytes)
        if let traceBytes {
            emitter.byteBudget = traceBytes
        } else {
            emitter.totalUnits = windows
        }
        var comments = self.comments
        comments.append(
            "Mixed workload: \(readers) UBC reader(s), a tracer and \(lwps)-LWP traced processes doing _lwp_kill, "
                + "\(machine.idleCount) idle CPU(s).")
        try machine.writeStart(emitter, comments: comments)
        emitter.advance(100_000)
        var rng = SplitMix64(seed: seed)
        var sessionIndex = 0
        var session: TracedProcessWriter?
        var kills = 0
        var offsets = [UInt64](repeating: 0, count: readers)
        var index = 0
        while traceBytes == nil ? index < windows : emitter.wantsMore {
            let reader = index % readers
            let length =
                traceBytes == nil
                ? min(writer.windowBytes, size - UInt64(index) * writer.windowBytes)
                : writer.windowBytes
            try writer.write(
                emitter, reader: machine.tasks[reader], index: index, offset: offsets[reader], length: length,
                touchers: [], rng: &rng)
            offsets[reader] += length
            emitter.advance(2000 + Int64(rng.below(1000)))
            index += 1
            if index % signalEvery == 0 {
                if session == nil {
                    let pid = Int32(1000 + 2 * (sessionIndex % 10_000))
                    session = LWPKillScenario.session(
                        tracerPid: pid, traceePid: pid + 1, tracerCPU: tracerCPU, lwpCPUs: lwpCPUs, lwps: lwps,
                        race: race)
                    try session?.start(emitter)
                }
                try session?.lwpKill(emitter, caller: 1 + rng.index(lwps), target: 1 + rng.index(lwps))
                kills += 1
                if kills % killsPerSession == 0 {
                    try session?.finish(emitter, status: 0)
                    session = nil
                    sessionIndex += 1
                }
            }
            try emitter.unitDone()
        }
        try session?.finish(emitter, status: 0)
    }
}
