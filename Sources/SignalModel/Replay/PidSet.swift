import KTrace

/// Processes by pid.
typealias PidTable<Value> = KeyTable<Int32, Value>

/// A set of pids on a `KeyTable` (no SipHash per lookup).
struct PidSet: Hashable, Sendable {
    private var table = PidTable<Bool>(vacant: false)

    var isEmpty: Bool { table.isEmpty }
    func contains(_ pid: Int32) -> Bool { table.contains(pid) }
    mutating func insert(_ pid: Int32) { if !table.contains(pid) { table[pid] = true } }
    mutating func remove(_ pid: Int32) { table.remove(pid) }
    /// The pids, ascending.
    var sorted: [Int32] { table.allKeys.sorted() }
}
