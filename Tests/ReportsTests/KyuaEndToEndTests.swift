import Foundation
import Reports
import Testing

/// Runs the REAL kyua against tools/kyua/kreplay_checks.
///
/// Needs the built binary `.build/debug/kreplay` (CI runs `swift build` before `swift test`),
/// and kyua (Debian: apt-get install -y kyua). Verdicts come from the examples' hand-built
/// result saved as JSON (`results =`), so the test does not depend on the analysis pipeline.
@Suite(.enabled(if: KyuaSetup.available)) struct KyuaEndToEndTests {

    @Test func kyuaReportsTheChecks() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-kyua-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let json = work.appendingPathComponent("result.json")
        try JSONReport().render(ExampleResults.both).write(to: json, atomically: true, encoding: .utf8)
        let kyuafile = Golden.repositoryRoot.appendingPathComponent("tools/kyua/Kyuafile").path
        let store = work.appendingPathComponent("results.db").path
        let test = try run(
            [
                "-v", "test_suites.kreplay.results=\(json.path)", "-v",
                "test_suites.kreplay.traces=\(Self.exampleTraces)",
                "test", "--kyuafile=\(kyuafile)",
                "--results-file=\(store)",
            ],
            in: work)
        #expect(test.output.contains("13/16 passed (3 failed)"), "\(test.output)")
        #expect(test.output.contains("kreplay_checks:ffs_read_4cpu__tlb_no_redundant_shootdowns  ->  failed: 8 of 9"))
        #expect(test.output.contains("ptrace_dbregs_race__signal_no_lost_signals  ->  passed"))
        #expect(test.output.contains("ptrace_dbregs_race__tlb_no_stale_translations  ->  skipped: no TLB events"))

        let junitPath = work.appendingPathComponent("junit.xml").path
        _ = try run(["report-junit", "--results-file=\(store)", "--output=\(junitPath)"], in: work)
        let kyuaJUnit = try String(contentsOfFile: junitPath, encoding: .isoLatin1)
        let ours = JUnitReport().render(ExampleResults.both)
        try XMLLint.check(kyuaJUnit)
        for element in ["<testcase ", "<failure message=", "<skipped/>", "<system-out>", "<system-err>"] {
            #expect(count(element, kyuaJUnit) == count(element, ours), "\(element) count differs from kyua's")
        }
        #expect(kyuaJUnit.contains("custom.kreplay-check = ") && ours.contains("custom.kreplay-check = "))
    }

    @Test func expectationsTurnFailuresIntoExpectedFailures() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-kyua-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let json = work.appendingPathComponent("result.json")
        try JSONReport().render(ExampleResults.both).write(to: json, atomically: true, encoding: .utf8)
        let kyuafile = Golden.repositoryRoot.appendingPathComponent("tools/kyua/Kyuafile").path
        let test = try run(
            [
                "-v", "test_suites.kreplay.results=\(json.path)",
                "-v", "test_suites.kreplay.traces=\(Self.exampleTraces)",
                "-v", "test_suites.kreplay.expect_tlb_no_redundant_shootdowns=kern/53124",
                "-v", "test_suites.kreplay.expect_signal_no_lost_signals=should fail",
                "test", "--kyuafile=\(kyuafile)", "--results-file=\(work.appendingPathComponent("r.db").path)",
            ], in: work)
        #expect(test.output.contains("tlb_no_redundant_shootdowns  ->  expected_failure: kern/53124"), "\(test.output)")
        #expect(test.output.contains("signal_no_lost_signals  ->  failed: expected failure did not happen"))
        #expect(test.output.contains("13/16 passed (3 failed)"))  // kyua counts expected_failure as passed
    }

    /// kyua runs the real pipeline (`kreplay atf` analysing the traces) on the two SPEC
    /// examples: ffs-read fails tlb_no_redundant_shootdowns; ptrace fails the duplicate-wait
    /// and double-post checks; everything else passes or is skipped → 13/16, 3 failed.
    @Test func kyuaRunsTheRealAnalysisOnTheExamples() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-kyua-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let fixtures = Golden.repositoryRoot.appendingPathComponent("Tests/Fixtures")
        let traces = ["ffs-read-4cpu.trace", "ptrace-dbregs-race.trace"].map {
            fixtures.appendingPathComponent($0).path
        }
        let kyuafile = Golden.repositoryRoot.appendingPathComponent("tools/kyua/Kyuafile").path
        let store = work.appendingPathComponent("real.db").path
        let test = try run(
            [
                "-v", "test_suites.kreplay.traces=\(traces.joined(separator: " "))", "test",
                "--kyuafile=\(kyuafile)", "--results-file=\(store)",
            ], in: work)
        #expect(test.output.contains("13/16 passed (3 failed)"), "\(test.output)")
        #expect(test.output.contains("ffs_read_4cpu__tlb_no_redundant_shootdowns  ->  failed: 8 of 9"))
        #expect(test.output.contains("ffs_read_4cpu__replay_fidelity  ->  passed"))
        #expect(
            test.output.contains("ptrace_dbregs_race__signal_no_duplicate_wait  ->  failed: 1 duplicate wait return"))
        #expect(test.output.contains("ptrace_dbregs_race__signal_no_double_post  ->  failed"))
        #expect(test.output.contains("ptrace_dbregs_race__tlb_no_redundant_shootdowns  ->  skipped"))
        let report = try run(["report", "--results-file=\(store)"], in: work)
        #expect(
            report.output.contains("Test cases: 16 total, 6 skipped, 0 expected failures, 0 broken, 3 failed"),
            "\(report.output)")
    }

    /// The two SPEC examples, which the saved results describe (traces/ holds more).
    static var exampleTraces: String {
        ["ffs-read-4cpu.trace", "ptrace-dbregs-race.trace"].map {
            Golden.repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent($0).path
        }.joined(separator: " ")
    }

    private func count(_ needle: String, _ haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    private func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KyuaSetup.kyua!)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path
        environment["KREPLAY"] = KyuaSetup.binary
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Where kyua and the built kreplay are, if they are.
enum KyuaSetup {
    static let kyua = ["/usr/bin/kyua", "/usr/local/bin/kyua"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let binary = Golden.repositoryRoot.appendingPathComponent(".build/debug/kreplay").path
    static var available: Bool { kyua != nil && FileManager.default.isExecutableFile(atPath: binary) }
}
