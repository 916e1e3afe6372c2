import KTrace

/// Tracer requests, `wait` and `exit` in the kernel model.
extension SignalKernel {
    /// A `ptrace(2)` request by `sender` (the tracer, or the tracee for `PT_TRACE_ME`).
    mutating func ptrace(
        _ request: PtraceRequest, pid: Int32, signal: Int32, sender: SynthEvent, strategy: any SignalStrategy,
        log: inout ReactionLog
    ) -> PtraceEffect {
        // Read and changed in place (a copy of the process retained its tables).
        guard processes.modify(pid, { !$0.exited }) == true else { return .noSuchProcess }
        switch request {
        case .traceMe:
            processes.modify(pid) { $0.tracer = $0.parent }
            return .other
        case .attach:
            let sigstop = speller.sigstop
            processes.modify(pid) { proc in
                proc.tracer = sender.pid
                // PT_ATTACH stops the tracee with a SIGSTOP of the kernel's own.
                proc.lastGeneration[sigstop] = .kernel
            }
            log.emit(cpu: sender.cpu, pid: sender.pid, .kpsignal2(pid: pid, signal: sigstop))
            post(kernelSignal: sigstop, to: pid, sender: sender, strategy: strategy, log: &log)
            return .other
        case .continueExecution, .step, .detach:
            let effect = resume(pid: pid, signal: signal, log: &log)
            if request == .detach { processes.modify(pid) { $0.tracer = nil } }
            return effect
        case .kill:
            let sigkill = speller.sigkill
            processes.modify(pid) { $0.lastGeneration[sigkill] = .kernel }
            log.emit(cpu: sender.cpu, pid: sender.pid, .kpsignal2(pid: pid, signal: speller.sigkill))
            post(kernelSignal: speller.sigkill, to: pid, sender: sender, strategy: strategy, log: &log)
            return resume(pid: pid, signal: 0, log: &log)
        case .setDebugRegisters, .other:
            return .other
        }
    }

    private mutating func post(
        kernelSignal signal: Int32, to pid: Int32, sender: SynthEvent, strategy: any SignalStrategy,
        log: inout ReactionLog
    ) {
        guard let target = processes[pid] else { return }
        let lid = target.firstLid
        if !target.lwps.contains(lid) { ensureLWP(pid: pid, lid: lid, cpu: target.cpu) }
        postForKernel(pid: pid, lid: lid, signal: signal, sender: sender, strategy: strategy, log: &log)
    }

    /// Ends a stop (`proc_unstop`); a non-zero `signal` is delivered on resume.
    mutating func resume(pid: Int32, signal: Int32, log: inout ReactionLog) -> PtraceEffect {
        // One in-place access: the effect, and the first LWP and its CPU when resumed.
        let found = processes.modify(pid) { proc -> (effect: PtraceEffect, lid: Int32, cpu: Int) in
            guard !proc.exited else { return (.noSuchProcess, 0, 0) }
            guard proc.stopped else { return (.notStopped, 0, 0) }
            proc.stopped = false
            proc.stopReport = nil
            let lid = proc.firstLid
            return (.resumed, lid, proc.lwpCPU(lid))
        }
        guard let (effect, lid, cpu) = found, effect == .resumed else { return found?.effect ?? .noSuchProcess }
        log.emit(cpu: cpu, pid: pid, .procUnstop(pid: pid))
        if signal != 0 { log.emit(cpu: cpu, pid: pid, .postsig(pid: pid, lid: lid, signal: signal)) }
        return .resumed
    }

    /// What a `wait` by `waiter` for `child` (≤ 0: any child) returns now.
    func peekWait(waiter: Int32, child: Int32, options: WaitOptions) -> WaitOutcome {
        var copy = self
        return copy.wait(waiter: waiter, child: child, options: options)
    }

    /// A `wait` by `waiter`: a stop report, else an exit (reaping it), else
    /// `none` for WNOHANG, else blocked; ECHILD when there is nothing to wait for.
    mutating func wait(waiter: Int32, child: Int32, options: WaitOptions) -> WaitOutcome {
        if child > 0 { return wait(waiter: waiter, onlyChild: child, options: options) }
        let candidates =
            child > 0
            ? (processes[child]?.isWaitable(by: waiter) == true ? [child] : [])
            : processes.entries.compactMap { pid, proc in
                !proc.reaped && (proc.parent == waiter || proc.tracer == waiter) ? pid : nil
            }.sorted()
        guard !candidates.isEmpty else { return .returned(child: child, status: .none, errno: Errno.echild) }
        for pid in candidates {
            guard let proc = processes[pid], let signal = proc.stopReport else { continue }
            if proc.stopIsTraced || options.contains(.untraced) {
                processes[pid]?.stopReport = nil
                return .returned(child: pid, status: .stopped(signal: signal), errno: 0)
            }
        }
        for pid in candidates {
            guard let status = processes[pid]?.exitStatus else { continue }
            reap(pid)
            return .returned(child: pid, status: .exited(code: status), errno: 0)
        }
        if options.contains(.noHang) { return .returned(child: child, status: .none, errno: 0) }
        return .blocked
    }

    /// `wait` for one child: the same decisions without building a candidate list
    /// (a blocked wait is retried on every signal event of the replay).
    private mutating func wait(waiter: Int32, onlyChild child: Int32, options: WaitOptions) -> WaitOutcome {
        let found = processes.modify(child) { proc -> WaitOutcome? in
            guard proc.isWaitable(by: waiter) else {
                return .returned(child: child, status: .none, errno: Errno.echild)
            }
            if let signal = proc.stopReport, proc.stopIsTraced || options.contains(.untraced) {
                proc.stopReport = nil
                return .returned(child: child, status: .stopped(signal: signal), errno: 0)
            }
            if let status = proc.exitStatus { return .returned(child: child, status: .exited(code: status), errno: 0) }
            return nil
        }
        guard let found else { return .returned(child: child, status: .none, errno: Errno.echild) }
        if let outcome = found {
            // An exit is collected: the process is reaped.
            if case .returned(_, .exited, _) = outcome { reap(child) }
            return outcome
        }
        if options.contains(.noHang) { return .returned(child: child, status: .none, errno: 0) }
        return .blocked
    }

    /// The process exits: its stop and pending signals are gone; its exit can be waited for.
    mutating func exit(pid: Int32, status: Int32) {
        let exited = processes.modify(pid) { proc -> Bool in
            guard !proc.exited else { return false }
            proc.exitStatus = status
            proc.stopped = false
            proc.stopReport = nil
            for index in 0..<proc.lwps.count { proc.lwps.modify(at: index) { $0.pending = [] } }
            return true
        }
        guard exited == true else { return }
        markExited(pid)
        clearPending(pid)
    }
}
