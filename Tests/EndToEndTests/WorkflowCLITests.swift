import Foundation
import Testing

/// The commands a user strings together, through the built binary: synth → analyze,
/// convert, replay, report, explore.
@Suite struct WorkflowCLITests {
    func temporary(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-wf-\(UUID().uuidString)\(suffix)").path
    }

    func jsonTrace(_ text: String) throws -> [String: Any] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((root["traces"] as? [[String: Any]])?.first)
    }

    /// ffs-read on 4 CPUs, 2 idle, 64 KiB in 8 KiB windows: 8 windows → 8 IPIs to 3 CPUs = 24
    /// targets; nobody else caches the window, so all 24 are redundant, 16 of them idle.
    @Test func synthThenAnalyzeFollowsTheFormulas() throws {
        let path = temporary(".trace.gz")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let synth = try KReplayBinary.run([
            "synth", "ffs-read", "--size", "64K", "--ncpu", "4", "--idle", "2", "--seed", "7", "-q", "-o", path,
        ])
        #expect(synth.status == 0, "\(synth.stderr)")
        let run = try KReplayBinary.run(["analyze", "--format", "json", path])
        #expect(run.status == 1)  // tlb_no_redundant_shootdowns fails
        let tlb = try #require(try jsonTrace(run.stdout)["tlb"] as? [String: Any])
        #expect(tlb["shootdown_ipis"] as? Int == 8)
        #expect(tlb["targets"] as? Int == 24)
        #expect(tlb["redundant_targets"] as? Int == 24)
        #expect(tlb["idle_targets"] as? Int == 16)
        let checks = try #require(try jsonTrace(run.stdout)["checks"] as? [[String: Any]])
        #expect(checks.first { $0["name"] as? String == "replay_fidelity" }?["result"] as? String == "passed")
    }

    @Test func convertToChromeJSONAndFtrace() throws {
        let sample = KReplayBinary.sample("ffs-read-4cpu.trace.gz")
        let chrome = try KReplayBinary.run(["convert", sample, "--to", "chrome-json"])
        #expect(chrome.status == 0, "\(chrome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(chrome.stdout.utf8)) as? [String: Any])
        let events = try #require(object["traceEvents"] as? [[String: Any]])
        let threadNames = events.filter { $0["ph"] as? String == "M" && $0["name"] as? String == "thread_name" }
        #expect(threadNames.count == 4)  // one track per CPU
        let ftrace = try KReplayBinary.run(["convert", sample, "--to", "ftrace"])
        #expect(ftrace.status == 0)
        let path = temporary(".trace")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(ftrace.stdout.utf8).write(to: URL(fileURLWithPath: path))
        let again = try jsonTrace(try KReplayBinary.run(["analyze", "--format", "json", path]).stdout)
        let original = try jsonTrace(try KReplayBinary.run(["analyze", "--format", "json", sample]).stdout)
        #expect(again["tlb"] as? NSDictionary == original["tlb"] as? NSDictionary)
    }

    @Test func replayJSONListsStrategiesInOrder() throws {
        let run = try KReplayBinary.run([
            "replay", "--format", "json", "--strategy", "none,idle-lazy", "--strategy", "single-stop",
            KReplayBinary.sample("ffs-read-4cpu.trace.gz"),
        ])
        let replays = try #require(try jsonTrace(run.stdout)["replays"] as? [[String: Any]])
        #expect(replays.map { $0["strategy"] as? String } == ["none", "idle-lazy", "single-stop"])
        let idleLazy = try #require(replays[1]["tlb"] as? [String: Any])
        #expect(idleLazy["targets"] as? Int == 3)
        #expect(idleLazy["idle_targets"] as? Int == 0)
        // The baseline the strategies are compared with, though netbsd8 was not asked for.
        let baseline = try #require(try jsonTrace(run.stdout)["baseline"] as? [String: Any])
        #expect(baseline["strategy"] as? String == "netbsd8")
        #expect((baseline["tlb"] as? [String: Any])?["targets"] as? Int == 9)
    }

    /// README.md "Exit status": `replay` shows each strategy's difference against netbsd8, asked for or not.
    @Test func replayTextShowsTheDifferenceAgainstNetBSD8() throws {
        let run = try KReplayBinary.run([
            "replay", "--strategy", "idle-lazy", KReplayBinary.sample("ffs-read-4cpu.trace.gz"),
        ])
        let rows = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let netbsd8 = try #require(rows.first { $0.hasPrefix("netbsd8 ") })
        let idleLazy = try #require(rows.first { $0.hasPrefix("idle-lazy ") })
        #expect(netbsd8.split(separator: " ", omittingEmptySubsequences: true).prefix(3) == ["netbsd8", "3", "9"])
        #expect(idleLazy.contains("3 (-6)"))
        #expect(rows.firstIndex(of: netbsd8)! < rows.firstIndex(of: idleLazy)!)
    }

    @Test func reportFormatsAreValid() throws {
        let sample = KReplayBinary.sample("ptrace-dbregs-race.trace.gz")
        let tps = try KReplayBinary.run(["report", "--format", "atf-tps", sample])
        #expect(tps.status == 1)
        #expect(tps.stdout.hasPrefix("Content-Type: application/X-atf-tps; version=\"3\"\n\n"))
        #expect(tps.stdout.contains("tc-end: "))
        #expect(tps.stdout.contains(", signal_no_duplicate_wait, failed, 1 duplicate wait return"))
        let html = try KReplayBinary.run(["report", "--format", "html", sample])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        // Self-contained: nothing loaded from the network (the SVG namespace URI is only a name).
        for load in ["src=\"http", "href=\"http", "@import", "url(http"] { #expect(!html.stdout.contains(load)) }
        let junit = try KReplayBinary.run(["report", "--format", "junit", sample])
        #expect(junit.stdout.contains("<testsuite>"))  // as kyua report-junit writes it
        #expect(junit.stdout.contains("ptrace-dbregs-race.trace.gz\" name=\"signal_no_duplicate_wait\""))
    }

    @Test func exploreFindsTheDuplicateUnderNetBSD8AndNoneUnderSingleStop() throws {
        let racy = try KReplayBinary.run(["explore", "lwp-kill-self", "--strategy", "netbsd8"])
        #expect(racy.status == 1)
        #expect(racy.stdout.contains("duplicate-wait-return"))
        let fixed = try KReplayBinary.run(["explore", "lwp-kill-self", "--strategy", "single-stop"])
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("schedules ending in a finding: 0"))
    }

    /// `-j 2` analyses in parallel but reports in the order given, with the same results.
    @Test func parallelAnalysisKeepsOrderAndResults() throws {
        let traces = ["ptrace-dbregs-race.trace.gz", "ffs-read-8cpu.trace.gz", "ffs-read-4cpu.trace.gz"]
            .map(KReplayBinary.sample)
        let serial = try KReplayBinary.run(["analyze", "--format", "json", "-j", "1"] + traces)
        let parallel = try KReplayBinary.run(["analyze", "--format", "json", "-j", "2"] + traces)
        #expect(serial.status == 1 && parallel.status == 1)
        #expect(serial.stdout == parallel.stdout)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(parallel.stdout.utf8)) as? [String: Any])
        let paths = (root["traces"] as? [[String: Any]])?.compactMap { $0["path"] as? String }
        #expect(paths == traces)
    }
}
