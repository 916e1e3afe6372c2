import FuzzSupport

/// (a) The line parser over arbitrary bytes, always read as plain text.
///
/// The first byte picks the options (a tiny `--max-line`, `--strict`) so the
/// overlong-line and strict paths are reached too; the rest is the trace.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    var trace = Array(bytes.dropFirst())
    FuzzInput.forcePlain(&trace)
    let summary = FuzzInput.parse(trace, options: FuzzInput.readOptions(selector))
    FuzzInput.checkAccounting(summary)
    return 0
}
