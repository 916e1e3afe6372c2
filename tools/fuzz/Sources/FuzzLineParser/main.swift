import FuzzSupport

/// (a) The line parser over arbitrary bytes, always read as plain text.
///
/// The first byte picks the options (a tiny `--max-line`, `--strict`) so the
/// overlong-line and strict paths are reached too; the rest is the trace. The same
/// bytes are also read with parse threads in small buffers: they must agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    var trace = Array(bytes.dropFirst())
    FuzzInput.forcePlain(&trace)
    let options = FuzzInput.readOptions(selector)
    let summary = FuzzInput.parse(trace, options: options)
    FuzzInput.checkAccounting(summary)
    // Small buffers (17 to 272 bytes, by the selector) so that blocks, and lines across them, are many.
    FuzzInput.checkParallelParse(trace, options: options, bufferBytes: 17 + Int(selector >> 4) * 17)
    return 0
}
