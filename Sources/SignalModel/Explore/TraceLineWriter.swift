import KTrace

/// Writes signal events as trace lines in the docs/trace-format.md "Event lines" layout, so that what
/// `explore` finds can be replayed by `kreplay analyze`.
public struct TraceLineWriter: Sendable {
    public var numbering: SignalNumbering
    /// Process names by pid (`comm`); `proc` when unknown.
    public var commands: [Int32: String]

    public init(numbering: SignalNumbering = .netbsd, commands: [Int32: String] = [:]) {
        self.numbering = numbering
        self.commands = commands
    }

    /// One line: `<comm>-<pid> [<cpu>] ..... <sec>.<usec>: <event>: <fields>`.
    public func line(_ event: Event) -> String {
        let comm = commands[event.pid] ?? "proc"
        let task = "\(comm)-\(event.pid)"
        let padded = String(repeating: " ", count: max(0, 16 - task.count)) + task
        let cpu = String(event.cpu)
        let cpuText = String(repeating: "0", count: max(0, 3 - cpu.count)) + cpu
        return "\(padded) [\(cpuText)] ..... \(seconds(event.timeNs)): \(body(event.kind))"
    }

    /// `event: fields` for a signal/process event; `ignored:` for anything else.
    public func body(_ kind: EventKind) -> String {
        switch kind {
        case .fork(let child): return "fork: child=\(child)"
        case .ptrace(let request, let pid, let sig):
            return "ptrace: req=\(request.spelling) pid=\(pid)" + (sig != 0 ? " sig=\(name(sig))" : " sig=0")
        case .lwpKill(let pid, let lid, let sig): return "lwp_kill: pid=\(pid) lid=\(lid) sig=\(name(sig))"
        case .kill(let pid, let sig): return "kill: pid=\(pid) sig=\(name(sig))"
        case .kpsignal2(let pid, let sig): return "kpsignal2: pid=\(pid) sig=\(name(sig))"
        case .trapsignal(let pid, let lid, let sig): return "trapsignal: pid=\(pid) lid=\(lid) sig=\(name(sig))"
        case .sigpost(let pid, let lid, let sig, let caller):
            return "sigpost: pid=\(pid) lid=\(lid) sig=\(name(sig)) caller=\(caller)"
        case .issignal(let pid, let lid, let sig): return "issignal: pid=\(pid) lid=\(lid) sig=\(name(sig))"
        case .sigswitch(let pid, let lid, let sig): return "sigswitch: pid=\(pid) lid=\(lid) sig=\(name(sig))"
        case .procStop(let pid, let sig): return "proc_stop: pid=\(pid) sig=\(name(sig))"
        case .procStopDone(let pid, let sig): return "proc_stop_done: pid=\(pid) sig=\(name(sig))"
        case .procUnstop(let pid): return "proc_unstop: pid=\(pid)"
        case .postsig(let pid, let lid, let sig): return "postsig: pid=\(pid) lid=\(lid) sig=\(name(sig))"
        case .waitReturn(let child, let status, let errno, let options):
            var text = "wait_return: child=\(child) status=\(status.spelled(numbering))"
            if errno != 0 { text += " errno=" + Errno.name(of: errno) }
            if !options.isEmpty { text += " options=" + options.spelling }
            return text
        case .exit(let status): return "exit: status=\(status)"
        case .atfTestCaseStart(let program, let testCase): return "atf_tc_start: tp=\(program) tc=\(testCase)"
        case .atfTestCaseEnd(let program, let testCase, let result, _):
            return "atf_tc_end: tp=\(program) tc=\(testCase) result=\(result)"
        default: return "ignored:"
        }
    }

    private func name(_ signal: Int32) -> String { SignalNames.name(of: signal, numbering: numbering) }
}
