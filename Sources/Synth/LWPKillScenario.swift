import KTrace
/// `synth lwp-kill`: a tracer and a traced process with `lwps` LWPs; `count`
/// times an LWP (chosen by the seed) calls `_lwp_kill(2)` with SIGSTOP on an
/// LWP (chosen by the seed), the process stops, and the tracer collects the
/// stop and continues it.
///
/// Per iteration, with `race` (NetBSD 8): posts = lwps + 1 (kpsignal2, the
/// wake-ups of the other LWPs, the self-post), stops = 2, wait returns = 2, one
/// duplicate wait return and one double post. Without: posts = lwps, one stop,
/// one wait return. The session adds 1 post, 1 stop and 3 wait returns
/// (the first stop, the exit, the ECHILD).
public struct LWPKillScenario: Sendable {
    public var count = 10
    public var lwps = 2
    public var ncpu = 4
    public var race = true
    public var seed: UInt64 = 1
    public var comments: [String] = []

    public init() {}

    public func generate(into emitter: TraceEmitter) throws(SynthError) {
        guard count >= 0 else { throw .invalidOption("--count must be at least 0") }
        guard (1...64).contains(lwps) else { throw .invalidOption("--lwps must be 1 to 64") }
        guard ncpu >= 2 else { throw .invalidOption("lwp-kill needs --ncpu 2 or more") }
        let machine = try SynthMachine(ncpu: ncpu)
        var rng = SplitMix64(seed: seed)
        let session = Self.session(
            tracerPid: 700, traceePid: 701, tracerCPU: 0, lwpCPUs: Array(1..<ncpu), lwps: lwps,
            race: race)
        var comments = self.comments
        comments.append(
            "A tracer (700) and a traced process (701) with \(lwps) LWP(s): \(count) _lwp_kill(SIGSTOP) "
                + (race ? "on NetBSD 8 (each stops twice)." : "on a fixed kernel (each stops once)."))
        for line in machine.headerLines(ubc: false) { try emitter.comment(line) }
        for line in comments { try emitter.comment(line) }
        emitter.now = 30_000_000_000
        emitter.totalUnits = count + 2
        try session.start(emitter)
        try emitter.unitDone()
        for _ in 0..<count {
            try session.lwpKill(emitter, caller: 1 + rng.index(lwps), target: 1 + rng.index(lwps))
            emitter.advance(5000 + Int64(rng.below(5000)))
            try emitter.unitDone()
        }
        try session.finish(emitter, status: 0)
        try emitter.unitDone()
    }

    /// The writer of one tracer/tracee pair; LWP k runs on `lwpCPUs[(k - 1) % count]`.
    static func session(
        tracerPid: Int32, traceePid: Int32, tracerCPU: Int, lwpCPUs: [Int], lwps: Int, race: Bool
    ) -> TracedProcessWriter {
        let tracer = TaskPrefix(comm: "lwpkill_tracer", pid: tracerPid, cpu: tracerCPU)
        let tasks = (0..<lwps).map { TaskPrefix(comm: "lwpkill", pid: traceePid, cpu: lwpCPUs[$0 % lwpCPUs.count]) }
        return TracedProcessWriter(tracer: tracer, lwps: tasks, race: race)
    }
}
