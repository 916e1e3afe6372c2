import KTrace

/// The first pass over a trace that can be read again: its CPU count when the headers do not
/// declare one (``CPUCountProbe``), and whether it is a Linux capture however it starts.
///
/// The baseline is chosen before the first event (`Baseline.forTrace`), from the headers and
/// the first event: a header-less ftrace capture (`trace_pipe`) whose first event is one both
/// kernels' traces use (`sched_switch`) would get `netbsd8`. The probe reads on past the first
/// event while the kind is open — no CPU count declared, or no keyed header and no Linux
/// numbering yet — and when the kind is open, the read's `TraceReadSummary.linuxCapture` (a Linux
/// tracepoint or syscall name anywhere, trace-cmd or babeltrace2 text) says what the second read
/// begins with (docs/inputs.md, "Which kernel recorded a trace").
struct TraceProbe: TraceConsumer {
    private(set) var cpus = CPUCountProbe()
    /// The headers (and flags) already say which kernel: Linux numbering, or a keyed header.
    private(set) var kindDeclared = true

    mutating func begin(config: TraceConfig) {
        cpus.begin(config: config)
        kindDeclared = config.signalNumbering == .linux || Self.hasKeyedHeader(config)
    }

    var readsEvents: Bool { cpus.readsEvents || !kindDeclared }

    mutating func consume(_ event: Event) { cpus.consume(event) }

    /// A `# machine:`, `# kernel:`, `# test:`, `# capture:` or other keyed header line (or
    /// `--variant`): the trace was written for kreplay, and its headers speak for it.
    static func hasKeyedHeader(_ config: TraceConfig) -> Bool {
        config.arch != nil || config.declaredVariant != nil || config.kernel != nil || config.testProgram != nil
            || !config.tlbFillsRecorded || !config.otherHeaders.isEmpty
    }
}
