/// LTTng kernel event names (lttng-modules `include/instrumentation/events/`,
/// `syscall_entry_*`/`syscall_exit_*`) that map onto docs/trace-format.md "Event vocabulary".
enum BabeltraceEventName: CaseIterable {
    case schedSwitch, schedProcessFork, schedProcessExit
    case signalGenerate, signalDeliver
    case callFunctionEntry, callFunctionExit, callFunctionSingleEntry, callFunctionSingleExit
    case tlbFlush, x86TLBFlush
    case entryWait4, exitWait4, entryKill, exitKill, entryTkill, exitTkill, entryTgkill, exitTgkill
    case entryPtrace, exitPtrace

    var spelling: String {
        switch self {
        case .schedSwitch: return "sched_switch"
        case .schedProcessFork: return "sched_process_fork"
        case .schedProcessExit: return "sched_process_exit"
        case .signalGenerate: return "signal_generate"
        case .signalDeliver: return "signal_deliver"
        case .callFunctionEntry: return "x86_irq_vectors_call_function_entry"
        case .callFunctionExit: return "x86_irq_vectors_call_function_exit"
        case .callFunctionSingleEntry: return "x86_irq_vectors_call_function_single_entry"
        case .callFunctionSingleExit: return "x86_irq_vectors_call_function_single_exit"
        case .tlbFlush: return "tlb_flush"
        case .x86TLBFlush: return "x86_tlb_flush"
        case .entryWait4: return "syscall_entry_wait4"
        case .exitWait4: return "syscall_exit_wait4"
        case .entryKill: return "syscall_entry_kill"
        case .exitKill: return "syscall_exit_kill"
        case .entryTkill: return "syscall_entry_tkill"
        case .exitTkill: return "syscall_exit_tkill"
        case .entryTgkill: return "syscall_entry_tgkill"
        case .exitTgkill: return "syscall_exit_tgkill"
        case .entryPtrace: return "syscall_entry_ptrace"
        case .exitPtrace: return "syscall_exit_ptrace"
        }
    }

    /// Looks a name up by its bytes without making a `String`.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> BabeltraceEventName? {
        guard let candidates = table[range.count] else { return nil }
        for (name, spelling) in candidates {
            var equal = true
            for offset in 0..<range.count where bytes[range.lowerBound + offset] != spelling[offset] {
                equal = false
                break
            }
            if equal { return name }
        }
        return nil
    }

    /// Candidates by length: few names share one, so a length bucket is enough.
    private static let table: [Int: [(BabeltraceEventName, [UInt8])]] = {
        var table: [Int: [(BabeltraceEventName, [UInt8])]] = [:]
        for name in allCases { table[name.spelling.utf8.count, default: []].append((name, Array(name.spelling.utf8))) }
        return table
    }()
}

extension BabeltraceLineParser {
    /// Maps one LTTng event to SPEC events; returns a problem for a malformed one.
    ///
    /// Linux threads are keyed by tid as `pid` with `lid` 1, as for ftrace input.
    mutating func decode(
        _ name: BabeltraceEventName, context: LineParser.EventContext, emit: (consuming Event) -> Void
    ) -> String? {
        let fields = fields
        func missing(_ key: String) -> String { "\(name.spelling): missing or bad \(key)" }
        switch name {
        case .schedSwitch:
            guard let prev = fields.int32("prev_tid"), let next = fields.int32("next_tid") else {
                return missing("prev_tid or next_tid")
            }
            var event = context.event(.schedSwitch(prevPid: prev, nextPid: next))
            event.pid = prev
            emit(event)
            currentTid[context.cpu] = next
        case .schedProcessFork:
            guard let child = fields.int32("child_tid") ?? fields.int32("child_pid") else {
                return missing("child_tid")
            }
            emit(context.event(.fork(child: child)))
        case .schedProcessExit:
            emit(context.event(.linuxExit(groupDead: nil)))
        case .signalGenerate:
            guard let sig = fields.int32("sig"), let pid = fields.int32("pid") else { return missing("sig or pid") }
            guard let result = fields.int32("result") else { return missing("result") }
            let group = (fields.int32("group") ?? 0) != 0
            emit(
                context.event(
                    .linuxSignalGenerate(
                        pid: pid, signal: sig, code: fields.int32("code") ?? 0, group: group, result: result)))
        case .signalDeliver:
            guard let sig = fields.int32("sig") else { return missing("sig") }
            let handler = fields.signed("sa_handler")
            emit(
                context.event(
                    .linuxSignalDeliver(signal: sig, code: fields.int32("code") ?? 0, defaultAction: handler == 0)))
        case .callFunctionEntry, .callFunctionExit, .callFunctionSingleEntry, .callFunctionSingleExit:
            emit(context.event(.ignored))
        case .tlbFlush, .x86TLBFlush:
            guard fields.payload("pages") != nil else { return missing("pages") }
            emit(context.event(.tlbInvalidate(pmap: nil, va: nil)))
        case .entryWait4:
            let child = fields.int32("upid") ?? -1
            let options = fields.signed("options").map { LinuxWaitOptions.decode(UInt64(truncatingIfNeeded: $0)) }
            pendingWaitOptions[context.pid] = (child, options ?? [])
            emit(context.event(.ignored))
        case .exitWait4:
            guard let value = fields.signed("ret") else { return missing("ret") }
            let pending = pendingWaitOptions.removeValue(forKey: context.pid)
            let options = pending?.options ?? []
            if value > 0 {
                emit(
                    context.event(
                        .waitReturn(
                            child: Int32(truncatingIfNeeded: value), status: .unknown, errno: 0, options: options)))
            } else {
                let errno = value < 0 ? Int32(truncatingIfNeeded: 0 &- value) : 0
                emit(
                    context.event(
                        .waitReturn(child: pending?.child ?? -1, status: .none, errno: errno, options: options)))
            }
        case .entryKill:
            guard let pid = fields.int32("pid"), let sig = fields.int32("sig") else { return missing("pid or sig") }
            emit(context.event(.kill(pid: pid, signal: sig)))
        case .entryTkill, .entryTgkill:
            guard let tid = fields.int32("pid"), let sig = fields.int32("sig") else { return missing("pid or sig") }
            emit(context.event(.lwpKill(pid: tid, lid: 1, signal: sig)))
        case .entryPtrace:
            guard let request = fields.signed("request"), let pid = fields.int32("pid") else {
                return missing("request or pid")
            }
            let kind = LinuxPtraceRequest.decode(request)
            let signal = kind == .continueExecution || kind == .step || kind == .detach ? fields.int32("data") ?? 0 : 0
            emit(context.event(.ptrace(request: kind, pid: pid, signal: signal)))
        case .exitKill, .exitTkill, .exitTgkill, .exitPtrace:
            emit(context.event(.ignored))
        }
        return nil
    }
}

/// Linux `ptrace(2)` request numbers (`include/uapi/linux/ptrace.h`).
enum LinuxPtraceRequest {
    static func decode(_ request: Int64) -> PtraceRequest {
        switch request {
        case 0: return .traceMe
        case 7: return .continueExecution
        case 8: return .kill
        case 9: return .step
        case 16, 0x4206: return .attach
        case 17: return .detach
        default: return .other
        }
    }
}
