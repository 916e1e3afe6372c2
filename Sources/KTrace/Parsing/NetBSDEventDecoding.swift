extension LineParser {
    /// Turns a known event's fields into typed events; returns a problem for a malformed one.
    mutating func decode(
        _ name: EventName, form: Layout.Form, context: EventContext, emit: (consuming Event) -> Void
    ) -> String? {
        let fields = fieldList
        func need<T>(_ value: T?, _ key: String) throws(DecodeProblem) -> T {
            guard let value else { throw DecodeProblem(message: "\(name.spelling): missing or bad \(key)") }
            return value
        }
        func pmap(_ key: StaticString = "pmap") -> PmapID? {
            guard let range = fields.range(key) else { return nil }
            if fields.bytes.matches(range, "kernel") { return .kernel }
            return NumberParser.unsigned(fields.bytes, range).map(PmapID.user)
        }
        func int32(_ key: StaticString) -> Int32? {
            fields.signed(key).flatMap { Int32(exactly: $0) }
        }
        func traceName(_ key: StaticString) -> TraceName {
            TraceName(fields.string(key) ?? "")
        }
        func signal(_ key: StaticString = "sig") -> Int32? {
            guard let range = fields.range(key) else { return nil }
            if let number = NumberParser.signed(fields.bytes, range) { return Int32(exactly: number) }
            return SignalNames.number(
                utf8: UnsafeBufferPointer(rebasing: fields.bytes[range]), numbering: signalNumbering)
        }
        do throws(DecodeProblem) {
            let kind: EventKind
            switch name {
            case .pmapEnter:
                kind = .pmapEnter(pmap: try need(pmap(), "pmap"), va: try need(fields.unsigned("va"), "va"))
            case .pmapKenterPA:
                kind = .pmapKenterPA(va: try need(fields.unsigned("va"), "va"))
            case .tlbFill:
                kind = .tlbFill(pmap: pmap() ?? .kernel, va: try need(fields.unsigned("va"), "va"))
            case .pmapRemove:
                kind = .pmapRemove(
                    pmap: try need(pmap(), "pmap"), sva: try need(fields.unsigned("sva"), "sva"),
                    eva: try need(fields.unsigned("eva"), "eva"))
            case .pmapKremove:
                kind = .pmapKremove(
                    va: try need(fields.unsigned("va"), "va"), length: try need(fields.unsigned("len"), "len"))
            case .pmapUpdate:
                kind = .pmapUpdate(pmap: pmap() ?? .kernel)
            case .tlbShootdownIPI:
                let targets = try need(cpuTargets(fields), "target or mask")
                let pages = try need(fields.signed("pages").flatMap { Int(exactly: $0) }, "pages")
                kind = .shootdownIPI(targets: targets, pages: pages)
            case .tlbInvalidate:
                let all = fields.unsigned("all") ?? 0
                kind = .tlbInvalidate(
                    pmap: pmap() ?? .kernel, va: all != 0 ? nil : try need(fields.unsigned("va"), "va or all=1"))
            case .tlbShootdownDone:
                kind = .shootdownDone(waitNs: fields.signed("wait_ns"))
            case .xenMMUExt:
                let targets = try need(cpuTargets(fields), "mask")
                let flush = fields.range("op").map { fields.bytes.matches($0, "tlb_flush_multi") } ?? false
                kind = .xenMMUExt(targets: targets, va: flush ? nil : try need(fields.unsigned("va"), "va"))
            case .ubcAlloc:
                kind = .ubcAlloc(
                    va: try need(fields.unsigned("va"), "va"), offset: fields.unsigned("offset") ?? 0,
                    length: try need(fields.unsigned("len"), "len"))
            case .ubcRelease:
                kind = .ubcRelease(va: try need(fields.unsigned("va"), "va"))
            case .idleEnter: kind = .idleEnter
            case .idleExit: kind = .idleExit
            case .schedSwitch:
                // libtraceevent's sched_switch plugin (trace-cmd report) prints `comm:pid [prio] S ==> comm:pid [prio]`.
                let plugin = int32("prev_pid") == nil ? SchedSwitchPluginText.pids(fields.bytes, body) : nil
                kind = .schedSwitch(
                    prevPid: try need(int32("prev_pid") ?? plugin?.prev, "prev_pid"),
                    nextPid: try need(int32("next_pid") ?? plugin?.next, "next_pid"))
            case .pmapActivate: kind = .pmapActivate(pmap: try need(pmap(), "pmap"))
            case .pmapDeactivate: kind = .pmapDeactivate(pmap: try need(pmap(), "pmap"))
            case .lwpBind:
                kind = .lwpBind(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1,
                    cpu: try need(fields.signed("cpu").flatMap { Int(exactly: $0) }, "cpu"))
            case .pmapTLBShootdown:
                // `va=-1`: NetBSD queues "everything" (the packet becomes a full flush).
                let all = fields.signed("va") == -1
                kind = .pmapTLBShootdown(
                    pmap: try need(pmap(), "pmap"), va: all ? nil : try need(fields.unsigned("va"), "va"),
                    why: fields.string("why").flatMap(TLBShootdownReason.init(spelled:)))
            case .fork: kind = .fork(child: try need(int32("child"), "child"))
            case .ptrace:
                let request = try need(fields.range("req").map { fields.bytes.string($0) }, "req")
                kind = .ptrace(
                    request: PtraceRequest(name: request), pid: try need(int32("pid"), "pid"), signal: signal() ?? 0)
            case .lwpKill:
                kind = .lwpKill(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1, signal: try need(signal(), "sig"))
            case .kill: kind = .kill(pid: try need(int32("pid"), "pid"), signal: try need(signal(), "sig"))
            case .kpsignal2: kind = .kpsignal2(pid: try need(int32("pid"), "pid"), signal: try need(signal(), "sig"))
            case .trapsignal:
                kind = .trapsignal(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1, signal: try need(signal(), "sig"))
            case .sigpost:
                let caller = fields.range("caller").map { SigpostCaller(name: fields.bytes.string($0)) }
                kind = .sigpost(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1, signal: try need(signal(), "sig"),
                    caller: caller ?? .other("unknown"))
            case .issignal:
                kind = .issignal(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1, signal: try need(signal(), "sig"))
            case .sigswitch:
                kind = .sigswitch(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1, signal: try need(signal(), "sig"))
            case .procStop: kind = .procStop(pid: try need(int32("pid"), "pid"), signal: signal() ?? 0)
            case .procStopDone: kind = .procStopDone(pid: try need(int32("pid"), "pid"), signal: signal() ?? 0)
            case .procUnstop: kind = .procUnstop(pid: try need(int32("pid"), "pid"))
            case .postsig:
                kind = .postsig(
                    pid: try need(int32("pid"), "pid"), lid: int32("lid") ?? 1, signal: try need(signal(), "sig"))
            case .waitReturn:
                // `status=stopped:SIG` …, or the raw wait word (`wstatus=0x137f`, NetBSD's encoding).
                let status = try need(
                    fields.range("status").flatMap(waitStatus) ?? fields.signed("wstatus").flatMap(Self.rawWaitStatus),
                    "status")
                let errno = fields.range("errno").flatMap { Errno.number(of: fields.bytes.string($0)) } ?? 0
                kind = .waitReturn(
                    child: int32("child") ?? -1, status: status, errno: errno,
                    options: fields.range("options").map(waitOptions) ?? [])
            case .exit: kind = .exit(status: int32("status") ?? 0)
            case .atfTestCaseStart:
                kind = .atfTestCaseStart(program: traceName("tp"), testCase: traceName("tc"))
            case .atfTestCaseEnd:
                kind = .atfTestCaseEnd(
                    program: traceName("tp"), testCase: traceName("tc"), result: traceName("result"),
                    reason: fields.string("reason").map { TraceName($0) })
            default:
                return decodeLinux(name, form: form, context: context, emit: emit)
            }
            emit(context.event(kind))
            return nil
        } catch {
            return error.message
        }
    }

    struct DecodeProblem: Error { var message: String }

    /// `target=N`, `mask=M` (a bit mask: `0x` hex of any width, or decimal) or
    /// `cpus=0-3,5` (a CPU list).
    func cpuTargets(_ fields: FieldList) -> CPUSet? {
        if let target = fields.signed("target"), target >= 0, target < 1 << 20 { return CPUSet([Int(target)]) }
        if let range = fields.range("mask") { return CPUMaskParser.numberMask(fields.bytes, range) }
        if let range = fields.range("cpus") { return CPUMaskParser.list(fields.bytes, range) }
        return nil
    }

    func waitStatus(_ range: Range<Int>) -> WaitStatus? { waitStatus(fieldList.bytes, range) }

    /// `status=stopped:SIGSTOP` and the other words, in `bytes[range]`.
    func waitStatus(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> WaitStatus? {
        var colon = range.lowerBound
        while colon < range.upperBound && bytes[colon] != ASCII.colon { colon += 1 }
        let word = range.lowerBound..<colon
        let argument = min(colon + 1, range.upperBound)..<range.upperBound
        func signalArgument() -> Int32? {
            if let number = NumberParser.signed(bytes, argument) { return Int32(exactly: number) }
            return SignalNames.number(of: bytes.string(argument), numbering: signalNumbering)
        }
        if bytes.matches(word, "stopped") { return signalArgument().map { .stopped(signal: $0) } }
        if bytes.matches(word, "signaled") { return signalArgument().map { .signaled(signal: $0) } }
        if bytes.matches(word, "exited") {
            return NumberParser.signed(bytes, argument).flatMap { Int32(exactly: $0) }.map { .exited(code: $0) }
        }
        if bytes.matches(word, "continued") { return .continued }
        if bytes.matches(word, "none") { return WaitStatus.none }
        if bytes.matches(word, "unknown") { return .unknown }
        return nil
    }

    /// A raw wait word as NetBSD's `<sys/wait.h>` encodes it: `0xffff` continued,
    /// low 7 bits `0x7f` stopped (signal in bits 8-15), 0 exited (code in bits
    /// 8-15), else killed by the signal in the low 7 bits. Nil outside 16 bits.
    static func rawWaitStatus(_ word: Int64) -> WaitStatus? {
        guard (0...0xffff).contains(word) else { return nil }
        if word == 0xffff { return .continued }
        let low = Int32(word & 0x7f)
        let high = Int32((word >> 8) & 0xff)
        if low == 0x7f { return .stopped(signal: high) }
        if low == 0 { return .exited(code: high) }
        return .signaled(signal: low)
    }

    /// NetBSD's wait options: `WNOHANG` 1, `WUNTRACED`/`WSTOPPED` 2, `WCONTINUED` 0x10.
    static func netbsdWaitOptions(_ bits: UInt64) -> WaitOptions {
        var options: WaitOptions = []
        if bits & 0x1 != 0 { options.insert(.noHang) }
        if bits & 0x2 != 0 { options.insert(.untraced) }
        if bits & 0x10 != 0 { options.insert(.continued) }
        return options
    }

    func waitOptions(_ range: Range<Int>) -> WaitOptions {
        let bytes = fieldList.bytes
        if let number = NumberParser.unsigned(bytes, range) {
            return signalNumbering == .linux ? LinuxWaitOptions.decode(number) : Self.netbsdWaitOptions(number)
        }
        var options: WaitOptions = []
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound
        where index == range.upperBound || bytes[index] == ASCII.pipe || bytes[index] == ASCII.comma {
            let word = start..<index
            if bytes.matches(word, "WNOHANG") { options.insert(.noHang) }
            if bytes.matches(word, "WUNTRACED") || bytes.matches(word, "WSTOPPED") { options.insert(.untraced) }
            if bytes.matches(word, "WCONTINUED") { options.insert(.continued) }
            start = index + 1
        }
        return options
    }
}

extension LineParser {
    /// The hot NetBSD TLB/UBC events with their fields in the order the kernel
    /// prints them, read without `FieldList.scan` and its per-key lookups
    /// (round 3 of docs/performance-history.md).
    ///
    /// Nil means "not the plain form": the caller runs the general path, which
    /// handles (or rejects) every other spelling — other key orders, extra or
    /// missing fields, `:` separators, quotes, bad numbers — as it always did.
    /// Every field is required here, so a success yields what `decode` would.
    static func fastNetBSDKind(_ name: EventName, _ bytes: UnsafeBufferPointer<UInt8>, _ body: Range<Int>)
        -> EventKind?
    {
        // Two thirds of a TLB trace: ` pmap=kernel va=0x<16 digits>`, compared as words.
        if name == .tlbInvalidate || name == .tlbFill, let va = FieldCursor.kernelVA(bytes, body) {
            return name == .tlbInvalidate ? .tlbInvalidate(pmap: .kernel, va: va) : .tlbFill(pmap: .kernel, va: va)
        }
        var fields = FieldCursor(bytes, body)
        let kind: EventKind
        switch name {
        case .tlbInvalidate:
            guard let pmap = fields.pmap(), let va = fields.va() else { return nil }
            kind = .tlbInvalidate(pmap: pmap, va: va)
        case .tlbFill:
            guard let pmap = fields.pmap(), let va = fields.va() else { return nil }
            kind = .tlbFill(pmap: pmap, va: va)
        case .pmapKenterPA:
            // `pa` and `prot` are not decoded, but must be there (nothing else may follow).
            guard let va = fields.va(), fields.next(.pa) != nil, fields.next(.prot) != nil
            else { return nil }
            kind = .pmapKenterPA(va: va)
        case .pmapKremove:
            guard let va = fields.va(), let length = fields.unsigned(.len) else { return nil }
            kind = .pmapKremove(va: va, length: length)
        case .pmapUpdate:
            guard let pmap = fields.pmap() else { return nil }
            kind = .pmapUpdate(pmap: pmap)
        case .tlbShootdownIPI:
            guard let mask = fields.next(.mask), let targets = CPUMaskParser.numberMask(bytes, mask),
                let pages = fields.signed(.pages).flatMap({ Int(exactly: $0) })
            else { return nil }
            kind = .shootdownIPI(targets: targets, pages: pages)
        case .tlbShootdownDone:
            guard let wait = fields.signed(.waitNs) else { return nil }
            kind = .shootdownDone(waitNs: wait)
        case .ubcAlloc:
            guard let va = fields.va(), let offset = fields.unsigned(.offset),
                let length = fields.unsigned(.len)
            else { return nil }
            kind = .ubcAlloc(va: va, offset: offset, length: length)
        case .ubcRelease:
            guard let va = fields.va() else { return nil }
            kind = .ubcRelease(va: va)
        case .idleEnter: kind = .idleEnter
        case .idleExit: kind = .idleExit
        default: return nil
        }
        return fields.atEnd ? kind : nil
    }
}
