extension EventKind {
    /// Process, signal and test-case events: the signal model's. The TLB models
    /// only note the CPU and pid they ran on, so they can skip the rest early.
    public var isProcessEvent: Bool {
        switch self {
        case .fork, .ptrace, .lwpKill, .kill, .kpsignal2, .trapsignal, .sigpost, .issignal, .sigswitch, .procStop,
            .procStopDone, .procUnstop, .postsig, .waitReturn, .exit, .atfTestCaseStart, .atfTestCaseEnd,
            .linuxSignalGenerate, .linuxSignalDeliver, .linuxExit:
            return true
        default:
            return false
        }
    }

    /// The highest CPU this event names besides the one it happened on — a shootdown's
    /// highest target, an `lwp_bind` CPU — and how a message calls it. The reader checks
    /// it against the CPU count; `CPUCountProbe` counts it as seen.
    var highestNamedCPU: (cpu: Int, role: StaticString)? {
        switch self {
        case .shootdownIPI(let targets, _), .xenMMUExt(let targets, _), .ipiSend(let targets, _):
            return targets.maximum.map { ($0, "target") }
        case .csdQueue(let target, _, _):
            return (Int(target), "target")
        case .lwpBind(_, _, let cpu):
            return cpu >= 0 ? (cpu, "bound to") : nil
        default:
            return nil
        }
    }
}
