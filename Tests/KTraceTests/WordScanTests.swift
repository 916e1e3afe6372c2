import Testing

@testable import KTrace

/// The eight-bytes-at-a-time scans answer what a byte loop answers.
@Suite struct WordScanTests {
    @Test func scansAgreeWithByteLoops() {
        // Bytes around the ones the scans stop at (and 0x80+, where a carry would show).
        let alphabet: [UInt8] = [
            0x20, 0x09, 0x3a, 0x28, 0x21, 0x08, 0x0a, 0x19, 0x1f, 0x39, 0x3b, 0x29, 0x61, 0xa0, 0xba,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator) ? 0x20 : alphabet.randomElement(using: &generator)!
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...count {
                    var blank = start
                    while blank < count && ASCII.isBlank(buffer[blank]) { blank += 1 }
                    var other = start
                    while other < count && !ASCII.isBlank(buffer[other]) { other += 1 }
                    var stop = start
                    while stop < count && ![0x20, 0x09, 0x3a, 0x28].contains(buffer[stop]) { stop += 1 }
                    #expect(WordScan.skipBlanks(buffer, from: start, to: count) == blank, "\(bytes) from \(start)")
                    #expect(WordScan.skipNonBlanks(buffer, from: start, to: count) == other, "\(bytes) from \(start)")
                    #expect(WordScan.nameEnd(buffer, from: start, to: count) == stop, "\(bytes) from \(start)")
                }
            }
        }
    }
}
