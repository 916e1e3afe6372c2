/// The lines `trace-cmd report` prints besides events (trace-cmd 3.x,
/// `tracecmd/trace-read.c` and `lib/trace-cmd/trace-input.c`):
///
/// * `cpus=N` (first line; handled by `LineParser`),
/// * `version = 6` (with `-V`),
/// * `CPU 3 is empty` (a CPU whose buffer had no data),
/// * `CPU:2 [17 EVENTS DROPPED]` / `CPU:2 [EVENTS DROPPED]` (the ring buffer
///   overwrote events before the next one on that CPU: lost events).
enum TraceCmdPreamble {
    /// The outcome for a preamble or lost-events line, or nil for any other line.
    static func outcome(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> LineParser.Outcome? {
        let end = bytes.count
        let rest = start..<end
        if InputFormatDetector.starts(bytes, rest, "version = ") { return .preamble }
        guard InputFormatDetector.starts(bytes, rest, "CPU") else { return nil }
        var index = start + 3
        if index < end && bytes[index] == ASCII.colon {
            // CPU:N [COUNT EVENTS DROPPED]
            index += 1
            let cpuStart = index
            while index < end && ASCII.isDigit(bytes[index]) { index += 1 }
            guard let cpu = NumberParser.unsigned(bytes, cpuStart..<index), index + 1 < end,
                bytes[index] == ASCII.space, bytes[index + 1] == ASCII.openBracket
            else { return nil }
            index += 2
            let countStart = index
            while index < end && ASCII.isDigit(bytes[index]) { index += 1 }
            let count = NumberParser.unsigned(bytes, countStart..<index).map { Int(clamping: $0) }
            while index < end && bytes[index] == ASCII.space { index += 1 }
            guard InputFormatDetector.starts(bytes, index..<end, "EVENTS DROPPED]") else { return nil }
            return .lostEvents(cpu: Int(clamping: cpu), count: count)
        }
        // CPU N is empty
        guard index < end, bytes[index] == ASCII.space else { return nil }
        index += 1
        let cpuStart = index
        while index < end && ASCII.isDigit(bytes[index]) { index += 1 }
        guard index > cpuStart, InputFormatDetector.starts(bytes, index..<end, " is empty") else { return nil }
        return .preamble
    }

    /// True for a line only trace-cmd prints (used by format detection).
    static func isTraceCmdLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        outcome(bytes, from: start) != nil
    }

    /// `trace-cmd report -l`: `comm-pid  3d..1.  12.000133: event: …`: the CPU
    /// number is glued to the latency flags and there is no `[cpu]`.
    /// Returns (pid, cpu, index after the latency token) for such a line.
    static func latencyPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
        pid: Int32, cpu: Int, next: Int
    )? {
        let end = bytes.count
        var previous: Range<Int>?
        var index = start
        while index < end {
            while index < end && ASCII.isBlank(bytes[index]) { index += 1 }
            let tokenStart = index
            while index < end && !ASCII.isBlank(bytes[index]) { index += 1 }
            let token = tokenStart..<index
            guard !token.isEmpty else { break }
            if let latency = previous, token.count > 1, bytes[token.upperBound - 1] == ASCII.colon,
                NumberParser.timestamp(bytes, token.lowerBound..<token.upperBound - 1) != nil
            {
                return split(bytes, start: start, latency: latency)
            }
            previous = token
        }
        return nil
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, latency: Range<Int>) -> (
        pid: Int32, cpu: Int, next: Int
    )? {
        var digitEnd = latency.lowerBound
        while digitEnd < latency.upperBound && ASCII.isDigit(bytes[digitEnd]) { digitEnd += 1 }
        guard digitEnd > latency.lowerBound, digitEnd < latency.upperBound, digitEnd - latency.lowerBound <= 6,
            let cpu = NumberParser.unsigned(bytes, latency.lowerBound..<digitEnd)
        else { return nil }
        var pidEnd = latency.lowerBound
        while pidEnd > start && ASCII.isBlank(bytes[pidEnd - 1]) { pidEnd -= 1 }
        var pidStart = pidEnd
        while pidStart > start && ASCII.isDigit(bytes[pidStart - 1]) { pidStart -= 1 }
        guard pidStart < pidEnd, pidStart > start, bytes[pidStart - 1] == ASCII.dash,
            let pid = NumberParser.unsigned(bytes, pidStart..<pidEnd), pid <= UInt64(Int32.max)
        else { return nil }
        return (Int32(pid), Int(cpu), latency.upperBound)
    }
}
