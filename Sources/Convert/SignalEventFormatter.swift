import KTrace
import Synth

/// The signal, process and ATF half of `EventFormatter`.
struct SignalEventFormatter {
    var numbering: SignalNumbering

    func append(_ kind: EventKind, to out: TraceLineBuffer) -> Bool {
        switch kind {
        case .fork(let child):
            out.append("fork: child=")
            out.appendDecimal(Int64(child))
        case .ptrace(let request, let pid, let signal):
            out.append("ptrace: req=")
            out.append(request.spelling)
            out.append(" pid=")
            out.appendDecimal(Int64(pid))
            out.append(" sig=")
            appendSignal(signal, to: out)
        case .lwpKill(let pid, let lid, let signal):
            out.append("lwp_kill:")
            appendTarget(pid, lid, signal, to: out)
        case .kill(let pid, let signal):
            out.append("kill:")
            appendTarget(pid, nil, signal, to: out)
        case .linuxSignalGenerate(let pid, let signal, let code, let group, let result):
            out.append("signal_generate: sig=")
            out.appendDecimal(Int64(signal))
            out.append(" errno=0 code=")
            out.appendDecimal(Int64(code))
            out.append(" comm=unknown pid=")
            out.appendDecimal(Int64(pid))
            out.append(group ? " grp=1 res=" : " grp=0 res=")
            out.appendDecimal(Int64(result))
        case .linuxSignalDeliver(let signal, let code, let defaultAction):
            out.append("signal_deliver: sig=")
            out.appendDecimal(Int64(signal))
            out.append(" errno=0 code=")
            out.appendDecimal(Int64(code))
            out.append(defaultAction ? " sa_handler=0 sa_flags=0" : " sa_handler=1 sa_flags=0")
        case .linuxExit(let groupDead):
            out.append("sched_process_exit: comm=unknown")
            if let groupDead { out.append(groupDead ? " group_dead=true" : " group_dead=false") }
        case .kpsignal2(let pid, let signal):
            out.append("kpsignal2:")
            appendTarget(pid, nil, signal, to: out)
        case .trapsignal(let pid, let lid, let signal):
            out.append("trapsignal:")
            appendTarget(pid, lid, signal, to: out)
        case .sigpost(let pid, let lid, let signal, let caller):
            out.append("sigpost:")
            appendTarget(pid, lid, signal, to: out)
            out.append(" caller=")
            appendValue(caller.description, to: out)
        case .issignal(let pid, let lid, let signal):
            out.append("issignal:")
            appendTarget(pid, lid, signal, to: out)
        case .sigswitch(let pid, let lid, let signal):
            out.append("sigswitch:")
            appendTarget(pid, lid, signal, to: out)
        case .procStop(let pid, let signal):
            out.append("proc_stop:")
            appendTarget(pid, nil, signal, to: out)
        case .procStopDone(let pid, let signal):
            out.append("proc_stop_done:")
            appendTarget(pid, nil, signal, to: out)
        case .procUnstop(let pid):
            out.append("proc_unstop: pid=")
            out.appendDecimal(Int64(pid))
        case .postsig(let pid, let lid, let signal):
            out.append("postsig:")
            appendTarget(pid, lid, signal, to: out)
        case .waitReturn(let child, let status, let errno, let options):
            out.append("wait_return: child=")
            out.appendDecimal(Int64(child))
            out.append(" status=")
            out.append(status.spelled(numbering))
            if errno != 0 {
                out.append(" errno=")
                out.append(Errno.name(of: errno))
            }
            if !options.isEmpty {
                out.append(" options=")
                out.append(options.spelling)
            }
        case .exit(let status):
            out.append("exit: status=")
            out.appendDecimal(Int64(status))
        case .atfTestCaseStart(let program, let testCase):
            out.append("atf_tc_start: tp=")
            appendValue(program.string, to: out)
            out.append(" tc=")
            appendValue(testCase.string, to: out)
        case .atfTestCaseEnd(let program, let testCase, let result, let reason):
            out.append("atf_tc_end: tp=")
            appendValue(program.string, to: out)
            out.append(" tc=")
            appendValue(testCase.string, to: out)
            out.append(" result=")
            appendValue(result.string, to: out)
            if let reason {
                out.append(" reason=")
                appendValue(reason.string, to: out)
            }
        default:
            return false
        }
        return true
    }

    private func appendTarget(_ pid: Int32, _ lid: Int32?, _ signal: Int32, to out: TraceLineBuffer) {
        out.append(" pid=")
        out.appendDecimal(Int64(pid))
        if let lid {
            out.append(" lid=")
            out.appendDecimal(Int64(lid))
        }
        out.append(" sig=")
        appendSignal(signal, to: out)
    }

    private func appendSignal(_ signal: Int32, to out: TraceLineBuffer) {
        out.append(SignalNames.name(of: signal, numbering: numbering))
    }

    /// A field value, in double quotes with `\"` and `\\` escapes when it has blanks.
    func appendValue(_ value: String, to out: TraceLineBuffer) {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) else {
            out.append(value)
            return
        }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        out.append(quoted + "\"")
    }
}
