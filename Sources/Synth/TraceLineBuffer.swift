/// A reusable byte buffer that builds trace lines without a `String` per line.
///
/// Generators append text and numbers straight into raw memory; the emitter
/// flushes the buffer to its sink when it fills. No line may exceed
/// `maxLineLength` bytes.
public final class TraceLineBuffer {
    /// Longest line a generator may append between two `flushIfNeeded` calls.
    public static let maxLineLength = 4096
    let capacity: Int
    private(set) var storage: UnsafeMutablePointer<UInt8>
    /// Bytes held now.
    public private(set) var count = 0

    /// A buffer of `capacity` bytes (at least 64 KiB).
    public init(capacity: Int = 1 << 20) {
        self.capacity = max(capacity, 1 << 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// True when another line might not fit.
    public var isNearlyFull: Bool { count > capacity - Self.maxLineLength }

    /// The bytes held now.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: count) }

    /// Forgets the bytes held.
    public func reset() { count = 0 }

    /// Forgets the bytes after the first `length`.
    public func truncate(to length: Int) { count = min(count, max(0, length)) }

    @inline(__always)
    public func append(_ byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    public func append(_ text: StaticString) {
        let length = text.utf8CodeUnitCount
        (storage + count).update(from: text.utf8Start, count: length)
        count += length
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            (storage + count).update(from: base, count: buffer.count)
            count += buffer.count
        }
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            let length = min(buffer.count, Self.maxLineLength / 2)
            (storage + count).update(from: base, count: length)
            count += length
        }
    }

    /// `value` in decimal.
    public func appendDecimal(_ value: UInt64) {
        let length = Self.decimalLength(value)
        var remaining = value
        var index = count + length - 1
        while index >= count {
            storage[index] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
            remaining /= 10
            index -= 1
        }
        count += length
    }

    static func decimalLength(_ value: UInt64) -> Int {
        var length = 1
        var scratch = value / 10
        while scratch != 0 {
            length += 1
            scratch /= 10
        }
        return length
    }

    /// A signed decimal.
    public func appendDecimal(_ value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude)
    }

    public func appendDecimal(_ value: Int) { appendDecimal(Int64(value)) }

    /// `value` in decimal, left-padded with `pad` to `width` characters.
    public func appendDecimal(_ value: UInt64, width: Int, pad: UInt8) {
        for _ in 0..<max(0, width - Self.decimalLength(value)) { append(pad) }
        appendDecimal(value)
    }

    /// `0x` and lower-case hex digits.
    public func appendHex(_ value: UInt64) {
        append("0x")
        let nibbles = value == 0 ? 1 : (67 - value.leadingZeroBitCount) / 4
        for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
            let digit = UInt8((value >> UInt64(shift)) & 0xF)
            append(digit < 10 ? 48 + digit : 87 + digit)
        }
    }

    /// The ftrace timestamp `%5lu.%06lu` (seconds, microseconds) from nanoseconds.
    public func appendTimestamp(_ ns: Int64) {
        let micros = UInt64(max(ns, 0)) / 1000
        appendDecimal(micros / 1_000_000, width: 5, pad: 32)
        append(UInt8(ascii: "."))
        appendDecimal(micros % 1_000_000, width: 6, pad: 48)
    }

    /// `<comm>-<pid> [<cpu>] ` as ftrace prints it: `%16s-%-7d [%03d] `.
    public func appendTask(comm: [UInt8], pid: Int32, cpu: Int) {
        for _ in 0..<max(0, 16 - comm.count) { append(32) }
        append(comm)
        append(UInt8(ascii: "-"))
        let start = count
        appendDecimal(Int64(pid))
        for _ in 0..<max(0, 7 - (count - start)) { append(32) }
        append(" [")
        appendDecimal(UInt64(max(cpu, 0)), width: 3, pad: 48)
        append("] ")
    }
}
