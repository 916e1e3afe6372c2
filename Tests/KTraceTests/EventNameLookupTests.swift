import Testing

@testable import KTrace

/// `EventName.lookup` reads a name as words; it must still match exactly.
@Suite struct EventNameLookupTests {
    /// Event names looked up by their words: every spelling, and near misses.
    @Test func eventNamesLookUpExactly() {
        func lookup(_ text: String, padding: String = ": x=1") -> EventName? {
            var bytes = Array((text + padding).utf8)
            return bytes.withUnsafeMutableBufferPointer {
                EventName.lookup(UnsafeBufferPointer($0), 0..<text.utf8.count)
            }
        }
        for name in EventName.allCases {
            #expect(lookup(name.spelling) == name)
            #expect(lookup(name.spelling, padding: "") == name)
            #expect(lookup(name.spelling + "x") == nil)
            #expect(lookup(String(name.spelling.dropLast())) == nil)
            #expect(lookup(String(name.spelling.dropFirst())) == nil)
        }
        #expect(lookup("tlb_shootdown_IPI") == nil)
        #expect(lookup("call_function_singlx_entry") == nil)
        #expect(lookup("") == nil)
    }

    /// `EventNameTable.match` (a known name at a name's start, no scan) answers
    /// exactly where the scan for the name's end and the lookup answer a name: for
    /// every name, near misses, names sharing their first bytes, what may follow a
    /// name, with and without leading blanks; and it answers wherever they do for a
    /// name of up to 24 bytes with sixteen bytes readable at its start.
    @Test func tableMatchAgreesWithScanAndLookup() {
        let texts =
            EventName.allCases.map(\.spelling) + [
                "tlb_invalidatx", "tlb_fil", "tlb_fill_", "fork_", "exi", "call_function_singlx_entry",
                "tlb_shootdown_donx", "tlb_shootdown_", "tlb_shootdown_ipi_done", "proc_stop_", "sys_enter_wai4",
                "", "x", "forkfork", "ptracx", "kil", "sigpost1", "pmap_ente", "tlb_fill\u{0}",
            ]
        let tails = [
            ": x=1", ":", "", " x", "(x)", "x: y", ":: y", "\t:", ": pmap=kernel va=0xffff800040000000", "\u{0}:",
            ":\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}",
        ]
        var matched = Set<EventName>()
        for text in texts {
            for lead in ["", "  ", "\t"] {
                for tail in tails {
                    if let name = Self.checkMatch(lead + text + tail, start: lead.utf8.count) { matched.insert(name) }
                }
            }
        }
        // Every name of up to 24 bytes was found somewhere.
        let short = EventName.allCases.filter { $0.spelling.utf8.count <= EventNameTable.longest }
        #expect(matched == Set(short))
        #expect(short.count > 50)
    }

    /// Every name sits near its own slot: a NetBSD name within two probes (the two
    /// `tlb_shootdown_*` share their first eight bytes), a Linux one within six
    /// (five `sys_enter_*` share theirs).
    @Test func tableProbesAreShort() {
        for name in EventName.allCases where name.spelling.utf8.count <= EventNameTable.longest {
            let probes = EventNameTable.shared.probes(name)
            #expect(probes >= 1 && probes <= (name.isLinuxOnly ? 6 : 2), "\(name.spelling): \(probes)")
        }
    }

    /// A line's bytes in memory of their own (no closure: the compiler's
    /// SendNonSendable pass once crashed on a closure here).
    private static func buffer(_ text: String) -> UnsafeBufferPointer<UInt8> {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
        _ = bytes.initialize(from: text.utf8)
        return UnsafeBufferPointer(bytes)
    }

    /// Checks `match` against the scan and the lookup on `line`; the name it found.
    private static func checkMatch(_ line: String, start: Int) -> EventName? {
        let buffer = Self.buffer(line)
        defer { buffer.deallocate() }
        let end = WordScan.nameEnd(buffer, from: start, to: buffer.count)
        let scanned: EventName? =
            end > start && end < buffer.count && buffer[end] == ASCII.colon
            ? EventName.lookup(buffer, start..<end) : nil
        let match = EventNameTable.shared.match(buffer, at: start)
        if let match {
            #expect(match.name == scanned && match.end == end, "\(line)")
        } else if scanned != nil {
            #expect(end - start > EventNameTable.longest || start + 16 > buffer.count, "\(line)")
        }
        return match?.name
    }
}
