/// One trace event: where and when it happened, and what it was.
///
/// Events are small plain-data values (no references: names are `TraceName`s,
/// CPU sets inline), so copying one is a `memcpy`: the parser makes one per line
/// (sometimes two, for Linux tracepoints that stand for two kernel steps) and
/// hands it on through batches to the models' threads.
public struct Event: Sendable {
    /// 1-based line number in the (decompressed) trace.
    public var line: Int
    /// CPU the event happened on.
    public var cpu: Int
    /// Process that was running there (0 = idle); on Linux the thread (tid).
    public var pid: Int32
    /// Linux thread group (process, mm) of `pid` from the `(TGID)` column of a
    /// capture made with `options/record-tgid`; -1 when the trace does not say
    /// (no column, or `-------`). See `process`.
    public var tgid: Int32
    /// Timestamp in nanoseconds.
    public var timeNs: Int64
    /// What happened.
    public var kind: EventKind

    public init(line: Int, cpu: Int, pid: Int32, timeNs: Int64, kind: EventKind, tgid: Int32 = -1) {
        self.line = line
        self.cpu = cpu
        self.pid = pid
        self.tgid = tgid
        self.timeNs = timeNs
        self.kind = kind
    }

    /// The process (address space) the event ran in: the TGID when the trace
    /// records it, else the pid.
    public var process: Int32 { tgid >= 0 ? tgid : pid }
}

/// The event vocabulary of docs/trace-format.md "Event vocabulary".
public enum EventKind: Sendable {
    // MARK: Address space and TLB

    /// A user or kernel mapping created by a fault or `pmap_enter`.
    case pmapEnter(pmap: PmapID, va: UInt64)
    /// A kernel mapping created by `pmap_kenter_pa`.
    case pmapKenterPA(va: UInt64)
    /// This CPU touched `va`: its TLB caches the translation; the PTE's used bit is set.
    case tlbFill(pmap: PmapID, va: UInt64)
    /// Range `[sva, eva)` unmapped from `pmap`.
    case pmapRemove(pmap: PmapID, sva: UInt64, eva: UInt64)
    /// Kernel range `[va, va+length)` unmapped.
    case pmapKremove(va: UInt64, length: UInt64)
    /// Drain this CPU's shootdown packet.
    case pmapUpdate(pmap: PmapID)
    /// A shootdown IPI sent from this CPU; `pages == 0` is a full flush, nil unknown (Linux).
    case shootdownIPI(targets: CPUSet, pages: Int?)
    /// This CPU invalidated one page (`va`) or flushed its whole TLB (`va == nil`).
    /// `pmap` is nil when the trace does not say (Linux `tlb_flush`).
    case tlbInvalidate(pmap: PmapID?, va: UInt64?)
    /// The initiator's wait for acknowledgements ended.
    case shootdownDone(waitNs: Int64?)
    /// Xen PV hypercall used instead of shootdown IPIs; `va == nil` is `tlb_flush_multi`.
    case xenMMUExt(targets: CPUSet, va: UInt64?)
    /// UBC window mapped for a file chunk.
    case ubcAlloc(va: UInt64, offset: UInt64, length: UInt64)
    /// UBC window released.
    case ubcRelease(va: UInt64)
    case idleEnter
    case idleExit
    /// Context switch; `nextPid == 0` means the CPU goes idle.
    case schedSwitch(prevPid: Int32, nextPid: Int32)
    case pmapActivate(pmap: PmapID)
    case pmapDeactivate(pmap: PmapID)
    /// LWP bound to a CPU (`cpu == -1` unbinds).
    case lwpBind(pid: Int32, lid: Int32, cpu: Int)
    /// NetBSD's `pmap_tlb_shootdown()`: this CPU queued `va` (nil: `va=-1`, flush
    /// everything) in its shootdown packet. NetBSD calls it only for PTEs whose used
    /// bit (`PG_U`) was set, so in a capture without `tlb_fill` it says which pages
    /// were used. `why` is the kernel's `tlbwhy_t`, when the line gives one.
    case pmapTLBShootdown(pmap: PmapID, va: UInt64?, why: TLBShootdownReason?)

    // MARK: Signals and processes

