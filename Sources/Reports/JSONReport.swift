import Analysis
import Foundation

/// Everything, machine-readable: the JSON contract of docs/reports.md "JSON contract" (docs/kreplay-result.schema.json).
///
/// Written by `StreamingJSONEncoder`, byte for byte what `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` writes, without holding
/// the document: `write(_:to:)` costs what the text report costs in memory.
public struct JSONReport: ReportRenderer {
    public init() {}

    public func render(_ result: AnalysisResult) -> String {
        var bytes: [UInt8] = []
        // The result types hold only strings, integers, finite numbers, arrays and
        // dictionaries: encoding cannot fail.
        guard (try? write(result, to: { bytes.append(contentsOf: $0) })) != nil else { return "{}\n" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the report (with its final newline) to `sink`, in pieces of up to 64 KiB.
    /// Throws what `sink` throws.
    public func write(_ result: AnalysisResult, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try Self.write(result, to: sink)
    }

    /// Any `Encodable` the way the report is written (`kreplay merge` writes its result so).
    public static func write<T: Encodable>(_ value: T, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try StreamingJSONEncoder().encode(value, to: sink)
        let newline: [UInt8] = [0x0a]
        try newline.withUnsafeBytes { try sink($0) }
    }
}
