import Analysis
import Foundation
import Reports
import Testing

@Suite struct FormatTests {
    let clock = ATFClock.fixed(seconds: 1_521_000_000, microseconds: 5)

    @Test func tpsStreamFollowsTheGrammar() {
        let text = ATFTpsReport(clock: clock, testsRoot: "/x").render(ExampleResults.both)
        let (summary, errors) = TPSValidator.validate(text)
        #expect(errors.isEmpty, "\(errors)")
        #expect(summary.programs == 2)
        #expect(summary.testCases == 16)
        #expect(summary.results == ["passed": 8, "failed": 3, "skipped": 5])
        #expect(text.contains("tp-start: 1521000000.5, Tests/Fixtures/ffs-read-4cpu.trace, 8\n"))
    }

    @Test func tpsValidatorRejectsBrokenStreams() {
        let good = ATFTpsReport(clock: clock).render(ExampleResults.both)
        let noReason = good.replacingOccurrences(of: ", skipped, no signal events in the trace", with: ", skipped")
        #expect(!TPSValidator.validate(noReason).1.isEmpty)
        let badCount = good.replacingOccurrences(of: "tps-count: 2", with: "tps-count: 3")
        #expect(!TPSValidator.validate(badCount).1.isEmpty)
    }

    @Test func tpsSanitizesNamesAndReasons() {
        var result = ExampleResults.both
        result.traces[0].path = "dir with space/a,b:c.trace"
        result.traces[0].checks[0].reason = "two\nlines"
        let text = ATFTpsReport(clock: clock).render(result)
        #expect(TPSValidator.validate(text).1.isEmpty)
        #expect(text.contains("tlb_no_redundant_shootdowns, failed, two lines\n"))
    }

    @Test func tickerEndsWithTheSummary() {
        let text = ATFTickerReport(clock: clock).render(ExampleResults.both)
        #expect(
            text.hasSuffix(
                """
                Summary for 2 test programs:
                    8 passed test cases.
                    3 failed test cases.
                    0 expected failed test cases.
                    5 skipped test cases.

                """))
        #expect(text.contains("    tlb_no_stale_translations: [0.000000s] Passed.\n"))
    }

    @Test func jsonUsesTheContractKeys() throws {
        let text = JSONReport().render(ExampleResults.both)
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let trace = try #require((object["traces"] as? [[String: Any]])?.first)
        let contract: [String: [String]] = [
            "": ["kreplay", "traces"],
            "trace": [
                "path", "variant", "ncpu", "events", "malformed_lines", "unknown_events", "tlb", "signal",
                "findings", "checks", "replays",
            ],
            "tlb": [
                "unmaps", "shootdown_ipis", "targets", "redundant_targets", "idle_targets", "full_flushes",
                "stale_uses",
            ],
            "signal": ["posts", "stops", "wait_returns", "duplicate_wait_returns", "lost_signals"],
            "finding": ["kind", "class", "line", "cpu", "pid", "time_ns", "message"],
            "check": ["name", "result", "reason"],
            "replay.tlb": [
                "ipis", "targets", "idle_targets", "invalidations", "full_flushes", "initiator_wait_ns",
                "cpu_ns", "stale_uses",
            ],
        ]
        let replay = try #require((trace["replays"] as? [[String: Any]])?.first)
        let objects: [String: [String: Any]?] = [
            "": object, "trace": trace, "tlb": trace["tlb"] as? [String: Any],
            "signal": trace["signal"] as? [String: Any],
            "finding": (trace["findings"] as? [[String: Any]])?.first,
            "check": (trace["checks"] as? [[String: Any]])?.first, "replay.tlb": replay["tlb"] as? [String: Any],
        ]
        for (name, keys) in contract {
            let actual = try #require(objects[name] ?? nil, "\(name) missing")
            for key in keys { #expect(actual[key] != nil, "\(name).\(key) missing") }
        }
        let decoded = try JSONDecoder().decode(AnalysisResult.self, from: Data(text.utf8))
        #expect(decoded == ExampleResults.both)
    }

    @Test func schemaDocumentsEveryContractKey() throws {
        let url = Golden.repositoryRoot.appendingPathComponent("docs/kreplay-result.schema.json")
        let schema = try String(contentsOf: url, encoding: .utf8)
        _ = try JSONSerialization.jsonObject(with: Data(schema.utf8))
        for key in [
            "shootdown_ipis", "redundant_targets", "duplicate_wait_returns", "time_ns", "initiator_wait_ns",
            "cpu_ns", "malformed_lines", "unknown_events", "expected_failure",
        ] {
            #expect(schema.contains("\"\(key)\""), "schema lacks \(key)")
        }
    }

    @Test func junitIsWellFormedAndEscaped() throws {
        var result = ExampleResults.both
        result.traces[0].checks[0].reason = "<&> \"quoted\" 'single' \u{1} café"
        let xml = JUnitReport().render(result)
        #expect(xml.contains("message=\"&lt;&amp;&gt; &quot;quoted&quot; &apos;single&apos; &amp;#1; caf&#233;\""))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 16)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == 3)
        #expect(xml.components(separatedBy: "<skipped/>").count - 1 == 5)
        try XMLLint.check(xml)
    }

    @Test func textShowsFindingsChecksAndReplays() {
        let text = TextReport(maxFindings: 3).render(ExampleResults.both)
        #expect(text.contains("Tests/Fixtures/ffs-read-4cpu.trace:16: [redundant-shootdown:idle]"))
        #expect(text.contains("findings: 8 (worst 3 shown)"))
        #expect(text.contains("tlb_no_redundant_shootdowns: failed: 8 of 9"))
        #expect(text.contains("signal_no_duplicate_wait: skipped: no signal events"))
        #expect(text.contains("idle-lazy   3 (=)   3 (-6)"))
    }

    @Test func htmlIsSelfContained() {
        let html = HTMLReport(timelines: ExampleResults.timelines).render(ExampleResults.both)
        #expect(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script src") && !html.contains("<link"))
        // One timeline per trace, drawn by the inline script from the one data block.
        #expect(html.components(separatedBy: "<div class=\"tl\" data-trace=").count - 1 == 2)
        #expect(html.components(separatedBy: "id=\"kreplay-data\"").count - 1 == 1)
        #expect(html.contains("{\"line\":62,\"cpu\":0,\"time_ns\":10000322000,\"pages\":0"))
    }
}

/// Runs `xmllint --noout` when it is installed.
enum XMLLint {
    static var path: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static func check(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let path else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--noout", file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "xmllint rejected the XML", sourceLocation: sourceLocation)
    }
}
