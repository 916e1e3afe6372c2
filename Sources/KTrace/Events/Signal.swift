/// Which operating system's signal numbering a trace uses.
public enum SignalNumbering: String, Sendable, CaseIterable {
    case netbsd
    case linux
}

/// Signal names and numbers for NetBSD and Linux.
///
/// Models work on numbers; names are for parsing and for messages.
public enum SignalNames {
    private static let netbsd: [(String, Int32)] = [
        ("SIGHUP", 1), ("SIGINT", 2), ("SIGQUIT", 3), ("SIGILL", 4), ("SIGTRAP", 5),
        ("SIGABRT", 6), ("SIGEMT", 7), ("SIGFPE", 8), ("SIGKILL", 9), ("SIGBUS", 10),
        ("SIGSEGV", 11), ("SIGSYS", 12), ("SIGPIPE", 13), ("SIGALRM", 14), ("SIGTERM", 15),
        ("SIGURG", 16), ("SIGSTOP", 17), ("SIGTSTP", 18), ("SIGCONT", 19), ("SIGCHLD", 20),
        ("SIGTTIN", 21), ("SIGTTOU", 22), ("SIGIO", 23), ("SIGXCPU", 24), ("SIGXFSZ", 25),
        ("SIGVTALRM", 26), ("SIGPROF", 27), ("SIGWINCH", 28), ("SIGINFO", 29), ("SIGUSR1", 30),
        ("SIGUSR2", 31), ("SIGPWR", 32),
    ]
    private static let linux: [(String, Int32)] = [
        ("SIGHUP", 1), ("SIGINT", 2), ("SIGQUIT", 3), ("SIGILL", 4), ("SIGTRAP", 5),
        ("SIGABRT", 6), ("SIGBUS", 7), ("SIGFPE", 8), ("SIGKILL", 9), ("SIGUSR1", 10),
        ("SIGSEGV", 11), ("SIGUSR2", 12), ("SIGPIPE", 13), ("SIGALRM", 14), ("SIGTERM", 15),
        ("SIGSTKFLT", 16), ("SIGCHLD", 17), ("SIGCONT", 18), ("SIGSTOP", 19), ("SIGTSTP", 20),
        ("SIGTTIN", 21), ("SIGTTOU", 22), ("SIGURG", 23), ("SIGXCPU", 24), ("SIGXFSZ", 25),
        ("SIGVTALRM", 26), ("SIGPROF", 27), ("SIGWINCH", 28), ("SIGIO", 29), ("SIGPWR", 30),
        ("SIGSYS", 31),
    ]

    private static func table(_ numbering: SignalNumbering) -> [(String, Int32)] {
        numbering == .netbsd ? netbsd : linux
    }

    /// The number of a signal name (`SIGSTOP` or `STOP`), or nil.
    public static func number(of name: String, numbering: SignalNumbering) -> Int32? {
        let full = name.hasPrefix("SIG") ? name : "SIG" + name
        return table(numbering).first { $0.0 == full }?.1
    }

    private static let netbsdBytes = netbsd.map { (Array($0.0.utf8.dropFirst(3)), $0.1) }
    private static let linuxBytes = linux.map { (Array($0.0.utf8.dropFirst(3)), $0.1) }

    /// `number(of:numbering:)` on the trace's bytes: no `String` per signal
    /// event. Non-ASCII goes to the `String` path (its `==` is canonical equivalence).
    static func number(utf8 name: UnsafeBufferPointer<UInt8>, numbering: SignalNumbering) -> Int32? {
        guard name.allSatisfy({ $0 < 0x80 }) else {
            return number(of: String(decoding: name, as: UTF8.self), numbering: numbering)
        }
        let hasPrefix = name.count >= 3 && name[0] == 0x53 && name[1] == 0x49 && name[2] == 0x47  // "SIG"
        let rest = UnsafeBufferPointer(rebasing: name[(hasPrefix ? 3 : 0)...])
        let table = numbering == .netbsd ? netbsdBytes : linuxBytes
        return table.first { $0.0.elementsEqual(rest) }?.1
    }

    /// The name of a signal number, or `SIG<n>` for unknown numbers; `0` is "0".
    public static func name(of number: Int32, numbering: SignalNumbering) -> String {
        if number == 0 { return "0" }
        return table(numbering).first { $0.1 == number }?.0 ?? "SIG\(number)"
    }
}
