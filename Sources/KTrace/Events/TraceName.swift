#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A name a trace carries in an event (an ATF test program, case or result, a
/// `sigpost` caller), interned so that `Event` stays plain data.
///
/// Events are copied several times on their way from the parser to the models
/// (and between threads); with a `String` payload every copy and every release
/// went through reference counting. A `TraceName` is a 32-bit number into a
/// process-wide table. Equal strings give equal names.
public struct TraceName: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    private let id: UInt32

    public init(_ string: String) { id = TraceNameTable.shared.intern(string) }

    public init(stringLiteral value: String) { self.init(value) }

    /// The name as the trace spelled it.
    public var string: String { TraceNameTable.shared.string(id) }

    public var description: String { string }
}

/// The interned names, shared by every thread and every trace of the process.
///
/// Bounded: a hostile trace with millions of distinct names must not grow
/// memory without end, so past `limit` names every new one reads as
/// `overflowName`.
final class TraceNameTable: @unchecked Sendable {
    static let shared = TraceNameTable()
    static let limit = 1 << 16
    static let overflowName = "(too many distinct names)"

    private var ids: [String: UInt32] = [:]
    private var strings: [String] = []
    private var mutex = pthread_mutex_t()

    private init() {
        pthread_mutex_init(&mutex, nil)
        strings.append(Self.overflowName)
        ids[Self.overflowName] = 0
    }

    func intern(_ string: String) -> UInt32 {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if let id = ids[string] { return id }
        guard strings.count < Self.limit else { return 0 }
        let id = UInt32(strings.count)
        strings.append(string)
        ids[string] = id
        return id
    }

    func string(_ id: UInt32) -> String {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return strings[Int(id)]
    }
}
