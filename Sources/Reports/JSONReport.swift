import Analysis
import Foundation

/// Everything, machine-readable: the JSON contract of SPEC §6 (docs/kreplay-result.schema.json).
public struct JSONReport: ReportRenderer {
    public init() {}

    public func render(_ result: AnalysisResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // The result types hold only strings, integers, arrays and dictionaries: encoding cannot fail.
        guard let data = try? encoder.encode(result) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
