import Analysis
import Foundation
import TestSupport
import Testing

@testable import Reports

/// Issue 16.3: `--format json` is streamed by `StreamingJSONEncoder`; its bytes must
/// be exactly what `JSONEncoder` wrote before.
@Suite struct StreamingJSONTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func streamed<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try StreamingJSONEncoder().encode(value), as: UTF8.self)
    }

    /// Every shape the encoder must reproduce: nesting, empty containers, optionals,
    /// keys that sort differently by bytes, numerically or by normalisation, every
    /// ASCII byte and some non-ASCII in strings, integers at their limits, doubles.
    struct Shapes: Encodable {
        struct Inner: Encodable {
            var a: Int
            var s: String?
        }
        var empty: [Int] = []
        var emptyDictionary: [String: Int] = [:]
        var dictionary: [String: Int] = [
            "a10": 1, "a9": 2, "B": 3, "a": 4, "a-b": 5, "a_b": 6, "Ä": 7, "z": 8, "ab": 9, "A": 10, "é": 11,
            "e\u{301}x": 12, "": 13, "😀": 14, "\u{FFFD}": 15,
        ]
        var inners = [Inner(a: 1, s: nil), Inner(a: -2, s: "x")]
        var nested: [[Int]] = [[], [1, 2], []]
        var nestedDictionaries: [[String: [String]]] = [[:], ["k": []], ["k": ["v", "w"], "j": ["/"]]]
        var text = String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }) + "é€😀/\u{2028}\u{2029}\\\""
        var doubles: [Double] = [0, 1, 3, 0.5, 0.1, 1.333, 2.125, 0.001, 123_456.789, 1e16, 1e-7, -2.5, 1e300]
        var flags = [true, false]
        var limits: [Int64] = [Int64.min, Int64.max, 0, -1]
        var unsigned = UInt64.max
        var small: [Int8] = [-128, 127]
        var missing: Int?
        var present: Int? = 0
        var deep: [String: [String: [String: Inner]]] = ["x": ["y": ["z": Inner(a: 3, s: "q")]], "w": [:]]
    }

    @Test func shapesMatchJSONEncoder() throws {
        #expect(try Self.streamed(Shapes()) == Self.foundation(Shapes()))
        #expect(try Self.streamed([Shapes]()) == Self.foundation([Shapes]()))
        #expect(try Self.streamed("top") == Self.foundation("top"))
        #expect(try Self.streamed(7) == Self.foundation(7))
    }

    @Test func exampleResultsAndTheirReportMatchJSONEncoder() throws {
        for result in [
            ExampleResults.both, AnalysisResult(version: "0.1.0", traces: []),
            AnalysisResult(version: "0.1.0", traces: [ExampleResults.ptrace]),
        ] {
            #expect(JSONReport().render(result) == (try Self.foundation(result)) + "\n")
        }
    }

    @Test func analysedTracesWithReplaysMatchJSONEncoder() throws {
        let root = RepositoryPaths.root
        var options = AnalysisOptions()
        options.strategies = ["idle-lazy", "deferred-unmap", "single-stop", "dedup-pending"]
        options.collectTimeline = true
        let traces = try FileManager.default.contentsOfDirectory(atPath: root.path + "/traces")
            .filter { $0.hasSuffix(".gz") }.sorted()
        #expect(traces.count > 10)
        let results = try traces.map { try analyzeTrace(path: root.path + "/traces/" + $0, options: options) }
        let all = AnalysisResult(version: "0.1.0", traces: results)
        #expect(JSONReport().render(all) == (try Self.foundation(all)) + "\n")
    }

    @Test func piecesAreAtMost64KiBAndAddUp() throws {
        let result = AnalysisResult(
            version: "0.1.0", traces: Array(repeating: ExampleResults.ffs, count: 300))
        var pieces: [Int] = []
        var bytes: [UInt8] = []
        try JSONReport().write(result) { piece in
            pieces.append(piece.count)
            bytes.append(contentsOf: piece)
        }
        #expect(pieces.count > 3)
        #expect(pieces.dropLast().allSatisfy { $0 <= (1 << 16) + 4096 })
        #expect(String(decoding: bytes, as: UTF8.self) == (try Self.foundation(result)) + "\n")
    }
}
