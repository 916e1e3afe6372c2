/// What one value asked of its encoder: the children of a container, kept as
/// references to the values (not encoded yet), so that `StreamingJSONEncoder` can
/// write them in key order one subtree at a time.
final class JSONNode {
    enum Shape {
        case empty
        case keyed
        case unkeyed
        case single
    }

    /// A child: a value still to encode, `null`, or a nested container.
    enum Child {
        case value(any Encodable)
        case null
        case node(JSONNode)
    }

    var shape = Shape.empty
    /// Keyed children in the order encoded (sorted when written).
    var members: [(key: String, child: Child)] = []
    /// Unkeyed children, or the single value.
    var items: [Child] = []
}

/// An `Encoder` that records what a value encodes into a `JSONNode`.
struct JSONNodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.shape = .keyed
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.shape = .unkeyed
        return JSONUnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        node.shape = .single
        return JSONSingleContainer(node: node, codingPath: codingPath)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    private func add(_ child: JSONNode.Child, _ key: Key) { node.members.append((key.stringValue, child)) }

    mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { add(.value(value), key) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONNode()
        add(.node(nested), key)
        return JSONNodeEncoder(node: nested, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONNode()
        add(.node(nested), key)
        return JSONNodeEncoder(node: nested, codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = JSONNode()
        add(.node(nested), key)
        return JSONNodeEncoder(node: nested, codingPath: codingPath + [key])
    }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int { node.items.count }

    mutating func encodeNil() throws { node.items.append(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.items.append(.value(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let nested = JSONNode()
        node.items.append(.node(nested))
        return JSONNodeEncoder(node: nested, codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONNode()
        node.items.append(.node(nested))
        return JSONNodeEncoder(node: nested, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let nested = JSONNode()
        node.items.append(.node(nested))
        return JSONNodeEncoder(node: nested, codingPath: codingPath)
    }
}

struct JSONSingleContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.items = [.null] }
    mutating func encode<T: Encodable>(_ value: T) throws { node.items = [.value(value)] }
}
