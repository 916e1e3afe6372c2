extension LineParser {
    /// Linux tracepoints and syscall events, mapped onto the docs/trace-format.md "Event vocabulary" vocabulary.
    ///
    /// Linux names threads, not (process, LWP) pairs: kreplay keys a Linux
    /// thread by its tid as `pid` with `lid` 1.
    mutating func decodeLinux(
        _ name: EventName, form: Layout.Form, context: EventContext, emit: (consuming Event) -> Void
    ) -> String? {
        let fields = fieldList
        let bareHex = form != .fields
        /// Syscall arguments print as bare 64-bit hex (`ffffffff` is -1); a decimal pid
        /// beyond Int32 is bad, not wrapped into some other pid.
        func int32(_ key: StaticString) -> Int32? {
            fields.signed(key, bareHex: bareHex).flatMap {
                bareHex ? Int32(truncatingIfNeeded: $0) : Int32(exactly: $0)
            }
        }
        func signal() -> Int32? {
            guard let range = fields.range("sig") else { return nil }
            if let number = NumberParser.signed(fields.bytes, range, bareHex: bareHex) {
                return Int32(exactly: number)
            }
            return SignalNames.number(of: fields.bytes.string(range), numbering: signalNumbering)
        }
        func missing(_ key: String) -> String { "\(name.spelling): missing or bad \(key)" }
        switch name {
        case .linuxTLBFlush:
            guard let pages = fields.signed("pages").flatMap({ Int32(exactly: $0) }) else { return missing("pages") }
            guard let reason = fields.range("reason").map({ LinuxFlushReasonParser.reason(fields.bytes, $0) }) else {
                return missing("reason")
            }
            emit(context.event(.linuxTLBFlush(pages: pages, reason: reason)))
        case .csdQueueCPU:
            guard let target = fields.signed("cpu").flatMap({ $0 >= 0 && $0 < 1 << 20 ? Int32($0) : nil }) else {
                return missing("cpu")
            }
            guard let csd = fields.unsigned("csd", bareHex: true) else { return missing("csd") }
            let flushes = fields.range("func").map { Self.startsWith(fields.bytes, $0, "flush_tlb_func") } ?? false
            emit(context.event(.csdQueue(target: target, csd: csd, flushesTLB: flushes)))
        case .csdFunctionEntry, .csdFunctionExit:
            // `func=flush_tlb_func, csd=…`: the comma stays on the func value.
            guard let csd = fields.unsigned("csd", bareHex: true) else { return missing("csd") }
            let flushes = fields.range("func").map { Self.startsWith(fields.bytes, $0, "flush_tlb_func") } ?? false
            emit(
                context.event(
                    name == .csdFunctionEntry
                        ? .csdFunctionEntry(csd: csd, flushesTLB: flushes)
                        : .csdFunctionExit(csd: csd, flushesTLB: flushes)))
        case .cpuIdle:
            // `state=4294967295` (PWR_EVENT_EXIT, -1 as u32) leaves idle; the event names its CPU.
            guard let state = fields.signed("state") else { return missing("state") }
            var event = context.event(state == 4_294_967_295 || state == -1 ? .idleExit : .idleEnter)
            if let cpu = fields.signed("cpu_id"), cpu >= 0, cpu < 1 << 20 { event.cpu = Int(cpu) }
            emit(event)
        case .ipiSendCPU, .ipiSendCPUMask:
            let targets: CPUSet?
            if name == .ipiSendCPU {
                targets = fields.signed("cpu").flatMap { $0 >= 0 && $0 < 1 << 20 ? CPUSet([Int($0)]) : nil }
            } else {
                targets = fields.range("cpumask").flatMap { CPUMaskParser.list(fields.bytes, $0) }
            }
            guard let targets else { return missing(name == .ipiSendCPU ? "cpu" : "cpumask") }
            let isTLB = fields.range("callback").map { Self.contains(fields.bytes, $0, "flush_tlb") } ?? false
            if isTLB {
                emit(context.event(.shootdownIPI(targets: targets, pages: nil)))
            } else {
                let callsite = fields.range("callsite")
                let fromCallFunction =
                    callsite.map {
                        Self.startsWith(fields.bytes, $0, "on_each_cpu_cond_mask")
                            || Self.startsWith(fields.bytes, $0, "smp_call_function_many_cond")
                            || Self.startsWith(fields.bytes, $0, "on_each_cpu_mask")
                    } ?? false
                emit(context.event(.ipiSend(targets: targets, fromCallFunction: fromCallFunction)))
            }
        case .callFunctionEntry, .callFunctionExit, .callFunctionSingleEntry, .callFunctionSingleExit:
            emit(context.event(.ignored))
        case .signalGenerate:
            guard let sig = signal() else { return missing("sig") }
            guard let pid = int32("pid") else { return missing("pid") }
            // ftrace prints `res=` and `grp=`; LTTng names them `result` and `group` (docs/trace-format.md "Event vocabulary").
            guard let result = (fields.signed("res") ?? fields.signed("result")).flatMap({ Int32(exactly: $0) })
            else { return missing("res") }
            let code = int32("code") ?? 0
            let group = (fields.signed("grp") ?? fields.signed("group") ?? 0) != 0
            emit(
                context.event(.linuxSignalGenerate(pid: pid, signal: sig, code: code, group: group, result: result)))
        case .signalDeliver:
            guard let sig = signal() else { return missing("sig") }
            let handler = fields.unsigned("sa_handler", bareHex: true)
            emit(context.event(.linuxSignalDeliver(signal: sig, code: int32("code") ?? 0, defaultAction: handler == 0)))
        case .sysPtrace, .sysEnterPtrace:
            if form == .syscallExit { return ignored(context, emit) }
            guard let request = fields.signed("request", bareHex: bareHex) else { return missing("request") }
            let pid = int32("pid") ?? 0
            let data = fields.signed("data", bareHex: bareHex).map { Int32(truncatingIfNeeded: $0) } ?? 0
            let kind = LinuxPtraceRequest.decode(request)
            let signal: Int32 = kind == .continueExecution || kind == .step || kind == .detach ? data : 0
            emit(context.event(.ptrace(request: kind, pid: pid, signal: signal)))
        case .schedProcessFork:
            guard let child = int32("child_pid") else { return missing("child_pid") }
            emit(context.event(.fork(child: child)))
        case .schedProcessExit:
            let groupDead = fields.range("group_dead").map {
                fields.bytes.matches($0, "true") || fields.bytes.matches($0, "1")
            }
            emit(context.event(.linuxExit(groupDead: groupDead)))
        case .sysWait4, .sysEnterWait4, .sysExitWait4:
            return decodeWait4(name, form: form, context: context, emit: emit)
        case .sysKill, .sysEnterKill:
            if form == .syscallExit { return ignored(context, emit) }
            guard let pid = int32("pid"), let sig = signal() else { return missing("pid or sig") }
            emit(context.event(.kill(pid: pid, signal: sig)))
        case .sysTkill, .sysEnterTkill, .sysTgkill, .sysEnterTgkill:
            if form == .syscallExit { return ignored(context, emit) }
            guard let tid = int32("pid"), let sig = signal() else { return missing("pid or sig") }
            emit(context.event(.lwpKill(pid: tid, lid: 1, signal: sig)))
        default:
            emit(context.event(.ignored))
        }
        return nil
    }

    /// A known event that means nothing to the models (a `sys_kill -> 0x0` exit).
    private func ignored(_ context: EventContext, _ emit: (consuming Event) -> Void) -> String? {
        emit(context.event(.ignored))
        return nil
    }

    /// `sys_wait4(upid: …, options: …)` then `sys_wait4 -> 0x…` (or the
    /// `sys_enter_wait4`/`sys_exit_wait4` tracepoints): one `wait_return`.
    private mutating func decodeWait4(
        _ name: EventName, form: Layout.Form, context: EventContext, emit: (consuming Event) -> Void
    ) -> String? {
        let fields = fieldList
        let isEntry = form == .syscallEntry || name == .sysEnterWait4
        if isEntry {
            let child = fields.signed("upid", bareHex: true).map { Int32(truncatingIfNeeded: $0) } ?? -1
            let options = fields.unsigned("options", bareHex: true).map(LinuxWaitOptions.decode) ?? []
            pendingWaitOptions[context.pid] = (child, options)
            emit(context.event(.ignored))
            return nil
        }
        guard let word = fields.bareWords.first,
            let value = NumberParser.signed(fields.bytes, word, bareHex: form == .syscallExit)
        else { return "\(name.spelling): missing return value" }
        let pending = pendingWaitOptions.removeValue(forKey: context.pid)
        let options = pending?.options ?? []
        let kind: EventKind
        if value > 0 {
            kind = .waitReturn(
                child: Int32(truncatingIfNeeded: value), status: .unknown, errno: 0, options: options)
        } else {
            let errno = value < 0 ? Int32(truncatingIfNeeded: 0 &- value) : 0
            kind = .waitReturn(child: pending?.child ?? -1, status: .none, errno: errno, options: options)
        }
        emit(context.event(kind))
        return nil
    }

    static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        return range.count >= count && bytes.matches(range.lowerBound..<range.lowerBound + count, text)
    }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard range.count >= count else { return false }
        for start in range.lowerBound...(range.upperBound - count)
        where bytes.matches(start..<start + count, text) {
            return true
        }
        return false
    }
}

