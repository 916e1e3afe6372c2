/// Writes any `Encodable` as JSON byte for byte as Foundation's `JSONEncoder` with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` does, without building
/// the document: a container's children are kept as references to the values and
/// each subtree is encoded when its turn to be written comes, into a small buffer
/// handed to `sink` as it fills. Memory is the values already held plus one path
/// of the tree, not the text (issue 16: `--format json` peaked 20–40 MiB above text).
///
/// `JSONEncoder`'s conventions kept: two-space indentation, `"key" : value`, keys in
/// UTF-8 byte order (the last of equal keys wins), `[\n\n]` / `{\n\n}` when empty,
/// `"`, `\`, and control characters escaped (`\b \t \n \f \r`, else `\u00xx`), `/`
/// and non-ASCII as is, integers in decimal, a `Double` as its `description` less a
/// trailing `.0`. Not supported (kreplay's results have none): `Date`, `Data`,
/// `URL`, `Decimal` and non-finite floating-point values.
public struct StreamingJSONEncoder {
    /// A non-finite `Double`/`Float`, which JSON cannot carry.
    public struct InvalidValue: Error, CustomStringConvertible {
        public let description: String
    }

    public init() {}

    /// Encodes `value`, handing the text to `sink` in pieces of up to 64 KiB.
    public func encode<T: Encodable>(_ value: T, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(sink) { sink in
            var writer = JSONByteWriter(sink: sink)
            try writer.child(JSONNode.Child.value(value), depth: 0)
            try writer.flush()
        }
    }

    /// The whole text as bytes (small results, tests).
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value) { bytes.append(contentsOf: $0) }
        return bytes
    }
}

/// The writing half of `StreamingJSONEncoder`.
private struct JSONByteWriter {
    let sink: (UnsafeRawBufferPointer) throws -> Void
    var buffer: [UInt8] = []
    static let capacity = 1 << 16

    init(sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.capacity + 1024)
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    mutating func indent(_ depth: Int) {
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    mutating func child(_ child: JSONNode.Child, depth: Int) throws {
        if buffer.count >= Self.capacity { try flush() }
        switch child {
        case .null:
            put("null")
        case .node(let node):
            try write(node, depth: depth)
        case .value(let value):
            if try scalar(value) { return }
            let node = JSONNode()
            try value.encode(to: JSONNodeEncoder(node: node, codingPath: []))
            try write(node, depth: depth)
        }
    }

    mutating func write(_ node: JSONNode, depth: Int) throws {
        switch node.shape {
        case .single:
            try child(node.items.first ?? .null, depth: depth)
        case .unkeyed:
            put("[\n")
            for (index, item) in node.items.enumerated() {
                if index > 0 { put(",\n") }
                indent(depth + 1)
                try child(item, depth: depth + 1)
            }
            put("\n")  // an empty one is `[\n\n]` / `{\n\n}` too
            indent(depth)
            put("]")
        case .keyed, .empty:
            put("{\n")
            let members = Self.sorted(node.members)
            for (index, member) in members.enumerated() {
                if index > 0 { put(",\n") }
                indent(depth + 1)
                string(member.key)
                put(" : ")
                try child(member.child, depth: depth + 1)
            }
            put("\n")  // an empty one is `[\n\n]` / `{\n\n}` too
            indent(depth)
            put("}")
        }
    }

    /// Members by key in UTF-8 byte order, the last of equal keys kept (as a dictionary would).
    static func sorted(_ members: [(key: String, child: JSONNode.Child)]) -> [(key: String, child: JSONNode.Child)] {
        let order = members.indices.sorted { left, right in
            let (a, b) = (members[left].key, members[right].key)
            if a == b { return left < right }
            return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
        var result: [(key: String, child: JSONNode.Child)] = []
        result.reserveCapacity(members.count)
        for index in order {
            if let last = result.last, last.key == members[index].key {
                result[result.count - 1] = members[index]
            } else {
                result.append(members[index])
            }
        }
        return result
    }

    /// Writes a string, number or Bool; false for anything else.
    mutating func scalar(_ value: any Encodable) throws -> Bool {
        switch value {
        case let text as String: string(text)
        case let flag as Bool: flag ? put("true") : put("false")
        case let number as Int: decimal(number)
        case let number as Int64: decimal(number)
        case let number as Int32: decimal(number)
        case let number as Int16: decimal(number)
        case let number as Int8: decimal(number)
        case let number as UInt: decimal(number)
        case let number as UInt64: decimal(number)
        case let number as UInt32: decimal(number)
        case let number as UInt16: decimal(number)
        case let number as UInt8: decimal(number)
        case let number as Double: try floating(number.isFinite, number.description)
        case let number as Float: try floating(number.isFinite, number.description)
        default: return false
        }
        return true
    }

    mutating func decimal<N: BinaryInteger>(_ number: N) {
        buffer.append(contentsOf: String(number).utf8)
    }

    mutating func floating(_ isFinite: Bool, _ description: String) throws {
        guard isFinite else {
            throw StreamingJSONEncoder.InvalidValue(description: "non-finite number \(description) in JSON")
        }
        buffer.append(contentsOf: description.hasSuffix(".0") ? description.utf8.dropLast(2) : description.utf8[...])
    }

    mutating func string(_ text: String) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): put("\\\"")
            case UInt8(ascii: "\\"): put("\\\\")
            case 0x08: put("\\b")
            case 0x09: put("\\t")
            case 0x0A: put("\\n")
            case 0x0C: put("\\f")
            case 0x0D: put("\\r")
            case 0..<0x20:
                put("\\u00")
                let digits: StaticString = "0123456789abcdef"
                digits.withUTF8Buffer { hex in
                    buffer.append(hex[Int(byte >> 4)])
                    buffer.append(hex[Int(byte & 0xF)])
                }
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
