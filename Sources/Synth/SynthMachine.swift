import KTrace

/// The machine a generated trace comes from: kernel variant, CPUs, UBC and
/// shootdown parameters, costs, and what runs on each CPU.
public struct SynthMachine: Sendable {
    public var variant: KernelVariant
    public var ncpu: Int
    public var winshift: Int
    public var tpMaxva: Int
    public var cost: CostModel
    /// UBC windows in the ring (`ubc_nwins`): window addresses repeat after this many.
    public var ubcWindows = 1024
    /// What each CPU runs (`<idle>-0` on idle CPUs); handler lines use it.
    public private(set) var tasks: [TaskPrefix]
    /// Which CPUs are idle for the whole trace.
    public private(set) var idle: [Bool]

    /// Largest machine `synth` generates: target masks are one 64-bit word.
    public static let maxCPUs = 64

    public init(
        variant: KernelVariant = .amd64, ncpu: Int, winshift: Int = 13, tpMaxva: Int = 6, cost: CostModel = CostModel()
    ) throws(SynthError) {
        guard (1...Self.maxCPUs).contains(ncpu) else { throw .invalidOption("--ncpu must be 1 to \(Self.maxCPUs)") }
        guard (12...22).contains(winshift) else { throw .invalidOption("--winshift must be 12 to 22") }
        guard tpMaxva >= 1 else { throw .invalidOption("--tp-maxva must be at least 1") }
        self.variant = variant
        self.ncpu = ncpu
        self.winshift = winshift
        self.tpMaxva = tpMaxva
        self.cost = cost
        tasks = (0..<ncpu).map { TaskPrefix(comm: "kworker/\($0):0", pid: Int32(16 + $0), cpu: $0) }
        idle = Array(repeating: false, count: ncpu)
    }

    /// Runs `comm`-`pid` on `cpu`.
    public mutating func run(_ comm: String, pid: Int32, on cpu: Int) {
        tasks[cpu] = TaskPrefix(comm: comm, pid: pid, cpu: cpu)
        idle[cpu] = false
    }

    /// Leaves `cpu` idle for the whole trace.
    public mutating func setIdle(_ cpu: Int) {
        tasks[cpu] = .idle(cpu)
        idle[cpu] = true
    }

    /// Number of idle CPUs.
    public var idleCount: Int { idle.filter { $0 }.count }

    /// Every CPU but `cpu`, as a bit mask (the kernel pmap's shootdown targets).
    public func othersMask(_ cpu: Int) -> UInt64 {
        let all: UInt64 = ncpu == 64 ? ~0 : (1 << UInt64(ncpu)) - 1
        return all & ~(1 << UInt64(cpu))
    }

    /// `i386…` variants have a 32-bit kernel address space.
    public var arch: String { variant.rawValue.hasPrefix("i386") ? "i386" : "amd64" }

    /// The kernel configuration a real trace of this variant would name.
    public var kernelName: String {
        switch variant {
        case .amd64: return "NetBSD 8.0 (GENERIC)"
        case .amd64Xen: return "NetBSD 8.0 (XEN3_DOMU)"
        case .i386: return "NetBSD 8.0 (GENERIC)"
        case .i386PAE: return "NetBSD 8.0 (GENERIC_PAE)"
        case .i386Xen, .i386PAEXen: return "NetBSD 8.0 (XEN3PAE_DOMU)"
        }
    }

    /// Start of the UBC window area in kernel virtual memory.
    public var ubcBase: UInt64 { arch == "i386" ? 0xC800_0000 : 0xFFFF_8000_4000_0000 }

    /// Header lines (docs/trace-format.md "Headers": `# kreplay-trace`, `# machine`, `# kernel`, `# cost` when not default).
    public func headerLines(ubc: Bool = true) -> [String] {
        var machine = "machine: arch=\(arch) variant=\(variant.rawValue) ncpu=\(ncpu)"
        if ubc { machine += " ubc_winshift=\(winshift) tp_maxva=\(tpMaxva)" }
        var lines = ["kreplay-trace: version=1", machine, "kernel: \(kernelName)"]
        if cost != CostModel() {
            lines.append(
                "cost: ipi_send_ns=\(cost.ipiSendNs) ipi_handle_ns=\(cost.ipiHandleNs) "
                    + "idle_wake_ns=\(cost.idleWakeNs) invlpg_ns=\(cost.invlpgNs) "
                    + "tlb_flush_ns=\(cost.tlbFlushNs) hypercall_ns=\(cost.hypercallNs)")
        }
        return lines
    }

    /// Writes the header, then `idle_enter` on every idle CPU.
    public func writeStart(_ emitter: TraceEmitter, comments: [String], ubc: Bool = true) throws(SynthError) {
        for line in headerLines(ubc: ubc) { try emitter.comment(line) }
        for line in comments { try emitter.comment(line) }
        for cpu in 0..<ncpu where idle[cpu] {
            emitter.begin(tasks[cpu], flags: "d..1.", event: "idle_enter:")
            try emitter.endLine()
        }
    }
}
