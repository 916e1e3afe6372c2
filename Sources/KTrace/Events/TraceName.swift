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
/// process-wide table. The same bytes give the same name; different bytes never do.
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
/// Not capped: two different names must never compare equal (an ATF failure
/// reason decides `wait-mismatch`), whatever was read before in the same run.
/// Memory grows with the number of *distinct* names only — real traces repeat a
/// few callers and one name per test case; a trace made of millions of distinct
/// `caller=` values costs their bytes (docs/reliability.md).
final class TraceNameTable: @unchecked Sendable {
    static let shared = TraceNameTable()

    /// Keyed by the UTF-8 bytes, not by `String`: `String` equality is canonical
    /// equivalence, and a name must come back spelled exactly as the trace wrote it.
    private var ids: [[UInt8]: UInt32] = [:]
    private var strings: [String] = []
    private var mutex = pthread_mutex_t()

    private init() {
        pthread_mutex_init(&mutex, nil)
    }

    func intern(_ string: String) -> UInt32 {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        let key = Array(string.utf8)
        if let id = ids[key] { return id }
        let id = UInt32(truncatingIfNeeded: strings.count)
        strings.append(string)
        ids[key] = id
        return id
    }

    func string(_ id: UInt32) -> String {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return strings[Int(id)]
    }
}
