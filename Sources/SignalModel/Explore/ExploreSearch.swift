import KTrace

/// The depth-first search behind `SignalExplorer`.
struct ExploreSearch {
    let scenario: ExploreScenario
    let policy: any SignalStrategy
    let maxSteps: Int
    var result: ExploreResult
    private var visited: Set<ExploreStateKey> = []

    init(scenario: ExploreScenario, policy: any SignalStrategy, maxSteps: Int, result: ExploreResult) {
        self.scenario = scenario
        self.policy = policy
        self.maxSteps = maxSteps
        self.result = result
    }

    enum Step {
        case call(thread: Int)
        case userret(pid: Int32, lid: Int32)
    }

    mutating func visit(_ node: ExploreNode, depth: Int) {
        guard visited.insert(node.key).inserted else { return }
        result.statesExplored = visited.count
        let steps = enabledSteps(node)
        if steps.isEmpty {
            result.schedulesExplored += 1
            var rules = node.rules
            rules.finish()
            if !rules.findings.isEmpty { keep(node, findings: rules.findings) }
            return
        }
        guard depth < maxSteps else {
            result.schedulesCut += 1
            return
        }
        for step in steps {
            var next = node
            apply(step, to: &next)
            visit(next, depth: depth + 1)
        }
    }

    private func enabledSteps(_ node: ExploreNode) -> [Step] {
        var steps: [Step] = []
        for (index, thread) in scenario.threads.enumerated() where node.pcs[index] < thread.actions.count {
            guard let process = node.kernel.process(thread.pid), !process.exited, !process.stopped,
                process.lwps[thread.lid]?.pending.isEmpty ?? true
            else { continue }
            if case .wait(let child, let options) = thread.actions[node.pcs[index]],
                node.kernel.peekWait(waiter: thread.pid, child: child, options: options) == .blocked
            {
                continue
            }
            steps.append(.call(thread: index))
        }
        for thread in scenario.threads where node.kernel.canTakeSignal(pid: thread.pid, lid: thread.lid) {
            steps.append(.userret(pid: thread.pid, lid: thread.lid))
        }
        return steps
    }

    private func apply(_ step: Step, to node: inout ExploreNode) {
        var log = ReactionLog()
        switch step {
        case .userret(let pid, let lid):
            node.kernel.userret(pid: pid, lid: lid, strategy: policy, log: &log)
            node.record(log)
            node.steps.append("\(name(pid))/\(lid): takes its signal")
        case .call(let index):
            let thread = scenario.threads[index]
            let action = thread.actions[node.pcs[index]]
            node.pcs[index] += 1
            node.steps.append("\(name(thread.pid))/\(thread.lid): " + call(action, thread: thread, node: &node))
        }
    }

    /// Runs one system call; returns how the step reads in a schedule.
    private func call(_ action: ScenarioAction, thread: ScenarioThread, node: inout ExploreNode) -> String {
        let writer = TraceLineWriter(numbering: .netbsd)
        let sender = SynthEvent(cpu: thread.cpu, pid: thread.pid, kind: .ignored)
        var log = ReactionLog()
        var kind: EventKind
        switch action {
        case .kill(let pid, let signal):
            kind = .kill(pid: pid, signal: signal)
            node.record(cpu: thread.cpu, pid: thread.pid, kind)
            node.kernel.kill(pid: pid, signal: signal, sender: sender, strategy: policy, log: &log)
        case .lwpKill(let pid, let lid, let signal):
            kind = .lwpKill(pid: pid, lid: lid, signal: signal)
            node.record(cpu: thread.cpu, pid: thread.pid, kind)
            node.kernel.lwpKill(pid: pid, lid: lid, signal: signal, sender: sender, strategy: policy, log: &log)
        case .ptrace(let request, let pid):
            kind = .ptrace(request: request, pid: pid, signal: 0)
            node.record(cpu: thread.cpu, pid: thread.pid, kind)
            let effect = node.kernel.ptrace(request, pid: pid, signal: 0, sender: sender, strategy: policy, log: &log)
            if effect == .notStopped { log.notes.append("tracee running") }
        case .wait(let child, let options):
            let outcome = node.kernel.wait(waiter: thread.pid, child: child, options: options)
            guard case .returned(let returned, let status, let errno) = outcome else { return "wait blocks" }
            kind = .waitReturn(child: child > 0 ? child : returned, status: status, errno: errno, options: options)
            node.record(cpu: thread.cpu, pid: thread.pid, kind)
        case .exit(let status):
            kind = .exit(status: status)
            node.record(cpu: thread.cpu, pid: thread.pid, kind)
            node.kernel.exit(pid: thread.pid, status: status)
            // The whole process is gone: its other LWPs make no more calls.
            for (index, other) in scenario.threads.enumerated() where other.pid == thread.pid {
                node.pcs[index] = other.actions.count
            }
        }
        node.record(log)
        let text = writer.body(kind)
        return log.notes.isEmpty ? text : text + " (" + log.notes.joined(separator: "; ") + ")"
    }

    private mutating func keep(_ node: ExploreNode, findings: [Finding]) {
        let writer = TraceLineWriter(numbering: .netbsd, commands: scenario.commands)
        var lines = [
            "# kreplay-trace: version=1",
            "# machine: arch=amd64 variant=amd64 ncpu=\(scenario.cpuCount)",
            "# test: program=kreplay-explore test_case=\(scenario.name)",
            "# explore: scenario=\(scenario.name) strategy=\(result.strategy) "
                + "counterexample=\(result.counterexamples.count + 1)",
        ]
        lines += node.events.map(writer.line)
        lines += node.steps.enumerated().map { "# step \($0.offset + 1): \($0.element)" }
        result.counterexamples.append(
            Counterexample(steps: node.steps, findings: findings, traceText: lines.joined(separator: "\n") + "\n"))
    }

    private func name(_ pid: Int32) -> String { scenario.commands[pid] ?? "pid \(pid)" }
}
