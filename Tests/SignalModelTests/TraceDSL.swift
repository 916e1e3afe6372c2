import KTrace

@testable import SignalModel

/// A tiny test DSL: events by line, CPU and pid, signals by NetBSD number.
enum DSL {
    static let stop: Int32 = 17
    static let trap: Int32 = 5
    static let usr1: Int32 = 30
    static let kill: Int32 = 9

    static func ev(_ line: Int, _ cpu: Int, _ pid: Int32, _ kind: EventKind) -> Event {
        Event(line: line, cpu: cpu, pid: pid, timeNs: 20_000_000_000 + Int64(line) * 10_000, kind: kind)
    }

    static func wait(_ child: Int32, _ status: WaitStatus, errno: Int32 = 0, options: WaitOptions = []) -> EventKind {
        .waitReturn(child: child, status: status, errno: errno, options: options)
    }

    static func ptrace(_ request: PtraceRequest, _ pid: Int32, sig: Int32 = 0) -> EventKind {
        .ptrace(request: request, pid: pid, signal: sig)
    }

    static func config(_ numbering: SignalNumbering = .netbsd) -> TraceConfig {
        var config = TraceConfig()
        config.signalNumbering = numbering
        return config
    }

    static func analyze(_ events: [Event], expectation: WaitExpectation? = nil, numbering: SignalNumbering = .netbsd)
        -> SignalAnalysis
    {
        var analyzer = SignalAnalyzer(config: config(numbering), expectation: expectation)
        for event in events { analyzer.consume(event) }
        return analyzer.finish()
    }

    static func replay(_ events: [Event], _ strategy: String) -> SignalReplayOutcome {
        var replayer = SignalReplayer(strategy: try! SignalStrategySpec.parse(strategy), config: config())
        replayer.keepsEvents = true
        for event in events { replayer.consume(event) }
        return replayer.finish()
    }
}

/// `ptrace-dbregs-race.trace` as events, line for line (lines 1–5 are headers).
enum DbregsRace {
    static let events: [Event] = {
        typealias D = DSL
        let (t, c): (Int32, Int32) = (600, 601)
        return [
            D.ev(6, 0, t, .atfTestCaseStart(program: "t_ptrace_wait", testCase: "dbregs_dr0_trap_variable")),
            D.ev(7, 0, t, .fork(child: c)),
            D.ev(8, 1, c, D.ptrace(.traceMe, c)),
            D.ev(9, 1, c, .kill(pid: c, signal: D.stop)),
            D.ev(10, 1, c, .kpsignal2(pid: c, signal: D.stop)),
            D.ev(11, 1, c, .sigpost(pid: c, lid: 1, signal: D.stop, caller: .kpsignal2)),
            D.ev(12, 1, c, .issignal(pid: c, lid: 1, signal: D.stop)),
            D.ev(13, 1, c, .sigswitch(pid: c, lid: 1, signal: D.stop)),
            D.ev(14, 1, c, .procStop(pid: c, signal: D.stop)),
            D.ev(15, 1, c, .procStopDone(pid: c, signal: D.stop)),
            D.ev(16, 0, t, D.wait(c, .stopped(signal: D.stop))),
            D.ev(17, 0, t, D.ptrace(.setDebugRegisters, c)),
            D.ev(18, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(19, 1, c, .procUnstop(pid: c)),
            D.ev(20, 1, c, .trapsignal(pid: c, lid: 1, signal: D.trap)),
            D.ev(21, 1, c, .sigpost(pid: c, lid: 1, signal: D.trap, caller: .trapsignal)),
            D.ev(22, 1, c, .issignal(pid: c, lid: 1, signal: D.trap)),
            D.ev(23, 1, c, .sigswitch(pid: c, lid: 1, signal: D.trap)),
            D.ev(24, 1, c, .procStop(pid: c, signal: D.trap)),
            D.ev(25, 1, c, .procStopDone(pid: c, signal: D.trap)),
            D.ev(26, 0, t, D.wait(c, .stopped(signal: D.trap))),
            D.ev(27, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(28, 1, c, .procUnstop(pid: c)),
            D.ev(29, 1, c, .lwpKill(pid: c, lid: 1, signal: D.stop)),
            D.ev(30, 1, c, .kpsignal2(pid: c, signal: D.stop)),
            D.ev(31, 1, c, .sigpost(pid: c, lid: 1, signal: D.stop, caller: .kpsignal2)),
            D.ev(32, 1, c, .issignal(pid: c, lid: 1, signal: D.stop)),
            D.ev(33, 1, c, .sigswitch(pid: c, lid: 1, signal: D.stop)),
            D.ev(34, 1, c, .procStop(pid: c, signal: D.stop)),
            D.ev(35, 1, c, .sigpost(pid: c, lid: 1, signal: D.stop, caller: .procStop)),
            D.ev(36, 1, c, .procStopDone(pid: c, signal: D.stop)),
            D.ev(37, 0, t, D.wait(c, .stopped(signal: D.stop))),
            D.ev(38, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(39, 1, c, .procUnstop(pid: c)),
            D.ev(40, 1, c, .issignal(pid: c, lid: 1, signal: D.stop)),
            D.ev(41, 1, c, .sigswitch(pid: c, lid: 1, signal: D.stop)),
            D.ev(42, 1, c, .procStop(pid: c, signal: D.stop)),
            D.ev(43, 1, c, .procStopDone(pid: c, signal: D.stop)),
            D.ev(44, 0, t, D.wait(c, .stopped(signal: D.stop), options: .noHang)),
            D.ev(45, 0, t, D.ptrace(.continueExecution, c)),
            D.ev(46, 1, c, .procUnstop(pid: c)),
            D.ev(47, 1, c, .exit(status: 5)),
            D.ev(48, 0, t, D.wait(c, .exited(code: 5))),
            D.ev(49, 0, t, D.wait(c, .none, errno: Errno.echild)),
            D.ev(
                50, 0, t,
                .atfTestCaseEnd(
                    program: "t_ptrace_wait", testCase: "dbregs_dr0_trap_variable", result: "passed", reason: nil)),
        ]
    }()
}

extension Array where Element == Finding {
    /// Kinds in order, for compact expectations.
    var kinds: [FindingKind] { map(\.kind) }
    /// Lines in order.
    var lines: [Int] { map(\.line) }
}
