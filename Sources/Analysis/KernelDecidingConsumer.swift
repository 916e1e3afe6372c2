import KTrace

/// Holds back `begin` of a header-less trace until an event says which kernel recorded it,
/// so that a capture read once (standard input, a FIFO) that starts with events both kernels'
/// traces use (`sched_switch`, idle, …) still gets Linux numbering and the `linux` baseline
/// (docs/inputs.md, "Which kernel recorded a trace").
///
/// The first event of a one-sided kind decides: a Linux tracepoint's (`tlb_flush`, `csd_*`,
/// `ipi_send_*`, `signal_*`, `sched_process_exit`) → Linux; a NetBSD event's (`pmap_*`,
/// `tlb_fill`, `sigpost`, …) → the headers' choice. The events before it are held (at most
/// ``holdLimit``, then the headers' choice) and handed on, in order, right after `begin`. A
/// trace whose headers say the kernel — Linux numbering, a keyed header — or whose numbering
/// `--signals` forces passes straight through.
struct KernelDecidingConsumer<Inner: TraceConsumer>: TraceConsumer {
    static var holdLimit: Int { 65_536 }

    private(set) var inner: Inner
    /// `--signals` set the numbering: no event may change it.
    private let numberingForced: Bool
    private var pending = TraceConfig()
    private var holding = false
    private var held: [Event] = []

    init(_ inner: Inner, numberingForced: Bool) {
        self.inner = inner
        self.numberingForced = numberingForced
    }

    mutating func begin(config: TraceConfig) {
        if numberingForced || config.signalNumbering == .linux || TraceProbe.hasKeyedHeader(config) {
            inner.begin(config: config)
        } else {
            pending = config
            holding = true
        }
    }

    var readsEvents: Bool { holding || inner.readsEvents }

    mutating func consume(_ event: Event) {
        if holding {
            switch Self.kernel(of: event.kind) {
            case .linux:
                pending.signalNumbering = .linux
                release()
            case .netbsd:
                release()
            case nil:
                held.append(event)
                if held.count >= Self.holdLimit { release() }
                return
            }
        }
        inner.consume(event)
    }

    /// The inner consumer's slots once it has begun; none while events are held
    /// (each must be looked at).
    mutating func eventSlots() -> UnsafeMutableBufferPointer<Event> {
        holding ? UnsafeMutableBufferPointer(start: nil, count: 0) : inner.eventSlots()
    }

    mutating func commitSlots(_ count: Int) { inner.commitSlots(count) }

    /// The inner consumer, begun and fed every held event.
    mutating func finish() -> Inner {
        if holding { release() }
        return inner
    }

    private mutating func release() {
        holding = false
        inner.begin(config: pending)
        for event in held { inner.consume(event) }
        held = []
    }

    /// The kernel only whose traces have an event of this kind; nil for kinds both have
    /// (`sched_switch`, idle, shootdown IPIs, waits, kills, ptrace, fork, ignored lines).
    static func kernel(of kind: EventKind) -> CaptureKernel? {
        switch kind {
        case .linuxTLBFlush, .csdQueue, .csdFunctionEntry, .csdFunctionExit, .ipiSend, .linuxSignalGenerate,
            .linuxSignalDeliver, .linuxExit:
            return .linux
        case .pmapEnter, .pmapKenterPA, .tlbFill, .pmapRemove, .pmapKremove, .pmapUpdate, .tlbInvalidate,
            .shootdownDone, .xenMMUExt, .ubcAlloc, .ubcRelease, .pmapActivate, .pmapDeactivate, .lwpBind,
            .pmapTLBShootdown, .kpsignal2, .trapsignal, .sigpost, .issignal, .sigswitch, .procStop, .procStopDone,
            .procUnstop, .postsig, .exit, .atfTestCaseStart, .atfTestCaseEnd:
            return .netbsd
        default:
            return nil
        }
    }
}
