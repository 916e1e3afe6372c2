/// The event names kreplay knows, NetBSD-native and Linux (docs/trace-format.md "Event vocabulary").
enum EventName: CaseIterable {
    case pmapEnter, pmapKenterPA, tlbFill, pmapRemove, pmapKremove, pmapUpdate
    case tlbShootdownIPI, tlbInvalidate, tlbShootdownDone, xenMMUExt
    case ubcAlloc, ubcRelease, idleEnter, idleExit, schedSwitch
    case pmapActivate, pmapDeactivate, lwpBind, pmapTLBShootdown
    case fork, ptrace, lwpKill, kill, kpsignal2, trapsignal, sigpost, issignal, sigswitch
    case procStop, procStopDone, procUnstop, postsig, waitReturn, exit
    case atfTestCaseStart, atfTestCaseEnd
    // Linux tracepoints and syscalls.
    case linuxTLBFlush, ipiSendCPU, ipiSendCPUMask
    case callFunctionEntry, callFunctionExit, callFunctionSingleEntry, callFunctionSingleExit
    case signalGenerate, signalDeliver, schedProcessFork, schedProcessExit
    case sysWait4, sysEnterWait4, sysExitWait4, sysKill, sysEnterKill, sysTkill, sysEnterTkill
    case sysTgkill, sysEnterTgkill
    case csdQueueCPU, csdFunctionEntry, csdFunctionExit, cpuIdle, sysPtrace, sysEnterPtrace

    /// A Linux tracepoint or syscall form: a trace that has one is a Linux capture,
    /// which the NetBSD model does not describe (README.md "Exit status": `replay_fidelity` skipped).
    var isLinuxOnly: Bool {
        switch self {
        case .linuxTLBFlush, .ipiSendCPU, .ipiSendCPUMask, .callFunctionEntry, .callFunctionExit,
            .callFunctionSingleEntry, .callFunctionSingleExit, .signalGenerate, .signalDeliver, .schedProcessFork,
            .schedProcessExit, .sysWait4, .sysEnterWait4, .sysExitWait4, .sysKill, .sysEnterKill, .sysTkill,
            .sysEnterTkill, .sysTgkill, .sysEnterTgkill, .csdQueueCPU, .csdFunctionEntry, .csdFunctionExit, .cpuIdle,
            .sysPtrace, .sysEnterPtrace:
            return true
        default:
            return false
        }
    }

    /// `sys_enter_*` tracepoints print `key: value, key: value`.
    var hasCommaSeparatedFields: Bool {
        self == .sysEnterWait4 || self == .sysEnterKill || self == .sysEnterTkill || self == .sysEnterTgkill
            || self == .sysEnterPtrace
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
        case .pmapTLBShootdown: return "pmap_tlb_shootdown"
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
        case .csdQueueCPU: return "csd_queue_cpu"
        case .csdFunctionEntry: return "csd_function_entry"
        case .csdFunctionExit: return "csd_function_exit"
        case .cpuIdle: return "cpu_idle"
        case .sysPtrace: return "sys_ptrace"
        case .sysEnterPtrace: return "sys_enter_ptrace"
        }
    }

    /// Looks a name up by its bytes without making a `String`.
    ///
    /// A name is read as two words, its first and its last eight bytes
    /// (overlapping, zero-padded when shorter): those and the length identify
    /// every name of up to 16 bytes exactly; longer ones compare the middle too.
    /// One multiply-fold hash of the words, one probe of a flat table — no
    /// per-byte hashing or comparison (round 4 of docs/performance-history.md).
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> EventName? {
        lookup(Key(bytes, range), bytes, range)
    }

    private static func lookup(_ key: Key, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> EventName? {
        var slot = slot(key)
        while true {
            let entry = table[slot]
            guard let name = entry.name else { return nil }
            if entry.key == key && (key.count <= 16 || middleMatches(bytes, range, entry.spelling)) { return name }
            slot = (slot + 1) & (tableSize - 1)
        }
    }

    /// A name's length and first and last eight bytes.
    fileprivate struct Key: Equatable {
        var count: Int
        var first: UInt64
        var last: UInt64

        /// No name: the free slots.
        static let none = Key(count: 0, first: 0, last: 0)

        private init(count: Int, first: UInt64, last: UInt64) {
            self.count = count
            self.first = first
            self.last = last
        }

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            count = range.count
            if count >= 8 {
                first = WordScan.load(bytes, at: range.lowerBound)
                last = count > 8 ? WordScan.load(bytes, at: range.upperBound - 8) : 0
            } else if range.lowerBound + 8 <= bytes.count {
                // A short name with the line going on after it: one load, masked.
                first = WordScan.load(bytes, at: range.lowerBound) & (1 << (8 * UInt64(count)) - 1)
                last = 0
            } else {
                first = 0
                for offset in 0..<count { first |= UInt64(bytes[range.lowerBound + offset]) << (8 * UInt64(offset)) }
                last = 0
            }
        }
    }

    /// Bytes 8 up to 8 before the end of a name longer than 16.
    private static func middleMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ spelling: [UInt8])
        -> Bool
    {
        for offset in 8..<range.count - 8 where bytes[range.lowerBound + offset] != spelling[offset] { return false }
        return true
    }

    private struct Entry {
        var name: EventName?
        var key: Key
        var spelling: [UInt8]
    }

    /// Open addressing with linear probing, at most half full.
    private static let tableSize = 128

    @inline(__always)
    private static func slot(_ key: Key) -> Int {
        let mixed = (key.first &* 0x9e37_79b9_7f4a_7c15) ^ (key.last &* 0xc2b2_ae3d_27d4_eb4f) ^ UInt64(key.count)
        return Int(truncatingIfNeeded: (mixed &* 0x9e37_79b9_7f4a_7c15) >> 57)
    }

    private static let table: [Entry] = {
        var table = [Entry](repeating: Entry(name: nil, key: .none, spelling: []), count: tableSize)
        precondition(allCases.count * 2 <= tableSize)
        for name in allCases {
            let spelling = Array(name.spelling.utf8)
            // Padded so that `Key` reads the short names through its one-load branch too.
            let key = (spelling + [UInt8](repeating: 0, count: 8)).withUnsafeBufferPointer {
                Key($0, 0..<spelling.count)
            }
            var slot = slot(key)
            while table[slot].name != nil { slot = (slot + 1) & (tableSize - 1) }
            table[slot] = Entry(name: name, key: key, spelling: spelling)
        }
        return table
    }()
}
