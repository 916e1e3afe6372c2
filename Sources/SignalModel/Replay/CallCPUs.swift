import KTrace

/// The CPUs of a process's LWPs inside a workload call (`SignalReplayer`): a set.
///
/// Why not `[Int]`: the replay reads it on every signal event and made a new array
/// each time a process entered a call (an allocation, and retains and releases at each
/// copy). CPUs of a parsed trace are below `CPUSet.capacity` and live in the inline
/// set; any other number (only from events built by hand) goes to `others`.
struct CallCPUs: Sendable {
    private var inline = CPUSet()
    /// Numbers outside `0..<CPUSet.capacity`, in no order.
    private var others: [Int] = []

    init() {}

    init(_ cpu: Int) { insert(cpu) }

    @inline(__always)
    private static func isInline(_ cpu: Int) -> Bool { cpu >= 0 && cpu < CPUSet.capacity }

    var isEmpty: Bool { inline.isEmpty && others.isEmpty }

    @inline(__always)
    func contains(_ cpu: Int) -> Bool {
        Self.isInline(cpu) ? inline.contains(cpu) : others.contains(cpu)
    }

    mutating func insert(_ cpu: Int) {
        if Self.isInline(cpu) {
            inline.insert(cpu)
        } else if !others.contains(cpu) {
            others.append(cpu)
        }
    }

    /// Removes `cpu`; true when it was in the set.
    @discardableResult
    mutating func remove(_ cpu: Int) -> Bool {
        if Self.isInline(cpu) {
            guard inline.contains(cpu) else { return false }
            inline.remove(cpu)
            return true
        }
        guard let index = others.firstIndex(of: cpu) else { return false }
        others.remove(at: index)
        return true
    }
}
