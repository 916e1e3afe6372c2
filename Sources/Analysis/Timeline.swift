/// Per-event data of one trace for the HTML timeline; `AnalysisResult` carries only totals.
///
/// The pipeline collects it while it streams the trace (``AnalysisOptions/collectTimeline``),
/// bounded whatever the trace's size:
///
/// * ``overview`` counts *every* IPI, target (by class), unmap, stop, wait return and idle
///   nanosecond per CPU per time bucket, over the whole trace;
/// * the detail lists (``ipis``, ``idlePeriods``, ``unmaps``, ``stops``, ``waits``) hold every
///   event inside ``windows`` and nothing outside: runs of consecutive events spread evenly
///   over the trace, one run in ``detailStride`` kept once the trace is too big to keep all.
///
/// Every target's class is the TLB model's own (``TLBAnalyzer/observer``). Times are trace
/// nanoseconds. A hand-made timeline (tests) may leave ``overview`` and ``windows`` empty:
/// its lists then stand for the whole trace.
public struct Timeline: Sendable, Equatable {
    /// A stretch of time a CPU spent in the idle loop.
    public struct IdlePeriod: Sendable, Equatable {
        public var cpu: Int
        public var startNs: Int64
        /// `nil` when the CPU was still idle at the end of the trace (or of its detail window).
        public var endNs: Int64?

        public init(cpu: Int, startNs: Int64, endNs: Int64?) {
            self.cpu = cpu
            self.startNs = startNs
            self.endNs = endNs
        }
    }

    /// One target of a shootdown and how the model classed it (docs/tlb-model.md "Classification").
    public struct Target: Sendable, Equatable {
        public var cpu: Int
        /// A finding class — `idle`, `not-cached`, `duplicate`, `unused-pte` — or `needed`, or
        /// `unknown` (classification limited and the target not idle).
        public var classification: String

        public init(cpu: Int, classification: String) {
            self.cpu = cpu
            self.classification = classification
        }
    }

    /// A shootdown IPI (or Xen hypercall) sent by `initiator` to `targets`.
    public struct IPI: Sendable, Equatable {
        public var timeNs: Int64
        public var line: Int
        public var initiator: Int
        public var targets: [Target]
        /// Pages shot down; 0 means a full flush, -1 not known (a Linux capture's IPI).
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
    public struct Unmap: Sendable, Equatable {
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
    public struct Stop: Sendable, Equatable {
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

    /// A `wait_return` by `pid` on `cpu` that reported `child` (`status` as the trace spells it).
    public struct WaitReturn: Sendable, Equatable {
        public var timeNs: Int64
        public var line: Int
        public var cpu: Int
        public var pid: Int32
        public var child: Int32
        public var status: String

        public init(timeNs: Int64, line: Int, cpu: Int, pid: Int32, child: Int32, status: String) {
            self.timeNs = timeNs
            self.line = line
            self.cpu = cpu
            self.pid = pid
            self.child = child
            self.status = status
        }
    }

    /// A time range inside which the detail lists hold every event.
    public struct Window: Sendable, Equatable {
        public var startNs: Int64
        public var endNs: Int64

        public init(startNs: Int64, endNs: Int64) {
            self.startNs = startNs
            self.endNs = endNs
        }
    }

    public var cpus: Int
    /// First and last event time of the trace (nil: take the span of the lists).
    public var startNs: Int64?
    public var endNs: Int64?
    public var idlePeriods: [IdlePeriod]
    public var ipis: [IPI]
    public var unmaps: [Unmap]
    public var stops: [Stop]
    public var waits: [WaitReturn]
    /// Where the detail lists are complete; empty = the whole trace.
    public var windows: [Window] = []
    /// One run of events in this many kept in the detail lists (1 = every event).
    public var detailStride = 1
    /// Every shootdown of the trace, listed or not.
    public var ipiCount: Int
    /// Whole-trace counts per CPU per time bucket; nil for a hand-made timeline.
    public var overview: TimelineOverview?
    /// The classes are docs/tlb-model.md "Classification"'s idle-only ones (no `tlb_fill` in the trace).
    public var classificationLimited = false
    /// What the findings tables need beyond the findings: the initiator and pages of the
    /// shootdowns that have redundant targets, signal generations, wait returns' children.
    public var findingContext = FindingContext()

    public init(
        cpus: Int, idlePeriods: [IdlePeriod] = [], ipis: [IPI] = [], unmaps: [Unmap] = [], stops: [Stop] = [],
        waits: [WaitReturn] = []
    ) {
        self.cpus = cpus
        self.idlePeriods = idlePeriods
        self.ipis = ipis
        self.unmaps = unmaps
        self.stops = stops
        self.waits = waits
        ipiCount = ipis.count
    }

    /// First and last instants of the trace, or nil when the timeline is empty.
    public var span: (start: Int64, end: Int64)? {
        if let startNs, let endNs { return (startNs, max(startNs, endNs)) }
        let times =
            idlePeriods.flatMap { [$0.startNs] + ($0.endNs.map { [$0] } ?? []) } + ipis.map(\.timeNs)
            + unmaps.map(\.timeNs) + stops.map(\.timeNs) + waits.map(\.timeNs)
        guard let start = times.min(), let end = times.max() else { return nil }
        return (start, end)
    }

    /// True when the detail lists hold only part of the trace.
    public var isSampled: Bool { detailStride > 1 }
}
