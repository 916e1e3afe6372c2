/// The `(  tgid)` column that ftrace prints between `comm-pid` and `[cpu]` when
/// `options/record-tgid` is on: the TGID right-aligned in 7 columns, or `-------`
/// when the kernel has no TGID saved for the pid (the idle task, early events).
enum TGIDColumn {
    /// Reads the column ending at `closeParen`, backwards: the TGID (-1 for
    /// dashes) and where the `(` is. Nil when it is not such a column.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, closeParen: Int, from start: Int) -> (
        tgid: Int32, start: Int
    )? {
        var index = closeParen - 1
        var digits = 0
        var dashes = 0
        var value: Int64 = 0
        var scale: Int64 = 1
        while index > start {
            let byte = bytes[index]
            if byte &- ASCII.zero < 10 && dashes == 0 {
                guard digits < 10 else { return nil }
                value += Int64(byte &- ASCII.zero) * scale
                scale *= 10
                digits += 1
            } else if byte == ASCII.dash && digits == 0 {
                dashes += 1
            } else {
                break
            }
            index -= 1
        }
        while index > start && ASCII.isBlank(bytes[index]) { index -= 1 }
        guard index > start, bytes[index] == ASCII.openParen, digits > 0 || dashes > 0,
            value <= Int64(Int32.max)
        else { return nil }
        return (digits > 0 ? Int32(value) : -1, index)
    }
}
