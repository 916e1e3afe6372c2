/// `sched_switch` as libtraceevent's sched_switch plugin prints it for
/// `trace-cmd report`: `prev_comm:prev_pid [prio] S ==> next_comm:next_pid [prio]`
/// (a comm may itself contain `:`, as `kworker/1:1:50` does).
enum SchedSwitchPluginText {
    static func pids(_ bytes: UnsafeBufferPointer<UInt8>, _ body: Range<Int>) -> (prev: Int32, next: Int32)? {
        guard body.count >= 3 else { return nil }
        var arrow = body.lowerBound
        while arrow + 3 <= body.upperBound && !bytes.matches(arrow..<arrow + 3, "==>") { arrow += 1 }
        guard arrow + 3 <= body.upperBound, let prev = pid(bytes, body.lowerBound..<arrow),
            let next = pid(bytes, arrow + 3..<body.upperBound)
        else { return nil }
        return (prev, next)
    }

    /// The pid of `comm:pid [prio] …`: the digits after the last `:` before ` [`.
    private static func pid(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int32? {
        var bracket = range.lowerBound
        while bracket < range.upperBound && bytes[bracket] != ASCII.openBracket { bracket += 1 }
        var end = bracket
        while end > range.lowerBound && ASCII.isBlank(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > range.lowerBound && ASCII.isDigit(bytes[start - 1]) { start -= 1 }
        guard start < end, start > range.lowerBound, bytes[start - 1] == ASCII.colon,
            let value = NumberParser.unsigned(bytes, start..<end), value <= UInt64(Int32.max)
        else { return nil }
        return Int32(value)
    }
}
