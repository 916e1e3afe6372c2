/// A value per CPU number, stored in an array indexed by the CPU.
///
/// Why not `[Int: Value]`: the TLB analyzer reads and writes its per-CPU drains and waits
/// several times per shootdown, and the signal rules check each event's CPU's last call;
/// every `Dictionary` access hashes the key through SipHash (docs/performance.md, round
/// 7). CPU numbers below `CPUSet.capacity` index the array; any other number (never from
/// a parsed trace) goes to a dictionary, so every `Int` works as a key. `@inlinable`: the
/// models are other modules.
public struct PerCPU<Value> {
    @usableFromInline var slots: [Value?] = []
    @usableFromInline var others: [Int: Value] = [:]

    /// No CPU has a value.
    @inlinable public init() {}

    @inlinable @inline(__always)
    static func indexable(_ cpu: Int) -> Bool { cpu >= 0 && cpu < CPUSet.capacity }

    /// The value of `cpu` (nil: none); setting nil removes it.
    @inlinable
    public subscript(cpu: Int) -> Value? {
        get {
            guard Self.indexable(cpu) else { return others[cpu] }
            return cpu < slots.count ? slots[cpu] : nil
        }
        set {
            guard Self.indexable(cpu) else {
                others[cpu] = newValue
                return
            }
            if cpu >= slots.count { slots.append(contentsOf: repeatElement(nil, count: cpu - slots.count + 1)) }
            slots[cpu] = newValue
        }
    }

    /// What `body` reads of the value of `cpu` (nil: none), without copying the value out
    /// (the subscript's getter copies it, retaining whatever it holds).
    @inlinable @inline(__always)
    public func read<R>(_ cpu: Int, _ body: (Value?) -> R) -> R {
        guard Self.indexable(cpu) else { return body(others[cpu]) }
        return cpu < slots.count ? body(slots[cpu]) : body(nil)
    }

    /// Changes the value of `cpu` in place (nil: none).
    @inlinable
    public mutating func update<R>(_ cpu: Int, _ body: (inout Value?) -> R) -> R {
        guard Self.indexable(cpu) else { return body(&others[cpu]) }
        if cpu >= slots.count { slots.append(contentsOf: repeatElement(nil, count: cpu - slots.count + 1)) }
        return body(&slots[cpu])
    }

    /// Removes and returns the value of `cpu`.
    @inlinable
    public mutating func removeValue(forKey cpu: Int) -> Value? {
        guard Self.indexable(cpu) else { return others.removeValue(forKey: cpu) }
        guard cpu < slots.count else { return nil }
        var taken: Value?
        swap(&taken, &slots[cpu])
        return taken
    }

    /// The CPUs that have a value, in increasing order.
    @inlinable
    public var sortedKeys: [Int] {
        var keys = others.keys.filter { $0 < 0 }.sorted()
        for cpu in slots.indices where slots[cpu] != nil { keys.append(cpu) }
        keys.append(contentsOf: others.keys.filter { $0 >= 0 }.sorted())
        return keys
    }

    /// Every value, in no particular order.
    @inlinable
    public var values: [Value] { sortedKeys.map { self[$0]! } }
}

extension PerCPU: Sendable where Value: Sendable {}
