import Analysis
import Foundation
import Reports
import Testing

/// The HTML page in a real browser: headless Chromium runs the inline script and dumps the DOM.
/// Skipped (with the reason) when Chromium is not installed: `apt-get install -y chromium`.
@Suite("HTML in Chromium")
struct ChromiumRenderTests {
    static let browser: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The DOM after the page's scripts ran.
    static func dumpDOM(_ html: String, fragment: String = "") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kreplay-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(browser))
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--virtual-time-budget=5000",
            "--window-size=1400,1000", "--dump-dom", page.absoluteString + fragment,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: dom, as: UTF8.self)
    }

    @Test(
        "the timeline script runs and draws every IPI of a small trace",
        .enabled(if: browser != nil, "chromium not installed (apt-get install -y chromium)"))
    func smallTraceDrawsEveryIPI() throws {
        let html = HTMLReport(timelines: ExampleResults.timelines).render(ExampleResults.both)
        let dom = try Self.dumpDOM(html)
        #expect(dom.contains("data-mode=\"detail\""))
        #expect(dom.contains("data-ipis-drawn=\"3\""))
        #expect(!dom.contains("The timeline needs JavaScript."))
        #expect(dom.contains("3 IPIs drawn one by one"))
    }

    @Test(
        "a sampled trace: overview bars when zoomed out, single IPIs after 'zoom to detail'",
        .enabled(if: browser != nil, "chromium not installed (apt-get install -y chromium)"))
    func sampledTraceZooms() throws {
        let text = try HTMLTimelineTests.ffsRead(ncpu: 64, size: 4 << 20, busy: 0)
        let result = try HTMLTimelineTests.analyzed(text, timeline: true)
        let html = HTMLReport().render(AnalysisResult(traces: [result]))
        let whole = try Self.dumpDOM(html)
        #expect(whole.contains("data-mode=\"overview\""))
        let zoomed = try Self.dumpDOM(html, fragment: "#detail")
        #expect(zoomed.contains("data-mode=\"detail\""))
        #expect(zoomed.contains("IPIs drawn one by one"))
    }
}
