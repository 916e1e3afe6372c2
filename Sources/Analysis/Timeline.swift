/// Per-event data of one trace for the HTML timeline; `AnalysisResult` carries only totals.
///
/// The analysis pipeline collects it while it streams the trace (one entry per `idle_enter`/
/// `idle_exit` pair, per `tlb_shootdown_ipi` or `xen_mmuext` with each target's §2.1 class,
/// per `pmap_remove`/`pmap_kremove`, per `proc_stop_done`) and hands it to
/// ``HTMLReport/init(timelines:)`` keyed by trace path. Times are trace nanoseconds.
public struct Timeline: Sendable, Codable, Equatable {
    /// A stretch of time a CPU spent in the idle loop.
    public struct IdlePeriod: Sendable, Codable, Equatable {
        public var cpu: Int
        public var startNs: Int64
        /// `nil` when the CPU was still idle at the end of the trace.
        public var endNs: Int64?

        public init(cpu: Int, startNs: Int64, endNs: Int64?) {
            self.cpu = cpu
            self.startNs = startNs
            self.endNs = endNs
        }
    }

    /// One target of a shootdown and how §2.1 classed it.
    public struct Target: Sendable, Codable, Equatable {
        public var cpu: Int
        /// `needed`, `redundant:idle`, `redundant:not-cached`, `redundant:duplicate`,
        /// `redundant:unused-pte` or `unknown`.
        public var classification: String

        public init(cpu: Int, classification: String) {
            self.cpu = cpu
            self.classification = classification
        }
    }

    /// A shootdown IPI (or Xen hypercall) sent by `initiator` to `targets`.
    public struct IPI: Sendable, Codable, Equatable {
        public var timeNs: Int64
        public var line: Int
        public var initiator: Int
        public var targets: [Target]
        /// Pages shot down; 0 means a full flush.
        public var pages: Int

        public init(timeNs: Int64, line: Int, initiator: Int, targets: [Target], pages: Int) {
            self.timeNs = timeNs
            self.line = line
            self.initiator = initiator
            self.targets = targets
            self.pages = pages
        }
    }

    /// A `pmap_remove` or `pmap_kremove` on `cpu`.
    public struct Unmap: Sendable, Codable, Equatable {
        public var timeNs: Int64
        public var line: Int
        public var cpu: Int
        public var pages: Int

        public init(timeNs: Int64, line: Int, cpu: Int, pages: Int) {
            self.timeNs = timeNs
            self.line = line
            self.cpu = cpu
            self.pages = pages
        }
    }

    /// A process stop (`proc_stop_done`) that a tracer's `wait` can report.
    public struct Stop: Sendable, Codable, Equatable {
        public var timeNs: Int64
        public var line: Int
        public var cpu: Int
        public var pid: Int32
        public var signal: String

        public init(timeNs: Int64, line: Int, cpu: Int, pid: Int32, signal: String) {
            self.timeNs = timeNs
            self.line = line
            self.cpu = cpu
            self.pid = pid
            self.signal = signal
        }
    }

    public var cpus: Int
    public var idlePeriods: [IdlePeriod]
    public var ipis: [IPI]
    public var unmaps: [Unmap]
    public var stops: [Stop]

    public init(
        cpus: Int, idlePeriods: [IdlePeriod] = [], ipis: [IPI] = [], unmaps: [Unmap] = [], stops: [Stop] = []
    ) {
        self.cpus = cpus
        self.idlePeriods = idlePeriods
        self.ipis = ipis
        self.unmaps = unmaps
        self.stops = stops
    }

    /// First and last instants the timeline mentions, or nil when it is empty.
    public var span: (start: Int64, end: Int64)? {
        let times =
            idlePeriods.flatMap { [$0.startNs] + ($0.endNs.map { [$0] } ?? []) } + ipis.map(\.timeNs)
            + unmaps.map(\.timeNs) + stops.map(\.timeNs)
        guard let start = times.min(), let end = times.max() else { return nil }
        return (start, end)
    }
}