    case fork(child: Int32)
    case ptrace(request: PtraceRequest, pid: Int32, signal: Int32)
    case lwpKill(pid: Int32, lid: Int32, signal: Int32)
    case kill(pid: Int32, signal: Int32)
    case kpsignal2(pid: Int32, signal: Int32)
    case trapsignal(pid: Int32, lid: Int32, signal: Int32)
    case sigpost(pid: Int32, lid: Int32, signal: Int32, caller: SigpostCaller)
    case issignal(pid: Int32, lid: Int32, signal: Int32)
    case sigswitch(pid: Int32, lid: Int32, signal: Int32)
    case procStop(pid: Int32, signal: Int32)
    case procStopDone(pid: Int32, signal: Int32)
    case procUnstop(pid: Int32)
    case postsig(pid: Int32, lid: Int32, signal: Int32)
    /// A `wait*(2)` by this event's process returned. `errno` is 0 on success.
    case waitReturn(child: Int32, status: WaitStatus, errno: Int32, options: WaitOptions)
    /// This event's process exited.
    case exit(status: Int32)
    case atfTestCaseStart(program: TraceName, testCase: TraceName)
    case atfTestCaseEnd(program: TraceName, testCase: TraceName, result: TraceName, reason: TraceName?)

    // MARK: Linux x86 TLB protocol (docs/tlb-model.md "Linux captures")

    /// `tlb:tlb_flush` of a Linux capture: `pages` (-1 = full flush, `TLB_FLUSH_ALL`) and why.
    case linuxTLBFlush(pages: Int32, reason: LinuxTLBFlushReason)
    /// `csd:csd_queue_cpu`: this CPU queued a cross-CPU function call for `target`.
    /// `csd` is the call's (hashed) address; `flushesTLB` when the function is `flush_tlb_func`.
    case csdQueue(target: Int32, csd: UInt64, flushesTLB: Bool)
    /// `csd:csd_function_entry`: this CPU starts a cross-CPU call (`csd == 0`: the
    /// initiator running the function for itself).
    case csdFunctionEntry(csd: UInt64, flushesTLB: Bool)
    /// `csd:csd_function_exit`: the call that `csdFunctionEntry` started ended.
    case csdFunctionExit(csd: UInt64, flushesTLB: Bool)
    /// `ipi:ipi_send_cpu`/`ipi_send_cpumask` whose callback does not name a TLB flush
    /// (those are `shootdownIPI`). `fromCallFunction`: the callsite is a many-CPU
    /// cross call (`on_each_cpu_cond_mask`, `smp_call_function_many_cond`, `on_each_cpu_mask`).
    case ipiSend(targets: CPUSet, fromCallFunction: Bool)

    // MARK: Linux signals (docs/signal-model.md "Linux captures")

    /// `signal:signal_generate` for thread `pid`. `group`: process-directed (`grp=1`).
    /// `result`: 0 delivered to the pending set, 1 ignored, 2 already pending,
    /// 3 overflow, 4 lose_info. `code` is the `si_code` (`CLD_TRAPPED` = 4 …).
    case linuxSignalGenerate(pid: Int32, signal: Int32, code: Int32, group: Bool, result: Int32)
    /// `signal:signal_deliver`: this event's thread takes `signal`; `defaultAction` when
    /// its handler is `SIG_DFL` (`sa_handler=0`).
    case linuxSignalDeliver(signal: Int32, code: Int32, defaultAction: Bool)
    /// `sched:sched_process_exit` of this event's thread; `groupDead` when it was the
    /// last thread of its process (`group_dead=true`; nil when the kernel does not print it).
    case linuxExit(groupDead: Bool?)

    // MARK: Other

    /// Linux `call_function_entry`/`exit` and other known events the models ignore.
    case ignored
}

/// errno values kreplay names in traces.
public enum Errno {
    public static let echild: Int32 = 10
    public static let eintr: Int32 = 4
    public static let esrch: Int32 = 3
    public static let einval: Int32 = 22

    /// `ECHILD` and the other names kreplay knows, else the number.
    public static func name(of errno: Int32) -> String {
        switch errno {
        case echild: return "ECHILD"
        case eintr: return "EINTR"
        case esrch: return "ESRCH"
        case einval: return "EINVAL"
        default: return String(errno)
        }
    }

    public static func number(of name: String) -> Int32? {
        switch name {
        case "ECHILD": return echild
        case "EINTR": return eintr
        case "ESRCH": return esrch
        case "EINVAL": return einval
        default: return Int32(name)
        }
    }
}
