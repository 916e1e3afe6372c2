import Analysis
import KTrace
import Reports

/// One whole-analysis fuzz run: analysis, replays, every renderer.
public enum FuzzAnalysisRun {
    /// Strategy sets the selector byte picks from.
    static let strategySets: [[String]] = [
        [],
        ["netbsd8"],
        ["idle-lazy", "no-wait-idle"],
        ["deferred-unmap:fifo=2", "ubc-winshift:shift=14"],
        ["ubc-winshift", "bind-local", "direct-map"],
        ["xen-hypercall", "tp-maxva:n=1", "none"],
        ["single-stop", "dedup-pending", "drop-second"],
        TLBStrategySpec.names + ["single-stop", "dedup-pending", "drop-second"],
    ]

    public static func run(_ trace: [UInt8], selector: UInt8) {
        var options = AnalysisOptions()
        options.strategies = strategySets[Int(selector) % strategySets.count]
        options.read = FuzzInput.readOptions(selector >> 3)
        options.collectTimeline = true
        if selector & 0x80 != 0 { options.expectations = ["tlb_no_redundant_shootdowns": "fuzz"] }
        let result: TraceResult
        do {
            result = try analyzeTrace(bytes: trace, name: "<fuzz>", options: options)
        } catch {
            preconditionFailure("analysis of bytes threw \(error)")
        }
        let input = result.input
        let unknown = result.unknownEvents.values.reduce(0, +)
        precondition(
            input.lines == input.eventLines + result.malformedLines + unknown + input.commentLines + input.blankLines,
            "input lines do not add up")
        var timelines: [String: Timeline] = [:]
        if let timeline = result.timeline { timelines[result.path] = timeline }
        let analysis = AnalysisResult(traces: [result])
        let reportOptions = ReportOptions(clock: .fixed(seconds: 0), testsRoot: "/fuzz", timelines: timelines)
        for format in ReportFormat.allCases {
            let text = format.render(analysis, options: reportOptions)
            precondition(!text.isEmpty || format == .atfReport, "\(format) rendered nothing")
        }
    }
}
