/// A name from an open vocabulary (a check's name, a finding's class): a string with a
/// type of its own, written and read back as the bare string.
///
/// Open, not an enum: results read back for a merge may come from another version of
/// kreplay with names this one does not know. A conformer declares `rawValue` and
/// `init(rawValue:)`; the rest comes from here and from the standard library's
/// `RawRepresentable` coding, which encodes the raw string as a single value.
public protocol OpenVocabulary: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible, ExpressibleByStringLiteral
where RawValue == String {
    init(rawValue: String)
}

extension OpenVocabulary {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
