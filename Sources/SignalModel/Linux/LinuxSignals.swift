/// Linux signal numbers and their default actions, as the rules of docs/signal-model.md "Linux captures" need them
/// (`include/uapi/asm-generic/signal.h`, `kernel/signal.c` `sig_kernel_*` masks).
enum LinuxSignals {
    static let sigkill: Int32 = 9
    static let sigchld: Int32 = 17
    static let sigcont: Int32 = 18
    static let sigstop: Int32 = 19

    /// `SIGSTOP`, `SIGTSTP`, `SIGTTIN`, `SIGTTOU`.
    static func isStop(_ signal: Int32) -> Bool { signal == 19 || signal == 20 || signal == 21 || signal == 22 }

    /// Signals whose default action is to ignore them (`SIGCHLD`, `SIGCONT`, `SIGURG`, `SIGWINCH`).
    static func ignoredByDefault(_ signal: Int32) -> Bool {
        signal == 17 || signal == 18 || signal == 23 || signal == 28
    }

    /// Default action terminates (with or without a core): not ignored, not a stop.
    static func fatalByDefault(_ signal: Int32) -> Bool {
        signal > 0 && !ignoredByDefault(signal) && !isStop(signal)
    }

    /// `SYNCHRONOUS_MASK`: dequeued before the others (`SIGSEGV`, `SIGBUS`, `SIGILL`,
    /// `SIGTRAP`, `SIGFPE`, `SIGSYS`).
    static func isSynchronous(_ signal: Int32) -> Bool {
        signal == 11 || signal == 7 || signal == 4 || signal == 5 || signal == 8 || signal == 31
    }

    /// `CLD_TRAPPED` (ptrace stop) and `CLD_STOPPED` (group stop) `si_code`s of `SIGCHLD`.
    static let cldTrapped: Int32 = 4
    static let cldStopped: Int32 = 5
}