/// The number in a `tlb_flush` reason (`remote IPI send (4)`): the text varies
/// between kernels and between ftrace and trace-cmd's plugin, the number not.
enum LinuxFlushReasonParser {
    static func reason(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LinuxTLBFlushReason {
        guard let close = range.last, bytes[close] == ASCII.closeParen else { return .other }
        var open = close
        while open > range.lowerBound && bytes[open] != ASCII.openParen { open -= 1 }
        guard bytes[open] == ASCII.openParen, let number = NumberParser.unsigned(bytes, open + 1..<close),
            number < 255
        else { return .other }
        return LinuxTLBFlushReason(rawValue: UInt8(number)) ?? .other
    }
}

/// Linux `wait4` option bits.
enum LinuxWaitOptions {
    static func decode(_ bits: UInt64) -> WaitOptions {
        var options: WaitOptions = []
        if bits & 1 != 0 { options.insert(.noHang) }
        if bits & 2 != 0 { options.insert(.untraced) }
        if bits & 8 != 0 { options.insert(.continued) }
        return options
    }
}

/// CPU sets as traces write them.
enum CPUMaskParser {
    /// A NetBSD `mask=` value. Numbers are decimal or `0x` hex (docs/trace-format.md "Event lines"), so `mask=12`
    /// is cpus 2 and 3; a value that can only be hex — `0x…`, comma-separated 32-bit groups
    /// as the kernel's `%*pb` prints them, or hex letters — is a hex bit mask of any width.
    static func numberMask(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CPUSet? {
        let digitsOnly = range.allSatisfy { bytes[$0] &- ASCII.zero < 10 }
        guard digitsOnly, !range.isEmpty, !(range.count > 1 && bytes[range.lowerBound] == ASCII.zero) else {
            return hexMask(bytes, range)
        }
        return NumberParser.unsigned(bytes, range).map { CPUSet(mask: $0) }
    }

    /// A hex bit mask of any width (`0xe`, `ffffffff,00000001`).
    static func hexMask(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CPUSet? {
        var start = range.lowerBound
        if range.count > 2 && bytes[start] == ASCII.zero && (bytes[start + 1] | 0x20) == 0x78 { start += 2 }
        guard start < range.upperBound else { return nil }
        var set = CPUSet()
        var bit = 0
        var index = range.upperBound - 1
        var sawDigit = false
        while index >= start {
            if bytes[index] == ASCII.comma {
                // `%*pb` groups are 32-bit words: a short group still ends at a word boundary.
                bit = (bit + 31) / 32 * 32
            } else {
                guard let digit = ASCII.hexValue(bytes[index]) else { return nil }
                sawDigit = true
                for offset in 0..<4 where digit & (1 << UInt64(offset)) != 0 { set.insert(bit + offset) }
                bit += 4
                // Leading zero digits are harmless; a set bit at or past the limit is not.
                if bit > TraceLimits.maxCPUs && digit != 0 { return nil }
                if bit > 1 << 20 { return nil }
            }
            index -= 1
        }
        return sawDigit ? set : nil
    }

    /// A CPU list as ftrace prints `%*pbl`: `0-3,5`.
    static func list(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CPUSet? {
        var set = CPUSet()
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound
        where index == range.upperBound || bytes[index] == ASCII.comma {
            let item = start..<index
            start = index + 1
            if item.isEmpty { continue }
            var dash = item.lowerBound
            while dash < item.upperBound && bytes[dash] != ASCII.dash { dash += 1 }
            // Bounded by the CPU limit, so a long list of `0-4095` items stays linear.
            let limit = UInt64(TraceLimits.maxCPUs)
            guard let first = NumberParser.unsigned(bytes, item.lowerBound..<dash), first < limit else {
                return nil
            }
            var last = first
            if dash < item.upperBound {
                guard let value = NumberParser.unsigned(bytes, dash + 1..<item.upperBound), value >= first,
                    value < limit
                else { return nil }
                last = value
            }
            set.insert(range: Int(first)...Int(last))
        }
        return set
    }
}
