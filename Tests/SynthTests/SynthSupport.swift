import Analysis
import Foundation
import KTrace
import Synth

/// Runs a generator into memory and returns the trace text and what it says it wrote.
func synthesize(members: Int = 1, _ body: (TraceEmitter) throws(SynthError) -> Void) throws -> (
    text: String, stats: SynthStats
) {
    let sink = MemorySink()
    let emitter = TraceEmitter(sink: sink, members: members, bufferCapacity: 1 << 16)
    try body(emitter)
    let stats = try emitter.finish()
    return (sink.text, stats)
}

/// `analyzeTrace(text:)` with default options.
func analyze(_ text: String, name: String = "synth.trace") throws -> TraceResult {
    try analyzeTrace(text: text, name: name, options: AnalysisOptions())
}

/// Counts of the parsed events, independent of the models.
struct ParsedCounts: Equatable {
    var events = 0
    var ipis = 0
    var hypercalls = 0
    var targets = 0
    var fullFlushes = 0
    var unmaps = 0
    var idleEnters = 0
    var posts = 0
    var stops = 0
    var waits = 0

    init(_ text: String) {
        let parsed = TraceText.parse(text)
        events = parsed.events.count
        for event in parsed.events {
            switch event.kind {
            case .shootdownIPI(let set, let pages):
                ipis += 1
                targets += set.count
                if pages == 0 { fullFlushes += 1 }
            case .xenMMUExt(let set, let va):
                hypercalls += 1
                targets += set.count
                if va == nil { fullFlushes += 1 }
            case .pmapKremove, .pmapRemove: unmaps += 1
            case .idleEnter: idleEnters += 1
            case .sigpost: posts += 1
            case .procStopDone: stops += 1
            case .waitReturn: waits += 1
            default: break
            }
        }
    }
}

func ceilDiv(_ value: UInt64, _ divisor: UInt64) -> Int { Int((value + divisor - 1) / divisor) }
