extension LineParser {
    /// The event of a line in the common shape — the ftrace layout, a known
    /// NetBSD name, its fields in the kernel's order — read in one pass without
    /// `Outcome`, `emitted` or `FieldList` (round 7 of docs/performance.md).
    ///
    /// Nil means "read it the usual way": the caller runs `parse`, which decides
    /// the line as it always did. Whatever this answers, `parse` gives the same
    /// single event for. Only for the ftrace-layout formats (not babeltrace2).
    mutating func hotEvent(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Event? {
        withUnsafeTemporaryAllocation(of: Event.self, capacity: 1) { slot in
            hotEvent(bytes, line: line, into: slot.baseAddress!) ? slot[0] : nil
        }
    }

    /// `hotEvent` built in place at `slot` (a consumer's batch, `TraceConsumer.eventSlots`);
    /// false (the slot untouched) where `hotEvent` answers nil. `Event` is plain data:
    /// the slot may hold an event already, it is simply overwritten.
    @inline(__always)
    mutating func hotEvent(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into slot: UnsafeMutablePointer<Event>)
        -> Bool
    {
        let layout: Layout
        let name: EventName
        // `hotLayout` and `lookup` spelled out for the usual columns, so that a
        // known name is matched at its start without the scan for its end
        // (rounds 9 and 10 of docs/performance.md).
        if bytes.count >= 64, let columns = Self.fixedPidCPU(bytes), let time = Self.fixedTime(bytes) {
            if let known = names.match(bytes, at: time.nameStart) {
                name = known.name
                layout = Layout(
                    pid: columns.pid, cpu: columns.cpu, timeNs: time.timeNs, name: time.nameStart..<known.end,
                    body: known.end &+ 1..<bytes.count, form: .fields, tgid: -1)
            } else {
                guard
                    let fixed = Self.fixedName(bytes, time: time, pid: columns.pid, cpu: columns.cpu)
                        ?? Self.layoutTail(bytes, after: 30, pid: columns.pid, cpu: columns.cpu, tgid: -1),
                    let found = EventName.lookup(bytes, fixed.name)
                else { return false }
                layout = fixed
                name = found
            }
        } else {
            guard let fixed = Self.hotLayout(bytes),
                let found = EventName.lookup(bytes, fixed.name)
            else { return false }
            layout = fixed
            name = found
        }
        let kind: EventKind
        // `fastNetBSDKind`'s first case (two thirds of a TLB trace) without the call.
        if name == .tlbInvalidate || name == .tlbFill, let va = FieldCursor.kernelVA(bytes, layout.body) {
            kind = name == .tlbInvalidate ? .tlbInvalidate(pmap: .kernel, va: va) : .tlbFill(pmap: .kernel, va: va)
        } else {
            guard let other = Self.fastNetBSDKind(name, bytes, layout.body) ?? fastSignalKind(name, bytes, layout.body)
            else { return false }
            kind = other
        }
        let event = Event(
            line: line, cpu: layout.cpu, pid: layout.pid, timeNs: layout.timeNs, kind: kind, tgid: layout.tgid)
        slot.initialize(to: event)
        return true
    }

    /// `parse`'s layout for an event line, or nil (the line may be something else).
    @inline(__always)
    static func hotLayout(_ bytes: UnsafeBufferPointer<UInt8>) -> Layout? {
        if bytes.count >= 40, let layout = fixedColumns(bytes) { return layout }
        let start = WordScan.skipBlanks(bytes, from: 0, to: bytes.count)
        guard start < bytes.count, !startsNonEvent(bytes, from: start) else { return nil }
        return fastLayout(bytes, from: start)
    }

    /// The first non-blank byte starts a line `parse` reads before any layout:
    /// a comment, `cpus=N`, a trace-cmd preamble or lost-events line.
    @inline(__always)
    static func startsNonEvent(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        switch bytes[start] {
        case ASCII.hash: return true
        case UInt8(ascii: "c"): return bytes.matches(start..<min(bytes.count, start + 5), "cpus=")
        case UInt8(ascii: "v"), UInt8(ascii: "C"): return TraceCmdPreamble.outcome(bytes, from: start) != nil
        default: return false
        }
    }

    /// ftrace's own padding, `%16s-%-7d [%03d] ` (comm right-aligned in 16
    /// columns, pid left-aligned in 7, three CPU digits), checked by fixed
    /// columns and a few words instead of a search; the rest as `fastLayout`.
    ///
    /// It answers only when `fastLayout` would answer the same: the first `[`
    /// is the CPU field's (none in the comm), the pid is 1–7 digits after the
    /// `-` in column 16 and padded with spaces. Anything else (a longer comm or
    /// pid, tabs, a record-tgid column) is nil, and `fastLayout` decides.
    /// Needs 40 bytes.
    @inline(__always)
    static func fixedColumns(_ bytes: UnsafeBufferPointer<UInt8>) -> Layout? {
        guard let columns = fixedPidCPU(bytes) else { return nil }
        if bytes.count >= 64, let layout = fixedTail(bytes, pid: columns.pid, cpu: columns.cpu) { return layout }
        return layoutTail(bytes, after: 30, pid: columns.pid, cpu: columns.cpu, tgid: -1)
    }

    /// `fixedColumns`' checks of columns 0–30: the pid and the CPU, or nil
    /// (`fastLayout` decides). Needs 40 bytes.
    @inline(__always)
    static func fixedPidCPU(_ bytes: UnsafeBufferPointer<UInt8>) -> (pid: Int32, cpu: Int)? {
        let comm = (WordScan.load(bytes, at: 0), WordScan.load(bytes, at: 8))
        let pidWord = WordScan.load(bytes, at: 16)
        // `-` in column 16; ` [ddd] ` in columns 24–30 (the digits are checked below).
        guard pidWord & 0xff == UInt64(ASCII.dash),
            WordScan.load(bytes, at: 24) & 0x00ff_ff00_0000_ffff == 0x0020_5d00_0000_5b20,
            WordScan.equalMask(comm.0, ASCII.openBracket) | WordScan.equalMask(comm.1, ASCII.openBracket) == 0
        else { return nil }
        // `parse` looks at the first non-blank byte first (at most column 16, the `-`).
        if startsNonEvent(bytes, from: WordScan.firstNonBlank(comm.0, comm.1)) { return nil }
        let base = bytes.baseAddress!
        let cpuDigits = (base[26] &- ASCII.zero, base[27] &- ASCII.zero, base[28] &- ASCII.zero)
        guard cpuDigits.0 < 10, cpuDigits.1 < 10, cpuDigits.2 < 10 else { return nil }
        let cpu = Int(cpuDigits.0) &* 100 &+ Int(cpuDigits.1) &* 10 &+ Int(cpuDigits.2)
        var index = 17
        var pid: Int32 = 0
        while index < 24 {
            let digit = base[index] &- ASCII.zero
            guard digit < 10 else { break }
            pid = pid &* 10 &+ Int32(digit)
            index += 1
        }
        // Spaces from the pid's end to the blank before `[` (a smart shift: 64 gives 0).
        let padding = UInt64(8 * (index - 16))
        guard index > 17, pidWord >> padding == 0x2020_2020_2020_2020 >> padding else { return nil }
        return (pid, cpu)
    }

    /// `layoutTail` from column 30 for the usual `flags %5lu.%06lu: `: a flags
    /// token (not a number, not ending in `:`), blanks, 1–9 seconds digits, six
    /// fraction digits, `:` and a blank — the fraction read as one word. Nil for
    /// anything else (`layoutTail` decides). Needs 64 bytes.
    @inline(__always)
    static func fixedTail(_ bytes: UnsafeBufferPointer<UInt8>, pid: Int32, cpu: Int) -> Layout? {
        guard let time = fixedTime(bytes) else { return nil }
        return fixedName(bytes, time: time, pid: pid, cpu: cpu)
    }

    /// `fixedTail` up to the event name: the time and where the name starts
    /// (the first non-blank after `sec.frac: `, before `dot + 9 < end`). Needs 64 bytes.
    @inline(__always)
    static func fixedTime(_ bytes: UnsafeBufferPointer<UInt8>) -> (timeNs: Int64, nameStart: Int)? {
        let base = bytes.baseAddress!
        let end = bytes.count
        // Column 30 is the blank after `]`; the flags start at 31.
        let flagsBlanks = WordScan.blankMask(WordScan.load(bytes, at: 31))
        guard base[31] &- ASCII.zero >= 10, flagsBlanks & 0x80 == 0, flagsBlanks != 0 else { return nil }
        let flagsEnd = 31 + flagsBlanks.trailingZeroBitCount / 8
        guard base[flagsEnd - 1] != ASCII.colon else { return nil }
        let secondsStart =
            flagsEnd + (~WordScan.blankMask(WordScan.load(bytes, at: flagsEnd)) & WordScan.high)
            .trailingZeroBitCount / 8
        // At most 46 + 9 digits: within the 64 bytes.
        var dot = secondsStart
        var seconds: Int64 = 0
        while dot - secondsStart < 9 {
            let digit = base[dot] &- ASCII.zero
            guard digit < 10 else { break }
            seconds = seconds &* 10 &+ Int64(digit)
            dot += 1
        }
        // `dot + 9 < end`: the name starts at dot + 9 at the earliest (a line ending
        // there has none, and `base[dot + 9]` below would read past it).
        guard dot > secondsStart, base[dot] == ASCII.dot, dot + 9 < end,
            let fraction = WordScan.sixDigitsColonBlank(WordScan.load(bytes, at: dot + 1))
        else { return nil }
        // `sec.frac:` then the blank at dot + 8; the name after the blanks.
        let nameStart = ASCII.isBlank(base[dot + 9]) ? WordScan.skipBlanks(bytes, from: dot + 9, to: end) : dot + 9
        return (seconds &* 1_000_000_000 &+ Int64(fraction) &* 1000, nameStart)
    }

    /// `fixedTail` from the name's start: the name up to its `:`, or nil.
    @inline(__always)
    static func fixedName(
        _ bytes: UnsafeBufferPointer<UInt8>, time: (timeNs: Int64, nameStart: Int), pid: Int32, cpu: Int
    ) -> Layout? {
        let end = bytes.count
        let nameStart = time.nameStart
        let nameEnd = WordScan.nameEnd(bytes, from: nameStart, to: end)
        guard nameEnd > nameStart, nameEnd < end, bytes[nameEnd] == ASCII.colon else { return nil }
        return Layout(
            pid: pid, cpu: cpu, timeNs: time.timeNs, name: nameStart..<nameEnd, body: nameEnd + 1..<end,
            form: .fields, tgid: -1)
    }
}
