/// The latest generation of each signal of a process (`KernelProcess.lastGeneration`):
/// a small array ascending by signal.
///
/// Why not `[Int32: GenerationOrigin]`: it is written on every `kill`/`_lwp_kill` and
/// read on every stop, and a `Dictionary` hashed the signal through SipHash each time;
/// a process has a few signals at most. Each signal has one place, so the synthesized
/// `==` is the dictionary's equality (`explore` compares kernel states).
struct SignalOrigins: Hashable, Sendable {
    private struct Entry: Hashable, Sendable {
        var signal: Int32
        var origin: GenerationOrigin
    }

    /// Ascending by signal.
    private var entries: [Entry] = []

    init() {}

    /// The latest generation of `signal`; setting nil removes it.
    subscript(signal: Int32) -> GenerationOrigin? {
        get {
            for entry in entries where entry.signal == signal { return entry.origin }
            return nil
        }
        set {
            let index = entries.firstIndex { $0.signal >= signal } ?? entries.count
            let present = index < entries.count && entries[index].signal == signal
            switch (newValue, present) {
            case (let origin?, true): entries[index].origin = origin
            case (let origin?, false): entries.insert(Entry(signal: signal, origin: origin), at: index)
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }
}
