/// The event names kreplay knows, NetBSD-native and Linux (SPEC §1.4).
enum EventName: CaseIterable {
    case pmapEnter, pmapKenterPA, tlbFill, pmapRemove, pmapKremove, pmapUpdate
    case tlbShootdownIPI, tlbInvalidate, tlbShootdownDone, xenMMUExt
    case ubcAlloc, ubcRelease, idleEnter, idleExit, schedSwitch
    case pmapActivate, pmapDeactivate, lwpBind
    case fork, ptrace, lwpKill, kill, kpsignal2, trapsignal, sigpost, issignal, sigswitch
    case procStop, procStopDone, procUnstop, postsig, waitReturn, exit
    case atfTestCaseStart, atfTestCaseEnd
    // Linux tracepoints and syscalls.
    case linuxTLBFlush, ipiSendCPU, ipiSendCPUMask
    case callFunctionEntry, callFunctionExit, callFunctionSingleEntry, callFunctionSingleExit
    case signalGenerate, signalDeliver, schedProcessFork, schedProcessExit
    case sysWait4, sysEnterWait4, sysExitWait4, sysKill, sysEnterKill, sysTkill, sysEnterTkill
    case sysTgkill, sysEnterTgkill

    /// `sys_enter_*` tracepoints print `key: value, key: value`.
    var hasCommaSeparatedFields: Bool {
        self == .sysEnterWait4 || self == .sysEnterKill || self == .sysEnterTkill || self == .sysEnterTgkill
    }

    var spelling: String {
        switch self {
        case .pmapEnter: return "pmap_enter"
        case .pmapKenterPA: return "pmap_kenter_pa"
        case .tlbFill: return "tlb_fill"
        case .pmapRemove: return "pmap_remove"
        case .pmapKremove: return "pmap_kremove"
        case .pmapUpdate: return "pmap_update"
        case .tlbShootdownIPI: return "tlb_shootdown_ipi"
        case .tlbInvalidate: return "tlb_invalidate"
        case .tlbShootdownDone: return "tlb_shootdown_done"
        case .xenMMUExt: return "xen_mmuext"
        case .ubcAlloc: return "ubc_alloc"
        case .ubcRelease: return "ubc_release"
        case .idleEnter: return "idle_enter"
        case .idleExit: return "idle_exit"
        case .schedSwitch: return "sched_switch"
        case .pmapActivate: return "pmap_activate"
        case .pmapDeactivate: return "pmap_deactivate"
        case .lwpBind: return "lwp_bind"
        case .fork: return "fork"
        case .ptrace: return "ptrace"
        case .lwpKill: return "lwp_kill"
        case .kill: return "kill"
        case .kpsignal2: return "kpsignal2"
        case .trapsignal: return "trapsignal"
        case .sigpost: return "sigpost"
        case .issignal: return "issignal"
        case .sigswitch: return "sigswitch"
        case .procStop: return "proc_stop"
        case .procStopDone: return "proc_stop_done"
        case .procUnstop: return "proc_unstop"
        case .postsig: return "postsig"
        case .waitReturn: return "wait_return"
        case .exit: return "exit"
        case .atfTestCaseStart: return "atf_tc_start"
        case .atfTestCaseEnd: return "atf_tc_end"
        case .linuxTLBFlush: return "tlb_flush"
        case .ipiSendCPU: return "ipi_send_cpu"
        case .ipiSendCPUMask: return "ipi_send_cpumask"
        case .callFunctionEntry: return "call_function_entry"
        case .callFunctionExit: return "call_function_exit"
        case .callFunctionSingleEntry: return "call_function_single_entry"
        case .callFunctionSingleExit: return "call_function_single_exit"
        case .signalGenerate: return "signal_generate"
        case .signalDeliver: return "signal_deliver"
        case .schedProcessFork: return "sched_process_fork"
        case .schedProcessExit: return "sched_process_exit"
        case .sysWait4: return "sys_wait4"
        case .sysEnterWait4: return "sys_enter_wait4"
        case .sysExitWait4: return "sys_exit_wait4"
        case .sysKill: return "sys_kill"
        case .sysEnterKill: return "sys_enter_kill"
        case .sysTkill: return "sys_tkill"
        case .sysEnterTkill: return "sys_enter_tkill"
        case .sysTgkill: return "sys_tgkill"
        case .sysEnterTgkill: return "sys_enter_tgkill"
        }
    }

    /// Looks a name up by its bytes without making a `String`.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> EventName? {
        let hash = fnv1a(bytes, range)
        // The full hash first: bytes are compared only for the (nearly always) right name.
        for candidate in buckets[bucket(hash)] where candidate.2 == hash {
            let spelling = candidate.1
            guard spelling.count == range.count else { continue }
            var equal = true
            for offset in 0..<range.count where bytes[range.lowerBound + offset] != spelling[offset] {
                equal = false
                break
            }
            if equal { return candidate.0 }
        }
        return nil
    }

    /// An array of buckets indexed by the FNV hash, not a `Dictionary`: a
    /// dictionary lookup would run SipHash over the FNV hash once per line.
    private static let bucketCount = 256

    private static func bucket(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash ^ (hash >> 32)) & 255) }

    private static let buckets: [[(EventName, [UInt8], UInt64)]] = {
        var buckets: [[(EventName, [UInt8], UInt64)]] = Array(repeating: [], count: bucketCount)
        for name in EventName.allCases {
            let spelling = Array(name.spelling.utf8)
            let hash = spelling.withUnsafeBufferPointer { fnv1a($0, 0..<$0.count) }
            buckets[bucket(hash)].append((name, spelling, hash))
        }
        return buckets
    }()

    @inline(__always)
    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
