/// The known event names by the bytes at a name's start, for `LineParser.hotEvent`
/// (round 10 of docs/performance.md): a name is found where it starts, without the
/// scan for its end, the key or `EventName.lookup`'s table behind a `swift_once`.
///
/// The first eight bytes at the start — cut below the first `:` when there is one
/// there (a name shorter than eight bytes) — pick a slot; each slot holds a name's
/// exact bytes (its first, middle and last eight: exact up to 24 bytes), so a match
/// is exact. Names that share their first eight bytes (`tlb_shootdown_ipi`/`_done`)
/// sit in one probe chain and are told apart by their other bytes. Built once from
/// the spellings and never written again: nothing mutable, no warm-up, safe on every
/// thread. Names of more than 24 bytes are not in it (`match` answers nil for them).
struct EventNameTable: @unchecked Sendable {
    fileprivate struct Entry {
        /// The name's first eight bytes, zero-padded when shorter.
        var first: UInt64 = 0
        /// Bytes 8–15 (names of 17–24 bytes), else 0.
        var middle: UInt64 = 0
        /// The last eight bytes (names of 9–24 bytes), else 0.
        var last: UInt64 = 0
        /// Bytes of the name, 1–24; 0 in a free slot.
        var count: Int = 0
        var name: EventName = .pmapEnter
    }

    /// Slots (a power of two, at most a quarter of them used: short probe chains).
    private static let size = 256
    /// The longest name kept.
    static let longest = 24

    /// Never deallocated: one table for the process (`shared`).
    private let entries: UnsafePointer<Entry>

    /// The one table, built on first use.
    static let shared = EventNameTable()

    private init() {
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: Self.size)
        entries.initialize(repeating: Entry(), count: Self.size)
        for name in EventName.allCases {
            let spelling = Array(name.spelling.utf8)
            let count = spelling.count
            guard count <= Self.longest else { continue }
            // Zero-padded to 24 bytes: the words of a short name hold only its bytes.
            let padded = spelling + [UInt8](repeating: 0, count: 24)
            func word(_ at: Int) -> UInt64 {
                (0..<8).reduce(UInt64(0)) { $0 | UInt64(padded[at + $1]) << (8 * UInt64($1)) }
            }
            let entry = Entry(
                first: word(0), middle: count > 16 ? word(8) : 0, last: count > 8 ? word(count - 8) : 0, count: count,
                name: name)
            var slot = Self.slot(entry.first)
            while entries[slot].count != 0 { slot = (slot + 1) & (Self.size - 1) }
            entries[slot] = entry
        }
        self.entries = UnsafePointer(entries)
    }

    /// The slot for a name's first eight bytes: the top byte of one multiply. The odd
    /// multiplier was picked (from random ones) so that every NetBSD name sits in its
    /// own slot or right after the one name sharing its first eight bytes
    /// (`EventNameLookupTests.tableProbesAreShort`).
    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x60aa_37e1_b708_3f95) >> 56)
    }

    /// A known name whose bytes start at `start` with a `:` right after them: the name
    /// and the index of the `:`, which is where `WordScan.nameEnd` stops (a spelling
    /// holds no `:`, `(` or blank) and what `EventName.lookup` answers for the bytes
    /// before it. Nil otherwise (no such name, a name of more than 24 bytes, fewer
    /// than 16 bytes from `start`): scan and look up.
    @inline(__always)
    func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (name: EventName, end: Int)? {
        guard start &+ 16 <= bytes.count else { return nil }
        let word0 = WordScan.load(bytes, at: start)
        let colons = WordScan.equalMask(word0, ASCII.colon)
        // The bytes below the first `:` (its high bit is at 8k + 7: keep the low 8k bits).
        let key = colons == 0 ? word0 : word0 & ((colons & (0 &- colons)) >> 7 &- 1)
        var slot = Self.slot(key)
        while true {
            let entry = entries + slot
            let count = entry.pointee.count
            if count == 0 { return nil }
            if entry.pointee.first == key {
                let end = start &+ count
                // Bytes 0–7 are the key; then the last eight (9–24 bytes), then 8–15 (17–24).
                if end < bytes.count, bytes[end] == ASCII.colon,
                    count <= 8 || WordScan.load(bytes, at: end &- 8) == entry.pointee.last,
                    count <= 16 || WordScan.load(bytes, at: start &+ 8) == entry.pointee.middle
                {
                    return (entry.pointee.name, end)
                }
            }
            slot = (slot &+ 1) & (Self.size &- 1)
        }
    }

    /// Slots `match` looks at to find `name` (1: its own), for the tests; 0 for a
    /// name too long to be kept.
    func probes(_ name: EventName) -> Int {
        let spelling = Array(name.spelling.utf8)
        guard spelling.count <= Self.longest else { return 0 }
        var key = UInt64(0)
        for offset in 0..<min(8, spelling.count) { key |= UInt64(spelling[offset]) << (8 * UInt64(offset)) }
        var slot = Self.slot(key)
        var probes = 1
        while entries[slot].count == 0 || entries[slot].name != name {
            slot = (slot + 1) & (Self.size - 1)
            probes += 1
        }
        return probes
    }
}
