import Foundation
import TestSupport
import Testing

@testable import Analysis

/// The two hand-worked SPEC examples through the whole pipeline: exactly what
/// their `.expected.md` files say.
@Suite struct ExampleAnalysisTests {
    static let fixtures = RepositoryPaths.fixtures

    func analyze(_ name: String, strategies: [String] = []) throws -> TraceResult {
        var options = AnalysisOptions()
        options.strategies = strategies
        return try analyzeTrace(path: Self.fixtures.appendingPathComponent(name).path, options: options)
    }

    func check(_ result: TraceResult, _ name: CheckName) -> CheckOutcome? {
        result.checks.first { $0.name == name }?.result
    }

    @Test func ffsRead4CPU() throws {
        let result = try analyze("ffs-read-4cpu.trace", strategies: ["idle-lazy", "none"])
        #expect(result.tlb.shootdownIPIs == 3)
        #expect(result.tlb.targets == 9)
        #expect(result.tlb.unmaps == 3)
        #expect(result.tlb.redundantTargets == 8)
        #expect(result.tlb.idleTargets == 6)
        #expect(result.tlb.fullFlushes == 1)
        #expect(result.tlb.staleUses == 0)
        let redundant = result.findings.filter { $0.kind.rawValue == "redundant-shootdown" }
        let byTarget = redundant.map { "\($0.line):cpu\($0.cpu):\($0.findingClass)" }.sorted()
        #expect(
            byTarget == [
                "16:cpu1:not-cached", "16:cpu2:idle", "16:cpu3:idle", "34:cpu2:idle", "34:cpu3:idle",
                "62:cpu1:not-cached", "62:cpu2:idle", "62:cpu3:idle",
            ])
        #expect(check(result, "tlb_no_redundant_shootdowns") == .failed)
        #expect(check(result, "tlb_no_stale_translations") == .passed)
        #expect(check(result, "replay_fidelity") == .passed)
        #expect(check(result, "trace_well_formed") == .passed)
        for name: CheckName in ["signal_no_duplicate_wait", "signal_no_double_post", "signal_no_lost_signals"] {
            #expect(check(result, name) == .skipped)
        }
        let idleLazy = try #require(result.replays.first { $0.strategy == "idle-lazy" })
        #expect(idleLazy.tlb.ipis == 3)
        #expect(idleLazy.tlb.targets == 3)
        #expect(idleLazy.tlb.idleTargets == 0)
        #expect(idleLazy.tlb.staleUses == 0)
        let none = try #require(result.replays.first { $0.strategy == "none" })
        #expect(none.tlb.ipis == 0)
        #expect(none.tlb.staleUses == 0)
        #expect(result.replays.map(\.strategy) == ["idle-lazy", "none"])
    }

    @Test func ptraceDbregsRace() throws {
        let result = try analyze(
            "ptrace-dbregs-race.trace", strategies: ["single-stop", "dedup-pending", "drop-second"])
        let double = result.findings.filter { $0.kind.rawValue == "double-sigpost" }
        #expect(double.map(\.line) == [35])
        #expect(double.first?.message.contains("kpsignal2") == true)
        #expect(double.first?.message.contains("proc_stop") == true)
        let duplicate = result.findings.filter { $0.kind.rawValue == "duplicate-wait-return" }
        #expect(duplicate.map(\.line) == [44])
        #expect(result.signal.posts == 4)
        #expect(result.signal.stops == 4)
        #expect(result.signal.waitReturns == 6)
        #expect(result.signal.duplicateWaitReturns == 1)
        #expect(result.signal.lostSignals == 0)
        #expect(check(result, "signal_no_duplicate_wait") == .failed)
        #expect(check(result, "signal_no_double_post") == .failed)
        #expect(check(result, "signal_no_lost_signals") == .passed)
        #expect(check(result, "tlb_no_redundant_shootdowns") == .skipped)
        #expect(check(result, "tlb_no_stale_translations") == .skipped)

        let single = try #require(result.replays.first { $0.strategy == "single-stop" })
        #expect(single.signal.stops == 3)
        #expect(single.signal.duplicateWaitReturns == 0)
        #expect(single.signal.lostSignals == 0)
        let dedup = try #require(result.replays.first { $0.strategy == "dedup-pending" })
        #expect(dedup.signal.stops == 4)
        #expect(dedup.signal.duplicateWaitReturns == 1)
        let drop = try #require(result.replays.first { $0.strategy == "drop-second" })
        #expect(drop.signal.lostSignals == 1)
        #expect(drop.signal.duplicateWaitReturns == 0)
    }

    @Test func expectationsTurnFailuresIntoExpectedFailures() throws {
        var options = AnalysisOptions()
        options.expectations = [
            "tlb_no_redundant_shootdowns": "PR kern/53124", "tlb_no_stale_translations": "should not pass",
        ]
        let result = try analyzeTrace(
            path: Self.fixtures.appendingPathComponent("ffs-read-4cpu.trace").path, options: options)
        let redundant = try #require(result.checks.first { $0.name == "tlb_no_redundant_shootdowns" })
        #expect(redundant.result == .expectedFailure && redundant.reason == "PR kern/53124")
        let stale = try #require(result.checks.first { $0.name == "tlb_no_stale_translations" })
        #expect(stale.result == .failed && stale.reason == "expected failure did not happen")
        #expect(!result.checks.contains { $0.name == "tlb_no_redundant_shootdowns" && $0.result == .failed })
    }
}

