import Testing

@testable import KTrace

/// `FieldCursor` reads keys as words and 16-digit hex values eight digits at a
/// time; it must accept exactly what the byte-by-byte parsers accept.
@Suite struct FieldCursorTests {
    /// Bytes around the edges of the hex digit ranges, and non-ASCII ones.
    private static let alphabet = Array("0123456789abcdefABCDEF/:@G`gxX ".utf8) + [0x80, 0xb0, 0xc1, 0xe6, 0xff]

    /// The byte loop `HexWord.sixteen` must agree with.
    private static func hexValue(_ bytes: [UInt8]) -> UInt64? {
        var value: UInt64 = 0
        for byte in bytes {
            guard let digit = ASCII.hexValue(byte) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private static func sixteen(_ bytes: [UInt8]) -> UInt64? {
        bytes.withUnsafeBufferPointer { HexWord.sixteen($0, at: 0) }
    }

    @Test func hexSixteenAgreesWithByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdefABCDEF".utf8)
        for round in 0..<20_000 {
            // Mostly valid digits, so that the arithmetic is exercised, not only the rejections.
            var bytes = (0..<16).map { _ in digits.randomElement(using: &generator)! }
            if round % 2 == 0 { bytes[Int.random(in: 0..<16, using: &generator)] = Self.alphabet.randomElement()! }
            #expect(Self.sixteen(bytes) == Self.hexValue(bytes), "\(bytes)")
        }
    }

    /// Every byte value in every position of an otherwise valid address.
    @Test func hexSixteenEveryByteEverywhere() {
        let base = Array("ffff80004000a1F9".utf8)
        #expect(Self.sixteen(base) == 0xffff_8000_4000_a1f9)
        for position in 0..<16 {
            for byte in UInt8.min...UInt8.max {
                var bytes = base
                bytes[position] = byte
                #expect(Self.sixteen(bytes) == Self.hexValue(bytes), "\(bytes)")
            }
        }
    }

    /// `va()` (three words for ` va=0x<16 digits>`) reads what `unsigned(.va)` reads and stops at the same byte.
    @Test func vaAgreesWithUnsigned() {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdefABCDEF".utf8)
        for round in 0..<20_000 {
            var value = (0..<Int.random(in: 14...17, using: &generator)).map { _ in digits.randomElement()! }
            if round % 3 == 0 {
                value[Int.random(in: 0..<value.count, using: &generator)] = Self.alphabet.randomElement()!
            }
            let prefix = ["0x", "0x", "0X"].randomElement(using: &generator)!
            for tail in ["", " pa=1", " ", "x", "\t"] {
                let line = Array(" va=\(prefix)".utf8) + value + Array(tail.utf8)
                line.withUnsafeBufferPointer { bytes in
                    var fast = FieldCursor(bytes, 0..<bytes.count)
                    var general = FieldCursor(bytes, 0..<bytes.count)
                    #expect(fast.va() == general.unsigned(.va), "\(line)")
                    #expect(fast.next(.pa) == general.next(.pa) && fast.atEnd == general.atEnd, "\(line)")
                }
            }
        }
    }

    @Test func unsignedAgreesWithNumberParser() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let prefix = ["", "0x", "0X", "0"].randomElement(using: &generator)!
            let length = [16, 16, 16, Int.random(in: 0...18, using: &generator)].randomElement(using: &generator)!
            let value =
                prefix
                + String(
                    decoding: (0..<length).map { _ in
                        Int.random(in: 0..<10, using: &generator) == 0
                            ? Self.alphabet.randomElement(using: &generator)!
                            : Array("0123456789abcdefABCDEF".utf8).randomElement(using: &generator)!
                    }, as: UTF8.self)
            for tail in ["", " pa=1", " ", "x"] {
                let line = Array(" va=\(value)\(tail)".utf8)
                line.withUnsafeBufferPointer { bytes in
                    var cursor = FieldCursor(bytes, 0..<bytes.count)
                    let fast = cursor.unsigned(.va)
                    // The value ends at the first blank (what follows is the next field's business).
                    let blank = bytes[4...].firstIndex(where: ASCII.isBlank) ?? bytes.count
                    let general = NumberParser.unsigned(bytes, 4..<blank)
                    #expect(fast == general, "\(String(decoding: line, as: UTF8.self))")
                    if fast != nil { #expect(cursor.atEnd == (blank == bytes.count)) }
                }
            }
        }
    }

    @Test(arguments: [
        (" va=0x10", true), (" va=0x10 pa=0x2 prot=rw", true), (" vb=0x10 pa=0x2 prot=rw", false),
        ("  va=0x10 pa=0x2 prot=rw", false), (" va:0x10 pa=0x2 prot=rw", false), (" va=\"0x10\" pa=0x2", false),
        (" v=0x10 pa=0x2 prot=rw", false), (" va", false), (" va=", true), ("\tva=0x10 pa=0x2 prot=rw", false),
        (" Va=0x10 pa=0x2 prot=rw", false),
    ])
    func keysMatchExactly(line: String, matches: Bool) {
        Array(line.utf8).withUnsafeBufferPointer { bytes in
            var cursor = FieldCursor(bytes, 0..<bytes.count)
            #expect((cursor.next(.va) != nil) == matches)
        }
    }

    @Test(arguments: [
        (" pmap=kernel", PmapID?.some(.kernel)), (" pmap=kernel va=0x1", .kernel),
        (" pmap=0x1000 va=0x1", .user(0x1000)),
        (" pmap=kernelx va=0x1", nil), (" pmap=kerne va=0x1", nil), (" pmap=Kernel va=0x1", nil),
        (" pmap=kernel\tva=0x1", .kernel), (" pmap=\"kernel\" va=0x1", nil), (" pmap=kernel", .kernel),
    ])
    func pmapValues(line: String, expected: PmapID?) {
        Array(line.utf8).withUnsafeBufferPointer { bytes in
            var cursor = FieldCursor(bytes, 0..<bytes.count)
            #expect(cursor.pmap() == expected)
        }
    }
}
