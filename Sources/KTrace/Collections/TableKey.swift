/// A key of a `KeyTable`: a small plain value with a cheap hash.
///
/// A slot stores the key as `Stored`: the key itself when the type has a value that
/// no key takes (`vacant`, e.g. an unaligned page address), so probing compares plain
/// keys; otherwise `Self?`, with nil for a free slot (the default implementations
/// below).
public protocol TableKey: Equatable {
    /// How a slot holds a key: `Self` or `Self?`.
    associatedtype Stored: Equatable
    /// A free slot.
    static var vacant: Stored { get }
    /// The key as a slot holds it.
    var stored: Stored { get }
    /// The key in an occupied slot.
    init(occupied: Stored)
    /// Mixed bits of the key; the table takes the low ones.
    var tableHash: Int { get }
    /// Slots in a table's first allocation (a power of two). Kept per key type so that
    /// each table's slots — and so its iteration order — are what they were before the
    /// two models' tables became one.
    static var tableInitialCapacity: Int { get }
}

extension TableKey {
    /// Eight slots.
    @inlinable public static var tableInitialCapacity: Int { 8 }
}

extension TableKey where Stored == Self? {
    /// nil.
    @inlinable @inline(__always) public static var vacant: Self? { nil }
    /// The key, wrapped.
    @inlinable @inline(__always) public var stored: Self? { self }
    /// The unwrapped key.
    @inlinable @inline(__always) public init(occupied: Self?) { self = occupied.unsafelyUnwrapped }
}

extension Int32: TableKey {
    public typealias Stored = Int32?

    /// The high half of a Fibonacci multiply (pids are small and dense).
    @inlinable @inline(__always) public var tableHash: Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: self)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
}
