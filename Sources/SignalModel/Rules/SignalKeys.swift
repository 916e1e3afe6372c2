import KTrace

/// A signal of one process: the unit generations, stop reports and losses are counted in.
struct SignalKey: Hashable, Sendable, TableKey {
    typealias Stored = SignalKey?

    var pid: Int32
    var signal: Int32

    /// Both numbers, multiplied; the table takes the high half.
    var mixedBits: UInt64 {
        (UInt64(UInt32(bitPattern: pid)) << 32 | UInt64(UInt32(bitPattern: signal))) &* 0x9E37_79B9_7F4A_7C15
    }

    var tableHash: Int { Int(truncatingIfNeeded: mixedBits >> 32) }
}

/// A signal on one LWP: the unit posts and pending state are kept in.
struct LWPSignalKey: Hashable, Sendable, TableKey {
    typealias Stored = LWPSignalKey?

    var pid: Int32
    var lid: Int32
    var signal: Int32

    var process: SignalKey { SignalKey(pid: pid, signal: signal) }

    /// The process key's bits with the lid, multiplied again; the table takes the high half.
    var tableHash: Int {
        Int(truncatingIfNeeded: ((process.mixedBits ^ UInt64(UInt32(bitPattern: lid))) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }
}

/// A recorded wait's line: the key of the waits the analyzer has not compared yet.
struct WaitLine: Hashable, Sendable, TableKey {
    typealias Stored = WaitLine?

    var line: Int

    /// The high half of a Fibonacci multiply (lines are dense).
    var tableHash: Int { Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(line)) &* 0x9E37_79B9_7F4A_7C15) >> 32) }
}

/// What generated a signal (docs/signal-model.md "Rules" "generation").
enum GenerationOrigin: Hashable, Sendable {
    /// `kill(2)`/`raise(3)`: process-directed.
    case kill
    /// `_lwp_kill(2)` aimed at one LWP.
    case lwpKill(lid: Int32)
    /// A trap (e.g. a debug-register hit) on one LWP.
    case trapsignal(lid: Int32)
    /// A `kpsignal2` of the kernel's own (PT_ATTACH, Linux `signal_generate`, …).
    case kernel

    /// The call's name as traces spell it.
    var callName: String {
        switch self {
        case .kill: return "kill"
        case .lwpKill: return "lwp_kill"
        case .trapsignal: return "trapsignal"
        case .kernel: return "kpsignal2"
        }
    }
}

/// Where something happened in the trace: kept for messages, left out of state comparisons.
struct Site: Hashable, Sendable {
    var line: Int
    var cpu: Int
    var timeNs: Int64

    init(line: Int, cpu: Int, timeNs: Int64) {
        self.line = line
        self.cpu = cpu
        self.timeNs = timeNs
    }

    init(_ event: Event) {
        self.init(line: event.line, cpu: event.cpu, timeNs: event.timeNs)
    }

    static let none = Site(line: 0, cpu: 0, timeNs: 0)
}

/// A kernel reaction the models synthesize: an event without a line yet.
struct SynthEvent: Sendable {
    var cpu: Int
    var pid: Int32
    var kind: EventKind
}

/// Reactions and notes a kernel step produced.
struct ReactionLog: Sendable {
    var events: [SynthEvent] = []
    var notes: [String] = []

    mutating func emit(cpu: Int, pid: Int32, _ kind: EventKind) {
        events.append(SynthEvent(cpu: cpu, pid: pid, kind: kind))
    }

    /// Nothing derived, nothing noted.
    var isEmpty: Bool { events.isEmpty && notes.isEmpty }

    /// Empties the log, keeping its arrays' capacity.
    @inline(__always)
    mutating func removeAll() {
        if !events.isEmpty { events.removeAll(keepingCapacity: true) }
        if !notes.isEmpty { notes.removeAll(keepingCapacity: true) }
    }
}

/// Signal names and wait statuses in a trace's numbering, for messages.
struct SignalSpeller: Sendable {
    let numbering: SignalNumbering
    /// Looked up once: the kernel model asks on every signal it takes.
    let sigstop: Int32
    let sigkill: Int32

    init(numbering: SignalNumbering) {
        self.numbering = numbering
        sigstop = SignalNames.number(of: "SIGSTOP", numbering: numbering) ?? 17
        sigkill = SignalNames.number(of: "SIGKILL", numbering: numbering) ?? 9
    }

    func name(_ signal: Int32) -> String { SignalNames.name(of: signal, numbering: numbering) }

    func status(_ status: WaitStatus, errno: Int32) -> String {
        let text = status.spelled(numbering)
        guard errno != 0 else { return text }
        return text + " errno=" + Errno.name(of: errno)
    }
}
