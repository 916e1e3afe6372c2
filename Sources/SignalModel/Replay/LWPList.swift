/// A process's LWPs by lid, ascending: an array, not a dictionary.
///
/// Processes have one or a few LWPs; the replay reads them on every signal event
/// and walks them in lid order (`settle`, `proc_stop`'s wake-up posts), which a
/// dictionary made a hash per access and a sort per walk. Equality compares
/// (lid, LWP) pairs in lid order: the same as comparing dictionaries.
struct LWPList: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var lid: Int32
        var lwp: KernelLWP
    }

    /// Ascending by lid.
    private(set) var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// The lowest lid, or nil.
    var firstLid: Int32? { entries.first?.lid }

    /// Lids, ascending.
    var lids: [Int32] { entries.map(\.lid) }

    @inline(__always)
    private func index(of lid: Int32) -> Int? {
        for index in entries.indices where entries[index].lid == lid { return index }
        return nil
    }

    /// The LWP `lid`; setting nil removes it. `_modify` mutates it in place.
    subscript(lid: Int32) -> KernelLWP? {
        get { index(of: lid).map { entries[$0].lwp } }
        _modify {
            if let index = index(of: lid) {
                var value: KernelLWP? = entries[index].lwp
                defer {
                    if let value { entries[index].lwp = value } else { entries.remove(at: index) }
                }
                yield &value
            } else {
                var value: KernelLWP? = nil
                defer {
                    if let value {
                        let at = entries.firstIndex { $0.lid > lid } ?? entries.count
                        entries.insert(Entry(lid: lid, lwp: value), at: at)
                    }
                }
                yield &value
            }
        }
    }

    /// Runs `body` on LWP `lid` in place; nil when there is none.
    @inline(__always)
    mutating func modify<R>(_ lid: Int32, _ body: (inout KernelLWP) -> R) -> R? {
        guard let index = index(of: lid) else { return nil }
        return body(&entries[index].lwp)
    }

    /// Runs `body` on the LWP at `index` (lid order) in place.
    @inline(__always)
    mutating func modify<R>(at index: Int, _ body: (inout KernelLWP) -> R) -> R {
        body(&entries[index].lwp)
    }

    /// Whether LWP `lid` exists (without copying it out, as `self[lid] != nil` does).
    func contains(_ lid: Int32) -> Bool { index(of: lid) != nil }

    /// The CPU of LWP `lid` (read in place), nil when there is none.
    func cpu(of lid: Int32) -> Int? { index(of: lid).map { entries[$0].lwp.cpu } }

    /// Whether some LWP has a signal pending.
    var anyPending: Bool { entries.contains { !$0.lwp.pending.isEmpty } }
}

extension LWPList {
    /// The lid of the LWP at `index` in lid order (`0..<count`).
    @inline(__always)
    func lid(at index: Int) -> Int32 { entries[index].lid }

    /// The lid and CPU of the LWP at `index` in lid order, nil past the end.
    func lidAndCPU(at index: Int) -> (lid: Int32, cpu: Int)? {
        index < entries.count ? (entries[index].lid, entries[index].lwp.cpu) : nil
    }
}
