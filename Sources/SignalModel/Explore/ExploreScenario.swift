import KTrace

/// One step a scenario thread's program takes (a system call).
enum ScenarioAction: Hashable, Sendable {
    case kill(pid: Int32, signal: Int32)
    case lwpKill(pid: Int32, lid: Int32, signal: Int32)
    case ptrace(PtraceRequest, pid: Int32)
    case wait(child: Int32, options: WaitOptions)
    case exit(status: Int32)
}

/// A thread of a scenario: one LWP running a fixed program on its own CPU.
struct ScenarioThread: Hashable, Sendable {
    var pid: Int32
    var lid: Int32
    var cpu: Int
    var actions: [ScenarioAction]
}

/// A small tracer/tracee scenario whose interleavings `explore` enumerates.
///
/// Every scenario starts the way `t_ptrace_wait` tests do: the tracer (600)
/// forks the tracee (601), which calls `PT_TRACE_ME` and stops itself with
/// `raise(SIGSTOP)` (a `kill`) before the part under test.
public struct ExploreScenario: Sendable {
    public let name: String
    /// One line saying what runs.
    public let summary: String
    static let tracer: Int32 = 600
    static let tracee: Int32 = 601
    let threads: [ScenarioThread]

    /// The scenarios `kreplay explore` knows, by name.
    public static let all: [ExploreScenario] = [lwpKillSelf, lwpKillOther, wnohang]

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> ExploreScenario? { all.first { $0.name == name } }

    /// Tracer: wait and continue until the tracee is gone. Tracee: stop itself, then `_lwp_kill(SIGSTOP)` itself.
    static let lwpKillSelf = ExploreScenario(
        name: "lwp-kill-self",
        summary: "tracer waits/continues; single-LWP tracee raise(SIGSTOP)s, then _lwp_kill(SIGSTOP)s itself, exits",
        threads: [
            tracerThread([waitAny, cont, waitAny, cont, waitAny, cont, waitAny]),
            ScenarioThread(
                pid: tracee, lid: 1, cpu: 1,
                actions: [raiseStop, .lwpKill(pid: tracee, lid: 1, signal: sigstop), .exit(status: 0)]),
        ])

    /// The second LWP sends the `_lwp_kill` to the first, at any moment.
    static let lwpKillOther = ExploreScenario(
        name: "lwp-kill-other",
        summary: "two-LWP tracee: LWP 1 raise(SIGSTOP)s and exits, LWP 2 _lwp_kill(SIGSTOP)s LWP 1 meanwhile",
        threads: [
            tracerThread([waitAny, cont, waitAny, cont, waitAny, cont, waitAny]),
            ScenarioThread(pid: tracee, lid: 1, cpu: 1, actions: [raiseStop, .exit(status: 0)]),
            ScenarioThread(pid: tracee, lid: 2, cpu: 2, actions: [.lwpKill(pid: tracee, lid: 1, signal: sigstop)]),
        ])

    /// The seed's test shape: a second `wait(…, WNOHANG)` that may hide the duplicate.
    static let wnohang = ExploreScenario(
        name: "wnohang",
        summary: "tracer waits, continues, waits with WNOHANG, continues, waits twice; tracee as in lwp-kill-self",
        threads: [
            tracerThread([
                waitAny, cont, waitAny, cont, .wait(child: tracee, options: .noHang), cont, waitAny, waitAny,
            ]),
            ScenarioThread(
                pid: tracee, lid: 1, cpu: 1,
                actions: [raiseStop, .lwpKill(pid: tracee, lid: 1, signal: sigstop), .exit(status: 5)]),
        ])

    static let sigstop: Int32 = 17
    static let waitAny = ScenarioAction.wait(child: tracee, options: [])
    static let cont = ScenarioAction.ptrace(.continueExecution, pid: tracee)
    static let raiseStop = ScenarioAction.kill(pid: tracee, signal: sigstop)

    static func tracerThread(_ actions: [ScenarioAction]) -> ScenarioThread {
        ScenarioThread(pid: tracer, lid: 1, cpu: 0, actions: actions)
    }

    /// Process names for the trace files explore writes.
    var commands: [Int32: String] { [Self.tracer: "tracer", Self.tracee: "tracee"] }

    /// CPUs the scenario uses.
    var cpuCount: Int { (threads.map(\.cpu).max() ?? 0) + 1 }
}
