import KTrace
import Synth

/// Writes a trace as canonical ftrace text: kreplay header lines, then one event
/// per line as `<comm>-<pid> [<cpu>] ..... <sec>.<usec>: <event>: <fields>` with a
/// zero-padded three-digit CPU, a six-digit microsecond timestamp and the fields
/// of `EventFormatter`.
///
/// The comm is not kept by the parser: it is `<idle>` for pid 0 and `<...>`
/// otherwise, as ftrace prints a task whose name it did not record.
struct FtraceWriter: TraceConsumer {
    private let sink: any TraceSink
    private let buffer = TraceLineBuffer()
    private var formatter = EventFormatter()
    private(set) var events = 0
    private var error: SynthError?
    private static let idle = Array("<idle>".utf8)
    private static let unknown = Array("<...>".utf8)

    init(sink: any TraceSink) { self.sink = sink }

    mutating func begin(config: TraceConfig) {
        formatter.numbering = config.signalNumbering
        for line in Self.header(config) {
            buffer.append("# ")
            buffer.append(line)
            buffer.append(10)
        }
    }

    /// The header lines (docs/trace-format.md "Headers") that say what `config` says.
    static func header(_ config: TraceConfig) -> [String] {
        var machine = "machine: arch=\(config.arch ?? (config.variant.rawValue.hasPrefix("i386") ? "i386" : "amd64"))"
        machine += " variant=\(config.variant.rawValue)"
        if let ncpu = config.declaredCPUCount { machine += " ncpu=\(ncpu)" }
        machine += " ubc_winshift=\(config.ubcWinshift) tp_maxva=\(config.tpMaxva)"
        if config.signalNumbering == .linux { machine += " signals=linux" }
        var lines = ["kreplay-trace: version=1", machine]
        if let kernel = config.kernel { lines.append("kernel: \(kernel)") }
        let cost = config.cost
        if cost != CostModel() {
            lines.append(
                "cost: ipi_send_ns=\(cost.ipiSendNs) ipi_handle_ns=\(cost.ipiHandleNs) idle_wake_ns=\(cost.idleWakeNs) "
                    + "invlpg_ns=\(cost.invlpgNs) tlb_flush_ns=\(cost.tlbFlushNs) hypercall_ns=\(cost.hypercallNs)")
        }
        if let program = config.testProgram {
            lines.append("test: program=\(program)" + (config.testCase.map { " test_case=\($0)" } ?? ""))
        }
        return lines
    }

    mutating func consume(_ event: Event) {
        guard error == nil else { return }
        let start = buffer.count
        if event.tgid >= 0 {
            // A record-tgid capture keeps its `(tgid)` column: the Linux model's process per CPU.
            buffer.append(Self.unknown)
            buffer.append(UInt8(ascii: "-"))
            buffer.appendDecimal(Int64(event.pid))
            buffer.append(" (")
            buffer.appendDecimal(Int64(event.tgid))
            buffer.append(") [")
            buffer.appendDecimal(UInt64(max(event.cpu, 0)), width: 3, pad: 48)
            buffer.append("] ")
        } else {
            buffer.appendTask(comm: event.pid == 0 ? Self.idle : Self.unknown, pid: event.pid, cpu: event.cpu)
        }
        buffer.append(".....")
        buffer.append(32)
        buffer.appendTimestamp(event.timeNs)
        buffer.append(": ")
        guard formatter.append(event.kind, to: buffer) else {
            buffer.truncate(to: start)
            return
        }
        buffer.append(10)
        events += 1
        if buffer.isNearlyFull { flush() }
    }

    private mutating func flush() {
        guard buffer.count > 0 else { return }
        do { try sink.write(buffer.bytes) } catch { self.error = error }
        buffer.reset()
    }

    mutating func finish() throws(SynthError) {
        flush()
        if let error { throw error }
    }
}
