extension LineParser {
    /// The ftrace line layout in one forward pass, for the way ftrace (and
    /// `kreplay synth`) print it: `comm-pid [cpu] flags sec.frac: name: fields`,
    /// flags optional (round 4 of docs/performance-history.md).
    ///
    /// Nil means "not the plain form": the caller runs `layout`, which decides
    /// every other spelling as it always did — an earlier `[` that is not the
    /// CPU field, a pid or seconds of ten or more digits, a flags token ending
    /// in `:`, a `(+delta)` column, the syscall forms `sys_x(…)`/`sys_x -> r`.
    /// Whatever this accepts, `layout` gives the same `Layout` for.
    static func fastLayout(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Layout? {
        let end = bytes.count
        // The first `[` must be the CPU field; `layout` would look further.
        guard let bracket = firstIndex(of: ASCII.openBracket, in: bytes, from: start),
            bracket > start, ASCII.isBlank(bytes[bracket - 1])
        else { return nil }
        var index = bracket + 1
        var cpu = 0
        while index < end, bytes[index] &- ASCII.zero < 10 {
            cpu = cpu &* 10 &+ Int(bytes[index] &- ASCII.zero)
            index += 1
        }
        guard index > bracket + 1, index - bracket <= 7, index < end, bytes[index] == ASCII.closeBracket
        else { return nil }
        // `-pid` before the blanks that pad it, read backwards (the comm may hold `-`),
        // and before that a record-tgid `(  tgid)` column.
        var pidEnd = bracket - 1
        while pidEnd > start && ASCII.isBlank(bytes[pidEnd - 1]) { pidEnd -= 1 }
        var tgid: Int32 = -1
        if pidEnd > start && bytes[pidEnd - 1] == ASCII.closeParen {
            guard let column = TGIDColumn.read(bytes, closeParen: pidEnd - 1, from: start) else { return nil }
            tgid = column.tgid
            pidEnd = column.start
            while pidEnd > start && ASCII.isBlank(bytes[pidEnd - 1]) { pidEnd -= 1 }
        }
        var pidStart = pidEnd
        var pid: Int32 = 0
        var scale: Int32 = 1
        while pidStart > start, pidEnd - pidStart < 9, bytes[pidStart - 1] &- ASCII.zero < 10 {
            pidStart -= 1
            pid &+= Int32(bytes[pidStart] &- ASCII.zero) &* scale
            scale &*= 10
        }
        // Nine digits at most (always within Int32); a tenth is `layout`'s to judge.
        guard pidStart < pidEnd, pidStart > start, bytes[pidStart - 1] == ASCII.dash else { return nil }
        return layoutTail(bytes, after: index + 1, pid: pid, cpu: cpu, tgid: tgid)
    }

    /// The rest of `fastLayout` after `[cpu]`: optional flags, `sec.frac:`, the name and its `:`.
    @inline(__always)
    static func layoutTail(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int, pid: Int32, cpu: Int, tgid: Int32)
        -> Layout?
    {
        let end = bytes.count
        // Flags (optional: any token but a timestamp, and not ending in `:`), then `sec.frac:`.
        var index = WordScan.skipBlanks(bytes, from: start, to: end)
        guard index < end else { return nil }
        var timeNs: Int64
        if let (time, next) = timestamp(bytes, from: index) {
            timeNs = time
            index = next
        } else {
            let flagsEnd = WordScan.skipNonBlanks(bytes, from: index, to: end)
            guard bytes[flagsEnd - 1] != ASCII.colon else { return nil }
            index = WordScan.skipBlanks(bytes, from: flagsEnd, to: end)
            guard let (time, next) = timestamp(bytes, from: index) else { return nil }
            timeNs = time
            index = next
        }
        index = WordScan.skipBlanks(bytes, from: index, to: end)
        // The event name, ended by `:` (a `(`, a blank or `(+delta)` is `layout`'s).
        let nameStart = index
        index = WordScan.nameEnd(bytes, from: index, to: end)
        guard index > nameStart, index < end, bytes[index] == ASCII.colon else { return nil }
        return Layout(
            pid: pid, cpu: cpu, timeNs: timeNs, name: nameStart..<index, body: index + 1..<end, form: .fields,
            tgid: tgid)
    }

    /// The decimal digits from `start` (wrapping; callers bound the count) and the index after them.
    @inline(__always)
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int64, Int) {
        var index = start
        var value: Int64 = 0
        while index < bytes.count, bytes[index] &- ASCII.zero < 10 {
            value = value &* 10 &+ Int64(bytes[index] &- ASCII.zero)
            index += 1
        }
        return (value, index)
    }

    /// A whole token `sec.frac:` at `start` (a blank or the end after the `:`)
    /// with 1–9 digits on each side: the time and the index after the `:`.
    /// Nil otherwise, where `NumberParser.timestamp` may still accept the token
    /// (more seconds digits) — `layout` then decides.
    @inline(__always)
    private static func timestamp(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int64, Int)? {
        let end = bytes.count
        let (seconds, dot) = digits(bytes, from: start)
        let secondDigits = dot - start
        guard secondDigits >= 1, secondDigits <= 9, dot < end, bytes[dot] == ASCII.dot else { return nil }
        var (fraction, index) = digits(bytes, from: dot + 1)
        let fractionDigits = index - (dot + 1)
        guard fractionDigits >= 1, fractionDigits <= 9, index < end, bytes[index] == ASCII.colon,
            index + 1 == end || ASCII.isBlank(bytes[index + 1])
        else { return nil }
        for _ in fractionDigits..<9 { fraction &*= 10 }
        // Below 10^9 seconds: no overflow.
        return (seconds &* 1_000_000_000 &+ fraction, index + 1)
    }
}
