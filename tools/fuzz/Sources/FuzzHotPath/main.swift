import FuzzSupport

@testable import KTrace

/// (d) The parser's hot path (`LineParser.hotEvent`: fixed ftrace columns,
/// word-at-a-time fields, the signal/ptrace/wait fast paths) on event lines.
///
/// The reader takes the hot path only after the first event, so a valid header
/// and event come first and the fuzzer's bytes are all event lines. Each line is
/// also copied to an allocation of exactly its length (AddressSanitizer then
/// reports a read one byte past its end) and read by `hotEvent` and by `parse`:
/// whatever the hot path answers, `parse` must give that one event.
///
/// The first byte: bit 0 Linux signal numbers; bits 1–7 the read options (`FuzzInput.readOptions`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHotPath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    let body = bytes.dropFirst()
    let numbering: SignalNumbering = selector & 1 == 0 ? .netbsd : .linux
    var start = body.startIndex
    while start <= body.endIndex {
        let end = body[start...].firstIndex(of: 0x0a) ?? body.endIndex
        agree(body[start..<end], numbering: numbering)
        start = end + 1
    }
    let header =
        numbering == .linux
        ? "# kreplay-trace: version=1\n# machine: arch=x86_64 ncpu=8 signals=linux\n"
        : "# kreplay-trace: version=1\n# machine: arch=amd64 ncpu=8\n"
    let first = "             cat-512     [000] d..1.    10.000000: idle_enter:\n"
    let summary = FuzzInput.parse(Array((header + first).utf8) + body, options: FuzzInput.readOptions(selector >> 1))
    FuzzInput.checkAccounting(summary)
    return 0
}

/// `hotEvent` and `parse` on `line` placed in an allocation of exactly its size.
private func agree(_ line: ArraySlice<UInt8>, numbering: SignalNumbering) {
    let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, line.count))
    defer { copy.deallocate() }
    line.withUnsafeBufferPointer { source in
        if let base = source.baseAddress { copy.update(from: base, count: line.count) }
    }
    let buffer = UnsafeBufferPointer(start: copy, count: line.count)
    var hotParser = LineParser()
    hotParser.signalNumbering = numbering
    guard let hot = hotParser.hotEvent(buffer, line: 2) else { return }
    var parser = LineParser()
    parser.signalNumbering = numbering
    let outcome = parser.parse(buffer, line: 2)
    precondition(outcome == .events && parser.emitted.count == 1, "hot path read an event parse does not: \(hot)")
    precondition("\(parser.emitted[0])" == "\(hot)", "hot path \(hot) but parse \(parser.emitted[0])")
}
