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

    /// Names looked up lately, for `match` (round 9 of docs/performance.md): a
    /// trace cycles through a dozen names, and `match` finds one at its start — no
    /// scan for its end, no key, no table — in two word loads, a hash and a few
    /// compares. 32 sets of two slots, picked by the first sixteen bytes at a
    /// name's start (the name and, for a short one, what follows it); each slot
    /// holds a name's exact bytes (up to 24: the first, middle and last eight),
    /// so a match is exact. A copy of the parser (another thread's) has its own
    /// (the array is copied on its first write there).
    struct RecentName {
        fileprivate struct Slot {
            var first: UInt64 = 0
            var middle: UInt64 = 0
            var last: UInt64 = 0
            /// Bytes of the name, 1–24; 0 in an empty slot.
            var count: Int = 0
            var name: EventName?
        }

        fileprivate var slots = [Slot](repeating: Slot(), count: 64)

        /// The first slot of the set for the sixteen bytes `word0`, `word1`.
        @inline(__always)
        private static func set(_ word0: UInt64, _ word1: UInt64) -> Int {
            Int(truncatingIfNeeded: ((word0 &* 0x9e37_79b9_7f4a_7c15) ^ (word1 &* 0xc2b2_ae3d_27d4_eb4f)) >> 59) &<< 1
        }

        /// A remembered name whose bytes start at `start` with a `:` right after
        /// them: the name and the index of the `:`, which is where `WordScan.nameEnd`
        /// stops (a spelling holds no `:`, `(` or blank). Nil otherwise (not
        /// remembered, another name, fewer than 16 bytes from `start`): scan and look up.
        @inline(__always)
        func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (name: EventName, end: Int)? {
            guard start &+ 16 <= bytes.count else { return nil }
            let word0 = WordScan.load(bytes, at: start)
            let word1 = WordScan.load(bytes, at: start &+ 8)
            let set = Self.set(word0, word1)
            return slots.withUnsafeBufferPointer { slots in
                Self.match(slots[set], bytes, start, word0, word1)
                    ?? Self.match(slots[set | 1], bytes, start, word0, word1)
            }
        }

        @inline(__always)
        private static func match(
            _ slot: Slot, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word0: UInt64, _ word1: UInt64
        ) -> (name: EventName, end: Int)? {
            let count = slot.count
            let end = start &+ count
            guard let name = slot.name, end < bytes.count else { return nil }
            if count >= 8 {
                // Bytes 0–7, then the last eight (9–16 bytes), then 8–15 (17–24): all of them.
                guard word0 == slot.first, count == 8 || WordScan.load(bytes, at: end &- 8) == slot.last,
                    count <= 16 || word1 == slot.middle
                else { return nil }
            } else {
                guard word0 & (1 << (8 * UInt64(count)) &- 1) == slot.first else { return nil }
            }
            return bytes[end] == ASCII.colon ? (name, end) : nil
        }

        /// Keeps `name`, read from `bytes[range]`, for `match` (a name of up to 24
        /// bytes with sixteen bytes to read at its start): first in its set, the
        /// set's other name second.
        @inline(__always)
        mutating func remember(_ name: EventName, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            let start = range.lowerBound
            let count = range.count
            guard count >= 1, count <= 24, start &+ 16 <= bytes.count else { return }
            let word0 = WordScan.load(bytes, at: start)
            let word1 = WordScan.load(bytes, at: start &+ 8)
            let set = Self.set(word0, word1)
            slots[set | 1] = slots[set]
            slots[set] = Slot(
                first: count >= 8 ? word0 : word0 & (1 << (8 * UInt64(count)) &- 1), middle: count > 16 ? word1 : 0,
                last: count > 8 ? WordScan.load(bytes, at: range.upperBound &- 8) : 0, count: count, name: name)
        }
    }

    /// `lookup`, remembering the answer in `recent` for `RecentName.match`.
    @inline(__always)
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, recent: inout RecentName)
        -> EventName?
    {
        guard let name = lookup(Key(bytes, range), bytes, range) else { return nil }
        recent.remember(name, bytes, range)
        return name
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
