extension LineParser {
    /// The NetBSD process and signal events (`pid=`, `lid=`, `sig=`, `caller=`,
    /// `child=`, `status=` as the kernel prints them, in that order) read like
    /// `fastNetBSDKind` reads the TLB events (round 7 of docs/performance.md).
    ///
    /// Nil means "not the plain form": the caller runs the general path. Only
    /// plain decimal numbers (1–9 digits) and signal names are taken; an optional
    /// field (`lid`, `sig` of `proc_stop`) is taken when it is next, and a field
    /// `decode` does not read is not accepted, so a success is what `decode` gives.
    mutating func fastSignalKind(_ name: EventName, _ bytes: UnsafeBufferPointer<UInt8>, _ body: Range<Int>)
        -> EventKind?
    {
        var fields = FieldCursor(bytes, body)
        let kind: EventKind
        switch name {
        case .issignal, .sigswitch, .postsig, .trapsignal, .lwpKill, .sigpost:
            guard let pid = fields.decimalInt32(.pid) else { return nil }
            let lid = fields.decimalInt32(.lid) ?? 1
            guard let sigRange = fields.next(.sig), let signal = signal(bytes, sigRange) else { return nil }
            switch name {
            case .issignal: kind = .issignal(pid: pid, lid: lid, signal: signal)
            case .sigswitch: kind = .sigswitch(pid: pid, lid: lid, signal: signal)
            case .postsig: kind = .postsig(pid: pid, lid: lid, signal: signal)
            case .trapsignal: kind = .trapsignal(pid: pid, lid: lid, signal: signal)
            case .lwpKill: kind = .lwpKill(pid: pid, lid: lid, signal: signal)
            default:
                guard let callerRange = fields.next(.caller), let caller = Self.sigpostCaller(bytes, callerRange)
                else { return nil }
                kind = .sigpost(pid: pid, lid: lid, signal: signal, caller: caller)
            }
        case .kill, .kpsignal2:
            guard let pid = fields.decimalInt32(.pid), let sigRange = fields.next(.sig),
                let signal = signal(bytes, sigRange)
            else { return nil }
            kind = name == .kill ? .kill(pid: pid, signal: signal) : .kpsignal2(pid: pid, signal: signal)
        case .procStop, .procStopDone:
            guard let pid = fields.decimalInt32(.pid) else { return nil }
            var signal: Int32 = 0
            if !fields.atEnd {
                guard let sigRange = fields.next(.sig), let value = self.signal(bytes, sigRange) else { return nil }
                signal = value
            }
            kind = name == .procStop ? .procStop(pid: pid, signal: signal) : .procStopDone(pid: pid, signal: signal)
        case .procUnstop:
            guard let pid = fields.decimalInt32(.pid) else { return nil }
            kind = .procUnstop(pid: pid)
        case .fork:
            guard let child = fields.decimalInt32(.child) else { return nil }
            kind = .fork(child: child)
        case .ptrace:
            guard let request = fields.next(.req), let pid = fields.decimalInt32(.pid) else { return nil }
            var signal: Int32 = 0
            if !fields.atEnd {
                guard let sigRange = fields.next(.sig), let value = self.signal(bytes, sigRange) else { return nil }
                signal = value
            }
            kind = .ptrace(request: PtraceRequest(name: bytes.string(request)), pid: pid, signal: signal)
        case .waitReturn:
            // `child` then `status` (a word, not `wstatus`); no `errno` or `options` (their defaults).
            guard let child = fields.decimalInt32(.child), let statusRange = fields.next(.status),
                let status = waitStatus(bytes, statusRange)
            else { return nil }
            kind = .waitReturn(child: child, status: status, errno: 0, options: [])
        case .exit:
            var status: Int32 = 0
            if !fields.atEnd {
                guard let value = fields.decimalInt32(.status) else { return nil }
                status = value
            }
            kind = .exit(status: status)
        default:
            return nil
        }
        return fields.atEnd ? kind : nil
    }

    /// A `sig=` value as `decode` reads it: a plain decimal number, or a name
    /// (`SIGSTOP`, `STOP`) in the trace's numbering; nil for anything else.
    @inline(__always)
    private mutating func signal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        let first = bytes[range.lowerBound]
        if first &- ASCII.zero < 10 { return FieldCursor.decimalInt32(bytes, range) }
        // A letter: `NumberParser.signed` takes no such value, so `decode` looks the name up.
        guard (first | 0x20) &- 0x61 < 26 else { return nil }
        return signalNames.number(bytes, range, numbering: signalNumbering)
    }

    /// `SigpostCaller(name:)` for the names it knows; nil (the general path) for others.
    private static func sigpostCaller(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> SigpostCaller? {
        if bytes.matches(range, "kpsignal2") { return .kpsignal2 }
        if bytes.matches(range, "proc_stop") { return .procStop }
        if bytes.matches(range, "trapsignal") { return .trapsignal }
        return nil
    }
}

/// The last signal name looked up and its number: a trace repeats a few names,
/// and `SignalNames.number(utf8:numbering:)` compares against every name.
struct SignalNameCache {
    private var word: UInt64 = 0
    /// 0 while empty.
    private var count = 0
    private var numbering = SignalNumbering.netbsd
    private var value: Int32 = 0

    /// `SignalNames.number(utf8:numbering:)` of `bytes[range]` (a pure function: the cache is exact).
    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, numbering: SignalNumbering)
        -> Int32?
    {
        let count = range.count
        guard count > 0, count <= 8 else {
            return SignalNames.number(utf8: UnsafeBufferPointer(rebasing: bytes[range]), numbering: numbering)
        }
        var word: UInt64 = 0
        if range.lowerBound + 8 <= bytes.count {
            word = WordScan.load(bytes, at: range.lowerBound) & (count == 8 ? ~0 : (1 << (8 * UInt64(count)) - 1))
        } else {
            for offset in 0..<count { word |= UInt64(bytes[range.lowerBound + offset]) << (8 * UInt64(offset)) }
        }
        if count == self.count, word == self.word, numbering == self.numbering { return value }
        guard let found = SignalNames.number(utf8: UnsafeBufferPointer(rebasing: bytes[range]), numbering: numbering)
        else { return nil }
        (self.word, self.count, self.numbering, value) = (word, count, numbering, found)
        return found
    }
}
