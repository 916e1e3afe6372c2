import Testing

@testable import Analysis

/// `replay_fidelity` combines each model's part (docs/checks.md).
@Suite struct FidelityCheckTests {
    func verdict(_ parts: [FidelityPart]) -> CheckResult? {
        let reports = parts.map { ModelReport(fidelity: $0) }
        let input = CheckInput(
            baseline: .netbsd8, reports: reports, tlb: TLBCounts(), malformedLines: 0, firstMalformedLine: nil,
            inputError: nil)
        return CheckEvaluator.evaluate(input).first { $0.name == .replayFidelity }
    }

    func mismatch(line: Int) -> Finding {
        Finding(kind: .fidelityMismatch, line: line, cpu: 0, pid: 0, timeNs: 0, message: "differs")
    }

    @Test func aModelLeftOutDoesNotHideAnotherModelsVerdict() {
        let excluded = FidelityPart.excluded(reason: "a Linux capture: the NetBSD model does not describe this trace")
        #expect(verdict([excluded, .reproduced])?.result == .passed)
        #expect(verdict([.mismatched([mismatch(line: 7)]), excluded])?.result == .failed)
        let skipped = verdict([excluded, .notApplicable(reason: "no shootdowns in the trace")])
        #expect(skipped?.result == .skipped)
        #expect(skipped?.reason == "a Linux capture: the NetBSD model does not describe this trace")
    }

    @Test func mismatchesOfEveryModelCountAndTheFirstLineIsQuoted() {
        let result = verdict([.mismatched([mismatch(line: 9)]), .mismatched([mismatch(line: 4)])])
        #expect(result?.result == .failed)
        #expect(result?.reason == "netbsd8 replay differs from the trace at 2 place(s); first at line 4: differs")
    }

    @Test func nothingToCompareSaysWhy() {
        let result = verdict([.notApplicable(reason: nil), .notApplicable(reason: "no shootdowns in the trace")])
        #expect(result?.reason == "the NetBSD model does not describe this trace (no shootdowns in the trace)")
    }
}
