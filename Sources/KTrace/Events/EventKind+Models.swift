extension EventKind {
    /// Process, signal and test-case events: the signal model's. The TLB models
    /// only note the CPU and pid they ran on, so they can skip the rest early.
    public var isProcessEvent: Bool {
        switch self {
        case .fork, .ptrace, .lwpKill, .kill, .kpsignal2, .trapsignal, .sigpost, .issignal, .sigswitch, .procStop,
            .procStopDone, .procUnstop, .postsig, .waitReturn, .exit, .atfTestCaseStart, .atfTestCaseEnd:
            return true
        default:
            return false
        }
    }
}
