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

    /// With the last name remembered, a random sequence of names and near misses
    /// gets the answers of the plain lookup.
    @Test func recentNameAgreesWithLookup() {
        var recent = EventName.RecentName()
        var generator = SystemRandomNumberGenerator()
        let texts =
            EventName.allCases.map(\.spelling) + ["tlb_invalidatx", "tlb_fil", "", "call_function_singlx_entry"]
        for _ in 0..<5_000 {
            let text = texts.randomElement(using: &generator)!
            var bytes = Array((text + ": x=1").utf8)
            bytes.withUnsafeMutableBufferPointer {
                let buffer = UnsafeBufferPointer($0)
                let range = 0..<text.utf8.count
                #expect(EventName.lookup(buffer, range, recent: &recent) == EventName.lookup(buffer, range), "\(text)")
            }
        }
    }

    /// `RecentName.match` (a remembered name at a name's start, no scan) answers
    /// exactly where the scan for the name's end and the lookup answer that name,
    /// for every remembered name against every name, near misses and what may
    /// follow a name; and once this line's name is remembered too, it answers
    /// (a name of up to 24 bytes, sixteen bytes readable at its start).
    @Test func recentMatchAgreesWithScanAndLookup() {
        let texts =
            EventName.allCases.map(\.spelling) + [
                "tlb_invalidatx", "tlb_fil", "tlb_fill_", "fork_", "exi", "call_function_singlx_entry",
                "tlb_shootdown_donx", "", "x",
            ]
        let tails = [": x=1", ":", "", " x", "(x)", "x: y", ":: y", "\t:", ": pmap=kernel va=0xffff800040000000"]
        for remembered in EventName.allCases {
            var recent = EventName.RecentName()
            let warm = Self.buffer(remembered.spelling + ": x=1")
            defer { warm.deallocate() }
            _ = EventName.lookup(warm, 0..<remembered.spelling.utf8.count, recent: &recent)
            for text in texts {
                for lead in ["", "  "] {
                    for tail in tails {
                        Self.checkMatch(lead + text + tail, start: lead.utf8.count, remembered, &recent)
                    }
                }
            }
        }
    }

    /// A line's bytes in memory of their own (no closure: the compiler's
    /// SendNonSendable pass crashed on one capturing `recent` here).
    private static func buffer(_ text: String) -> UnsafeBufferPointer<UInt8> {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
        _ = bytes.initialize(from: text.utf8)
        return UnsafeBufferPointer(bytes)
    }

    private static func checkMatch(
        _ line: String, start: Int, _ remembered: EventName, _ recent: inout EventName.RecentName
    ) {
        let buffer = Self.buffer(line)
        defer { buffer.deallocate() }
        let end = WordScan.nameEnd(buffer, from: start, to: buffer.count)
        let scanned: EventName? =
            end > start && end < buffer.count && buffer[end] == ASCII.colon
            ? EventName.lookup(buffer, start..<end) : nil
        if let match = recent.match(buffer, at: start) {
            #expect(match.name == remembered && scanned == remembered, "\(line)")
            #expect(match.end == end, "\(line)")
        }
        guard let scanned else { return }
        var after = recent
        #expect(EventName.lookup(buffer, start..<end, recent: &after) == scanned)
        let match = after.match(buffer, at: start)
        if end - start <= 24 && start + 16 <= buffer.count {
            #expect(match?.name == scanned && match?.end == end, "\(line)")
        } else {
            #expect(match == nil || (match?.name == scanned && match?.end == end), "\(line)")
        }
    }
}
