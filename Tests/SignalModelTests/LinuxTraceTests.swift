import KTrace
import Testing

@testable import SignalModel

/// Linux captures (SPEC §1.4): signal_generate → kpsignal2 (+ sigpost when res=0),
/// signal_deliver → postsig, wait4 exits → wait_return status=unknown.
@Suite struct LinuxTraceTests {
    typealias D = DSL
    static let usr1: Int32 = 10  // Linux numbering

    static func analyze(_ events: [Event]) -> SignalAnalysis { D.analyze(events, numbering: .linux) }

    /// 10 generate+post, 12 deliver, 13 deliver again with no generation → double (class delivery) at 13.
    @Test func duplicateDeliveryOfOneGeneration() {
        let events = [
            D.ev(10, 0, 100, .kpsignal2(pid: 200, signal: Self.usr1)),
            D.ev(10, 0, 100, .sigpost(pid: 200, lid: 1, signal: Self.usr1, caller: .kpsignal2)),
            D.ev(12, 1, 200, .postsig(pid: 200, lid: 1, signal: Self.usr1)),
            D.ev(13, 1, 200, .postsig(pid: 200, lid: 1, signal: Self.usr1)),
        ]
        let analysis = Self.analyze(events)
        #expect(analysis.findings.kinds == [.doubleSigpost])
        #expect(analysis.findings.first?.findingClass == "delivery")
        #expect(analysis.findings.lines == [13])
    }

    /// Posted (res=0) and never delivered before the thread exits → lost at 10;
    /// res≠0 (no sigpost: ignored or already pending) → not judged.
    @Test func generatedNeverDelivered() {
        let events = [
            D.ev(10, 0, 100, .kpsignal2(pid: 200, signal: Self.usr1)),
            D.ev(10, 0, 100, .sigpost(pid: 200, lid: 1, signal: Self.usr1, caller: .kpsignal2)),
            D.ev(11, 0, 100, .kpsignal2(pid: 300, signal: 19)),
            D.ev(20, 1, 200, .exit(status: 0)),
            D.ev(21, 2, 300, .exit(status: 0)),
        ]
        let analysis = Self.analyze(events)
        #expect(analysis.findings.kinds == [.lostSignal])
        #expect(analysis.findings.lines == [10])
    }

    /// sys_kill then signal_generate on the same CPU: one generation, one delivery, no finding;
    /// wait4 exits are counted but no fidelity or duplicate-wait judgement is made.
    @Test func waitsWithUnknownStatusAreCountedNotJudged() {
        let events = [
            D.ev(10, 0, 100, .kill(pid: 200, signal: Self.usr1)),
            D.ev(11, 0, 100, .kpsignal2(pid: 200, signal: Self.usr1)),
            D.ev(11, 0, 100, .sigpost(pid: 200, lid: 1, signal: Self.usr1, caller: .kpsignal2)),
            D.ev(12, 1, 200, .postsig(pid: 200, lid: 1, signal: Self.usr1)),
            D.ev(13, 0, 100, D.wait(200, .unknown)),
            D.ev(14, 0, 100, D.wait(200, .unknown)),
        ]
        let analysis = Self.analyze(events)
        #expect(analysis.findings.isEmpty)
        #expect(analysis.counts.waitReturns == 2)
        #expect(analysis.counts.posts == 1)
        #expect(analysis.fidelityMismatches == nil)
    }
}
