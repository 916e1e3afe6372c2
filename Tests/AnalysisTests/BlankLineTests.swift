import Foundation
import KTrace
import Testing

@testable import Analysis

/// Issue 16.2: runs of empty lines are counted in bulk, not line by line. The counts
/// and the line numbers after them must stay exact, across read buffers (1 MiB) and
/// gzip members, with `\n` and `\r\n` runs, whitespace-only lines, and a lone `\r`
/// at the end.
@Suite struct BlankLineTests {
    /// Built piece by piece so that each bucket's count is known from the construction.
    static func text() -> (
        bytes: [UInt8], lines: Int, blank: Int, comments: Int, malformedLine: Int, lastEventLine: Int
    ) {
        var bytes: [UInt8] = []
        var lines = 0
        var blank = 0
        func add(_ piece: String, lines count: Int, blank isBlank: Bool = false) {
            bytes += Array(piece.utf8)
            lines += count
            if isBlank { blank += count }
        }
        add("# kreplay-trace: version=1\n# machine: arch=amd64 ncpu=2\n", lines: 2)
        add(String(repeating: "\n", count: 1_500_001), lines: 1_500_001, blank: true)  // crosses a 1 MiB buffer
        add("not a trace line\n", lines: 1)
        let malformedLine = lines
        add("a-1 [000] 1.000000: idle_enter:\n", lines: 1)
        add(String(repeating: "\r\n", count: 700_003), lines: 700_003, blank: true)  // crosses another
        add("   \n\t\n \r\n", lines: 3, blank: true)  // blank to the parser, not in a run
        add(String(repeating: "# a comment\n", count: 10), lines: 10)
        add("a-1 [000] 0.500000: idle_exit:\n", lines: 1)  // back in time: a warning names its line
        let lastEventLine = lines
        add("\n\n\n\n\n\n\n\n\n", lines: 9, blank: true)  // more than one 8-byte word, and a tail
        add("\r", lines: 1, blank: true)  // a last line without its newline
        return (bytes, lines, blank, 12, malformedLine, lastEventLine)
    }

    @Test("plain and gzip (one and three members): exact buckets and line numbers")
    func exactCounts() throws {
        let built = Self.text()
        let gzip = try CompressedWriter.compress(built.bytes)
        let third = built.bytes.count / 3
        let members =
            try CompressedWriter.compress(Array(built.bytes[..<third]))
            + CompressedWriter.compress(Array(built.bytes[third..<(2 * third)]))
            + CompressedWriter.compress(Array(built.bytes[(2 * third)...]))
        for bytes in [built.bytes, gzip, members] {
            var options = AnalysisOptions()
            options.strategies = ["netbsd8"]
            let result = try analyzeTrace(bytes: bytes, name: "blank.trace", options: options)
            let input = result.input
            #expect(input.lines == built.lines)
            #expect(input.blankLines == built.blank)
            #expect(input.commentLines == built.comments)
            #expect(input.eventLines == 2)
            #expect(input.malformedLines == 1)
            #expect(input.malformed.map(\.line) == [built.malformedLine])
            #expect(input.bytes == Int64(built.bytes.count))
            #expect(
                input.lines == input.eventLines + input.malformedLines + input.unknownLines + input.commentLines
                    + input.blankLines)
            #expect(result.timeline == nil)
            #expect(result.events == 2)
            #expect(input.warnings.first?.hasPrefix("line \(built.lastEventLine): cpu0 time goes back") == true)
        }
    }

    @Test("a file of nothing but newlines: every line blank, no event, no header")
    func onlyNewlines() throws {
        for count in [0, 1, 7, 8, 9, 4096, (1 << 20) + 3] {
            let bytes = [UInt8](repeating: 0x0a, count: count)
            let result = try analyzeTrace(bytes: try CompressedWriter.compress(bytes), options: AnalysisOptions())
            #expect(result.input.lines == count)
            #expect(result.input.blankLines == count)
            #expect(result.events == 0)
        }
    }
}
