import FuzzSupport

/// (c) The whole analysis: parser, both models, checks, replays and every
/// renderer (text, JSON, ATF tps and ticker, JUnit, HTML with its timeline).
///
/// The first byte picks the strategies to replay (none, each TLB strategy, each
/// signal strategy, or all of them) and the read options; the rest is the trace.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalysis(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    guard let selector = bytes.first else { return 0 }
    FuzzAnalysisRun.run(Array(bytes.dropFirst()), selector: selector)
    return 0
}
