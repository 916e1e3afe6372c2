import Foundation

/// Reading per-trace JSON results for a merge.
public enum MergeInput {
    /// Why a result file could not be used (the CLI maps these to exit 66 and 65).
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
            case .unreadable(let path, let reason): return "\(path): not a kreplay JSON result: \(reason)"
            }
        }
    }

    /// Decodes a result (`analyze --format json`, or an earlier merge) from JSON bytes.
    public static func decode(_ data: Data, path: String) throws(Problem) -> AnalysisResult {
        do {
            return try JSONDecoder().decode(AnalysisResult.self, from: data)
        } catch {
            throw .unreadable(path: path, reason: Self.describe(error))
        }
    }

    /// Reads and decodes the result file at `path`.
    public static func read(path: String) throws(Problem) -> AnalysisResult {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotOpen(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(Self.path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "bad value at \(Self.path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid JSON" : "bad value at \(Self.path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
