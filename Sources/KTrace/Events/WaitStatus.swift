/// What a `wait*(2)` call returned, as a `wait_return status=` field says.
public enum WaitStatus: Hashable, Sendable, CustomStringConvertible {
    case stopped(signal: Int32)
    case exited(code: Int32)
    case signaled(signal: Int32)
    case continued
    /// `WNOHANG` with nothing to report, or an error return.
    case none
    /// Linux wait4 exits carry only the returned pid.
    case unknown

    public var description: String {
        switch self {
        case .stopped(let sig): return "stopped:\(sig)"
        case .exited(let code): return "exited:\(code)"
        case .signaled(let sig): return "signaled:\(sig)"
        case .continued: return "continued"
        case .none: return "none"
        case .unknown: return "unknown"
        }
    }

    /// The trace spelling, with signal names in the given numbering.
    public func spelled(_ numbering: SignalNumbering) -> String {
        switch self {
        case .stopped(let sig): return "stopped:" + SignalNames.name(of: sig, numbering: numbering)
        case .signaled(let sig): return "signaled:" + SignalNames.name(of: sig, numbering: numbering)
        default: return description
        }
    }
}

/// Options of a `wait*(2)` call (`options=WNOHANG|WUNTRACED`).
public struct WaitOptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let noHang = WaitOptions(rawValue: 1 << 0)
    public static let untraced = WaitOptions(rawValue: 1 << 1)
    public static let continued = WaitOptions(rawValue: 1 << 2)

    /// `WNOHANG|WUNTRACED`, as traces spell options.
    public var spelling: String {
        var names: [String] = []
        if contains(.noHang) { names.append("WNOHANG") }
        if contains(.untraced) { names.append("WUNTRACED") }
        if contains(.continued) { names.append("WCONTINUED") }
        return names.joined(separator: "|")
    }
}

/// `ptrace(2)` requests a tracer can make; others are kept by name as `.other`.
public enum PtraceRequest: Hashable, Sendable {
    case attach, traceMe, continueExecution, step, kill, detach, setDebugRegisters
    case other

    public init(name: String) {
        switch name {
        case "PT_ATTACH": self = .attach
        case "PT_TRACE_ME": self = .traceMe
        case "PT_CONTINUE": self = .continueExecution
        case "PT_STEP": self = .step
        case "PT_KILL": self = .kill
        case "PT_DETACH": self = .detach
        case "PT_SET_DBREGS", "PT_SETDBREGS": self = .setDebugRegisters
        default: self = .other
        }
    }

    /// `PT_CONTINUE` and friends, as traces spell them.
    public var spelling: String {
        switch self {
        case .attach: return "PT_ATTACH"
        case .traceMe: return "PT_TRACE_ME"
        case .continueExecution: return "PT_CONTINUE"
        case .step: return "PT_STEP"
        case .kill: return "PT_KILL"
        case .detach: return "PT_DETACH"
        case .setDebugRegisters: return "PT_SET_DBREGS"
        case .other: return "PT_OTHER"
        }
    }

    /// Requests that resume a stopped tracee.
    public var resumes: Bool { self == .continueExecution || self == .step || self == .detach }
}

/// The kernel path that called `sigpost()`.
public enum SigpostCaller: Hashable, Sendable, CustomStringConvertible {
    case kpsignal2, procStop, trapsignal
    case other(TraceName)

    public init(name: String) {
        switch name {
        case "kpsignal2": self = .kpsignal2
        case "proc_stop": self = .procStop
        case "trapsignal": self = .trapsignal
        default: self = .other(TraceName(name))
        }
    }

    public var description: String {
        switch self {
        case .kpsignal2: return "kpsignal2"
        case .procStop: return "proc_stop"
        case .trapsignal: return "trapsignal"
        case .other(let name): return name.string
        }
    }
}
