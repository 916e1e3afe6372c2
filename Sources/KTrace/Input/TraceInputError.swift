/// Why a trace could not be read (README.md "Exit status"): the CLI maps each to an exit status.
public enum TraceInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened (exit 66).
    case cannotOpen(path: String, reason: String)
    /// Reading failed part way (I/O error, a directory) (exit 66).
    case readFailed(path: String, reason: String)
    /// The compressed stream ended early (exit 65). `byteOffset` is in the compressed file.
    case truncated(path: String, container: InputContainer, byteOffset: Int64)
    /// The compressed stream is corrupt at `byteOffset` (exit 65).
    case corrupt(path: String, container: InputContainer, byteOffset: Int64, reason: String)
    /// More decompressed bytes than `--max-bytes` allows (exit 65).
    case tooLarge(path: String, limit: Int64)

    public var path: String {
        switch self {
        case .cannotOpen(let path, _), .readFailed(let path, _), .truncated(let path, _, _),
            .corrupt(let path, _, _, _), .tooLarge(let path, _):
            return path
        }
    }

    /// True for errors in the data itself (exit 65) rather than in opening it (66).
    public var isBadData: Bool {
        switch self {
        case .truncated, .corrupt, .tooLarge: return true
        case .cannotOpen, .readFailed: return false
        }
    }

    /// The byte offset where a compressed stream broke, if that is the error.
    public var byteOffset: Int64? {
        switch self {
        case .truncated(_, _, let offset), .corrupt(_, _, let offset, _): return offset
        default: return nil
        }
    }

    /// `FILE: message` or `FILE: byte OFFSET: message`, as the CLI prints it after `kreplay: `.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open: \(reason)"
        case .readFailed(let path, let reason): return "\(path): read failed: \(reason)"
        case .truncated(let path, let container, let offset):
            return "\(path): byte \(offset): truncated \(container.rawValue) stream (unexpected end of file)"
        case .corrupt(let path, let container, let offset, let reason):
            return "\(path): byte \(offset): corrupt \(container.rawValue) stream: \(reason)"
        case .tooLarge(let path, let limit):
            return "\(path): decompressed size exceeds --max-bytes \(limit)"
        }
    }
}
