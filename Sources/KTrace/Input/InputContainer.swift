/// How a trace's bytes are packed, decided by its first bytes (docs/trace-format.md "Containers").
public enum InputContainer: String, Sendable {
    case gzip
    case zlib
    case plain

    /// Detects the container from the first bytes of a stream; never from a name.
    ///
    /// zlib has no magic number: its two-byte header (CMF, FLG) is valid when the
    /// method is deflate (CM = 8), the window is at most 32 KiB (CINFO ≤ 7), no
    /// preset dictionary is used and `(CMF << 8 | FLG)` is a multiple of 31.
    public static func detect(_ first: UInt8, _ second: UInt8) -> InputContainer {
        if first == 0x1f && second == 0x8b { return .gzip }
        let compressionMethod = first & 0x0f
        let windowInfo = first >> 4
        let presetDictionary = second & 0x20 != 0
        if compressionMethod == 8 && windowInfo <= 7 && !presetDictionary
            && (UInt16(first) << 8 | UInt16(second)) % 31 == 0
        {
            return .zlib
        }
        return .plain
    }
}
