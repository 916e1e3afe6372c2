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
}
