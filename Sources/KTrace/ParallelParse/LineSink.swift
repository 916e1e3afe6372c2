/// What `LineReader.forEachLine(into:)` hands a trace's lines to, one at a time or,
/// once the sink can take them, as blocks parsed on worker threads.
protocol LineSink {
    /// One line (or a run of empty lines) in file order; false stops the read.
    mutating func take(_ number: Int, _ line: LineReader.Line) -> Bool
    /// The parser for worker threads once lines can be read out of order by the hot
    /// path (the trace has begun), or nil: lines keep coming one at a time.
    mutating func blockParser() -> BlockParser?
    /// A parsed block, in file order; its line `n` (from 1) is the trace's `lineBase + n`.
    /// Returns nil, or the number of the line that stops the read.
    mutating func merge(_ block: ParsedBlock, lineBase: Int) -> Int?
}

/// A closure as a `LineSink` that never takes blocks.
struct LineClosureSink: LineSink {
    let body: (Int, LineReader.Line) -> Bool
    mutating func take(_ number: Int, _ line: LineReader.Line) -> Bool { body(number, line) }
    mutating func blockParser() -> BlockParser? { nil }
    mutating func merge(_ block: ParsedBlock, lineBase: Int) -> Int? { nil }
}
