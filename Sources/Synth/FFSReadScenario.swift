import KTrace

/// `synth ffs-read`: a cached sequential read through UBC windows (kern/53124).
///
/// CPU 0 runs the reader (`cat`); CPUs `1…busyReaders` run readers that also
/// touch each window (one page each), the last `idle` CPUs are idle, and the
/// rest run unrelated work. Every window is one `ubc_alloc`…`tlb_shootdown_done`
/// cycle (see `UBCWindowWriter`). The trace streams: memory does not grow with
/// `size`.
public struct FFSReadScenario: Sendable {
    /// Bytes read (the last window may be partial).
    public var size: UInt64 = 1 << 20
    public var ncpu = 4
    /// Idle CPUs; nil = every CPU that is neither the reader nor a busy reader.
    public var idle: Int?
    /// Other CPUs that touch every window.
    public var busyReaders = 0
    public var variant: KernelVariant = .amd64
    public var winshift = 13
    public var tpMaxva = 6
    public var cost = CostModel()
    public var seed: UInt64 = 1
    /// UBC windows in the ring; few windows make addresses repeat soon (a busy
    /// reader then re-reads a page it cached before: the negative control for `none`).
    public var ubcWindows = 1024
    /// Extra `#` comment lines after the header (e.g. the command that made the trace).
    public var comments: [String] = []

    public init() {}

    /// Idle CPUs after defaults.
    public var idleCount: Int { idle ?? max(0, ncpu - 1 - busyReaders) }

    /// Windows the read maps: ceil(size / 2^winshift).
    public var windowCount: Int {
        let window = UInt64(1) << UInt64(winshift)
        return Int((size + window - 1) / window)
    }

    /// The machine the scenario describes (after validation).
    public func machine() throws(SynthError) -> SynthMachine {
        var machine = try SynthMachine(variant: variant, ncpu: ncpu, winshift: winshift, tpMaxva: tpMaxva, cost: cost)
        guard size > 0 else { throw .invalidOption("--size must be more than 0") }
        guard busyReaders >= 0, idleCount >= 0, busyReaders + idleCount <= ncpu - 1 else {
            throw .invalidOption("--busy-readers + --idle must be at most --ncpu - 1 (\(ncpu - 1))")
        }
        guard ubcWindows >= 1 else { throw .invalidOption("--ubc-windows must be at least 1") }
        machine.ubcWindows = ubcWindows
        machine.run("cat", pid: 512, on: 0)
        for reader in 0..<busyReaders { machine.run("dd", pid: Int32(600 + reader), on: 1 + reader) }
        for cpu in (ncpu - idleCount)..<ncpu { machine.setIdle(cpu) }
        return machine
    }

    /// Writes the whole trace to `emitter`.
    public func generate(into emitter: TraceEmitter) throws(SynthError) {
        let machine = try machine()
        let writer = UBCWindowWriter(machine: machine)
        var rng = SplitMix64(seed: seed)
        emitter.totalUnits = windowCount
        var comments = self.comments
        comments.append(
            "Cached sequential read of \(size) bytes through \(windowCount) UBC windows of \(writer.windowBytes) "
                + "bytes; cpu0 reads, \(busyReaders) busy reader(s), \(idleCount) idle CPU(s).")
        try machine.writeStart(emitter, comments: comments)
        emitter.advance(100_000)
        let reader = machine.tasks[0]
        let touchers = (0..<busyReaders).map { machine.tasks[1 + $0] }
        var offset: UInt64 = 0
        for index in 0..<windowCount {
            let length = min(writer.windowBytes, size - offset)
            try writer.write(
                emitter, reader: reader, index: index, offset: offset, length: length, touchers: touchers, rng: &rng)
            offset += length
            emitter.advance(4000 + Int64(rng.below(2000)))
            try emitter.unitDone()
        }
    }
}