@Suite struct ExpectationFileTests {
    @Test func expectationFileAddsWaitCheckAndExpectedFailures() throws {
        let expectation = try WaitExpectation.parse(
            """
            wait 601 stopped:SIGSTOP
            wait 601 stopped:SIGTRAP
            wait 601 stopped:SIGSTOP
            wait 601 exited:5
            wait 601 none errno=ECHILD
            """)
        var options = AnalysisOptions()
        options.waitExpectation = expectation
        let result = try analyzeTrace(
            path: ExampleAnalysisTests.fixtures.appendingPathComponent("ptrace-dbregs-race.trace").path,
            options: options)
        // The 4th recorded wait (line 44) is the duplicate SIGSTOP where exited:5 was expected;
        // from there on every wait is one off: lines 44, 48 and 49 mismatch.
        let mismatches = result.findings.filter { $0.kind == .waitMismatch }
        #expect(mismatches.map(\.line) == [44, 48, 49])
        let check = try #require(result.checks.first { $0.name == "signal_waits_as_expected" })
        #expect(check.result == .failed)
        #expect(check.reason.hasPrefix("3 wait mismatches; first at line 44"))
    }

    @Test func withoutExpectationFileTheCheckIsAbsent() throws {
        let result = try analyzeTrace(
            path: ExampleAnalysisTests.fixtures.appendingPathComponent("ptrace-dbregs-race.trace").path,
            options: AnalysisOptions())
        #expect(result.checks.map(\.name) == Check.standard.map(\.name))
        #expect(!result.findings.contains { $0.kind == .waitMismatch })
    }
}

@Suite struct FindingLimitTests {
    /// The ffs example repeated 50 times: 400 redundant targets, 2 kept with a limit of 2,
    /// the counts and the check's reason still say 400. From the second repetition on, cpu1
    /// has already invalidated the same addresses and never refilled them: duplicate, not
    /// not-cached (2 × not-cached in the first repetition, 2 × 49 duplicate after).
    @Test func limitKeepsCountsExact() throws {
        let text = try String(
            contentsOf: ExampleAnalysisTests.fixtures.appendingPathComponent("ffs-read-4cpu.trace"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines.filter { $0.hasPrefix("#") }.joined(separator: "\n")
        let body = lines.filter { !$0.hasPrefix("#") && !$0.isEmpty }.joined(separator: "\n")
        let trace = header + "\n" + Array(repeating: body, count: 50).joined(separator: "\n") + "\n"
        var options = AnalysisOptions()
        options.read.override = { $0.findingLimit = 2 }
        let result = try analyzeTrace(text: trace, options: options)
        #expect(result.tlb.redundantTargets == 400)
        #expect(result.findings.count == 2)
        #expect(result.findingsOmitted == 398)
        let check = try #require(result.checks.first { $0.name == "tlb_no_redundant_shootdowns" })
        #expect(check.reason.hasPrefix("400 of 450 shootdown targets redundant (98 duplicate, 300 idle, 2 not-cached)"))
    }

    /// 1 500 rounds of: cpu1 caches a kernel page, cpu0 unmaps it and shoots it down (cpu1
    /// invalidates), the page is mapped again and cpu1 uses it. Recorded: every shootdown
    /// needed, no finding. Under `none` nobody invalidates cpu1's entry: 1 500 stale uses,
    /// of which a replay lists its default 1 000, or all with a higher `findingLimit`s.
    @Test func replaysListFewerFindingsThanTheAnalysis() throws {
        var trace = "# machine: arch=amd64 variant=amd64 ncpu=2\n"
        for round in 0..<1500 {
            let va = String(0xffff_8000_4000_0000 + UInt64(round) * 4096, radix: 16)
            let time = { (step: Int) in String(format: "%d.%06d", 10 + round / 100_000, (round * 8 + step) % 1_000_000)
            }
            trace += "a-1 [000] .... \(time(0)): pmap_kenter_pa: va=0x\(va) pa=0x1000 prot=rw\n"
            trace += "b-2 [001] .... \(time(1)): tlb_fill: pmap=kernel va=0x\(va)\n"
            trace += "a-1 [000] .... \(time(2)): pmap_kremove: va=0x\(va) len=4096\n"
            trace += "a-1 [000] .... \(time(3)): pmap_update: pmap=kernel\n"
            trace += "a-1 [000] .... \(time(4)): tlb_shootdown_ipi: target=1 pages=1\n"
            trace += "b-2 [001] .... \(time(5)): tlb_invalidate: pmap=kernel va=0x\(va)\n"
            trace += "a-1 [000] .... \(time(6)): pmap_kenter_pa: va=0x\(va) pa=0x2000 prot=rw\n"
            trace += "b-2 [001] .... \(time(7)): tlb_fill: pmap=kernel va=0x\(va)\n"
        }
        var options = AnalysisOptions()
        options.strategies = ["none"]
        let result = try analyzeTrace(text: trace, options: options)
        #expect(result.findings.isEmpty && result.tlb.staleUses == 0)
        let none = try #require(result.replays.first)
        #expect(none.tlb.staleUses == 1500)
        #expect(none.findings.count == FindingList.defaultReplayLimit)
        options.read.override = { $0.replayFindingLimit = 2000 }
        #expect(try analyzeTrace(text: trace, options: options).replays.first?.findings.count == 1500)
    }
}
