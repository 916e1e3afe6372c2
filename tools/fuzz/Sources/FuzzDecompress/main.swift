import FuzzSupport

/// (b) The decompressing reader over arbitrary bytes.
///
/// The first byte picks a mode: the bytes as they are (any container); behind a
/// valid gzip header; behind a valid zlib header; or a valid gzip of the rest
/// with one byte mutated (so inflate's data paths, members and trailers are
/// reached, not just header rejection).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecompress(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard bytes.count >= 2 else { return 0 }
    let trace = FuzzInput.container(mode: bytes[0], bytes: Array(bytes.dropFirst()))
    let summary = FuzzInput.parse(trace, options: FuzzInput.readOptions(bytes[1]))
    FuzzInput.checkAccounting(summary)
    FuzzInput.checkCompressedAccounting(summary, inputSize: trace.count)
    return 0
}
