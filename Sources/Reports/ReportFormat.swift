import Analysis

/// A rendering of an analysis result (docs/reports.md): one type per format.
public protocol ReportRenderer: Sendable {
    /// Renders the whole result in this format. Never prints, never fails.
    func render(_ result: AnalysisResult) -> String
}

/// The formats `kreplay report --format` accepts.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text
    case json
    case atfTps = "atf-tps"
    case atfReport = "atf-report"
    case junit
    case html

    /// The renderer for this format, configured by `options`.
    public func renderer(options: ReportOptions = ReportOptions()) -> any ReportRenderer {
        switch self {
        case .text: return TextReport(maxFindings: options.maxFindings)
        case .json: return JSONReport()
        case .atfTps: return ATFTpsReport(clock: options.clock, testsRoot: options.testsRoot)
        case .atfReport: return ATFTickerReport(clock: options.clock, testsRoot: options.testsRoot)
        case .junit: return JUnitReport(cwd: options.testsRoot)
        case .html: return HTMLReport(timelines: options.timelines)
        }
    }

    /// Renders `result` in this format.
    public func render(_ result: AnalysisResult, options: ReportOptions = ReportOptions()) -> String {
        renderer(options: options).render(result)
    }
}

/// Knobs shared by the renderers.
public struct ReportOptions: Sendable {
    /// Wall clock stamped on ATF streams; fixed in tests so output is reproducible.
    public var clock: ATFClock
    /// Directory reported as `tests.root` (ATF) or `cwd` (JUnit); omitted when nil.
    public var testsRoot: String?
    /// Per-event data for the HTML timeline, keyed by trace path (see ``Timeline``).
    public var timelines: [String: Timeline]
    /// How many findings the text report shows per trace.
    public var maxFindings: Int

    public init(
        clock: ATFClock = .now, testsRoot: String? = nil, timelines: [String: Timeline] = [:],
        maxFindings: Int = 10
    ) {
        self.clock = clock
        self.testsRoot = testsRoot
        self.timelines = timelines
        self.maxFindings = maxFindings
    }
}
