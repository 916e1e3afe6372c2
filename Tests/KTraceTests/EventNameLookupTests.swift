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
}
