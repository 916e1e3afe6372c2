import Foundation
import Testing

/// `--expect CHECK=REASON` through the built binary: only the check table's names, a usage
/// error (exit 64) naming them otherwise (README.md "Exit status"; docs/checks.md).
@Suite struct ExpectCLITests {
    static let trace = KReplayBinary.sample("ffs-read-4cpu.trace.gz")

    /// The checks an analysis reports (`checks[].name`), plus the one that needs an expectation file.
    static func checkNames() throws -> [String] {
        let run = try KReplayBinary.run(["analyze", "-q", "--format", "json", trace])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let traces = try #require(json["traces"] as? [[String: Any]])
        let checks = try #require(traces.first?["checks"] as? [[String: Any]])
        return checks.compactMap { $0["name"] as? String } + ["signal_waits_as_expected"]
    }

    @Test(arguments: [
        "bogus=known", "tlb_no_redundant_shootdown=known", "TLB_NO_REDUNDANT_SHOOTDOWNS=known", "=known",
        "tlb_no_redundant_shootdowns", "tlb_no_redundant_shootdowns=",
    ])
    func badExpectationIsAUsageError(argument: String) throws {
        for command in [["analyze"], ["replay", "--strategy", "idle-lazy"], ["report", "--format", "json"]] {
            let run = try KReplayBinary.run(command + ["-q", "--expect", argument, Self.trace])
            #expect(run.status == 64, "\(command) \(argument)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("kreplay: --expect: bad expectation '\(argument)'"))
            for name in try Self.checkNames() { #expect(run.stderr.contains(name), "\(name)") }
        }
    }

    @Test func unknownCheckIsNamed() throws {
        let run = try KReplayBinary.run(["analyze", "-q", "--expect", "bogus=x", Self.trace])
        #expect(run.stderr.contains("unknown check 'bogus'"))
    }

    @Test func knownCheckTurnsTheFailureIntoAnExpectedFailure() throws {
        let plain = try KReplayBinary.run(["analyze", "-q", Self.trace])
        #expect(plain.status == 1)
        let run = try KReplayBinary.run([
            "analyze", "-q", "--format", "json", "--expect", "tlb_no_redundant_shootdowns=kern/53124", Self.trace,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"result\" : \"expected_failure\""))
        #expect(run.stdout.contains("kern/53124"))
        // A check that passes, expected to fail: the expectation did not happen.
        let passing = try KReplayBinary.run(["analyze", "-q", "--expect", "trace_well_formed=x", Self.trace])
        #expect(passing.status == 1)
    }

    @Test func expectationFileNamesTheValidChecks() throws {
        let file = try KReplayBinary.temporaryFile(Array("expect bogus=x\n".utf8), suffix: ".exp")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try KReplayBinary.run(["analyze", "-q", "--expectations", file, Self.trace])
        #expect(run.status == 64)
        #expect(run.stderr.contains(":1: bad expectation 'bogus=x': unknown check 'bogus'"))
        #expect(run.stderr.contains("tlb_no_redundant_shootdowns"))
    }

    @Test func atfVariableIsChecked() throws {
        let run = try KReplayBinary.run(["atf", "-v", "traces=\(Self.trace)", "-v", "expect_bogus=x", "-l"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("unknown check 'bogus'"))
        let good = try KReplayBinary.run([
            "atf", "-v", "traces=\(Self.trace)", "-v", "expect_tlb_no_redundant_shootdowns=x", "-l",
        ])
        #expect(good.status == 0)
    }
}
