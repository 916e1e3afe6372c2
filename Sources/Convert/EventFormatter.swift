import KTrace
import Synth

/// Writes an event back as one canonical trace line body: `name: key=value …`
/// in kreplay's vocabulary (docs/trace-format.md "Event vocabulary"), with signal names, hex addresses and the
/// Linux forms only where the NetBSD vocabulary cannot say the same thing.
struct EventFormatter {
    var numbering: SignalNumbering = .netbsd

    /// Appends `name:` and the fields; false for events with no line of their own (`.ignored`).
    func append(_ kind: EventKind, to out: TraceLineBuffer) -> Bool {
        switch kind {
        case .pmapEnter(let pmap, let va):
            out.append("pmap_enter: pmap=")
            out.append(pmap.description)
            out.append(" va=")
            out.appendHex(va)
        case .pmapKenterPA(let va):
            out.append("pmap_kenter_pa: va=")
            out.appendHex(va)
        case .tlbFill(let pmap, let va):
            out.append("tlb_fill: pmap=")
            out.append(pmap.description)
            out.append(" va=")
            out.appendHex(va)
        case .pmapRemove(let pmap, let sva, let eva):
            out.append("pmap_remove: pmap=")
            out.append(pmap.description)
            out.append(" sva=")
            out.appendHex(sva)
            out.append(" eva=")
            out.appendHex(eva)
        case .pmapKremove(let va, let length):
            out.append("pmap_kremove: va=")
            out.appendHex(va)
            out.append(" len=")
            out.appendDecimal(length)
        case .pmapUpdate(let pmap):
            out.append("pmap_update: pmap=")
            out.append(pmap.description)
        case .shootdownIPI(let targets, let pages):
            guard let pages else {
                // Linux: the page count is not known; keep the tracepoint that says so.
                out.append("ipi_send_cpumask: cpumask=")
                appendList(targets, to: out)
                out.append(" callsite=kreplay callback=flush_tlb_func")
                return true
            }
            out.append("tlb_shootdown_ipi: ")
            appendTargets(targets, to: out)
            out.append(" pages=")
            out.appendDecimal(pages)
        case .tlbInvalidate(let pmap, let va):
            guard let pmap else {
                out.append("tlb_flush: pages:-1 reason:unknown (9)")
                return true
            }
            out.append("tlb_invalidate: pmap=")
            out.append(pmap.description)
            if let va {
                out.append(" va=")
                out.appendHex(va)
            } else {
                out.append(" all=1")
            }
        case .shootdownDone(let waitNs):
            out.append("tlb_shootdown_done:")
            if let waitNs {
                out.append(" wait_ns=")
                out.appendDecimal(waitNs)
            }
        case .xenMMUExt(let targets, let va):
            out.append(va == nil ? "xen_mmuext: op=tlb_flush_multi " : "xen_mmuext: op=invlpg_multi ")
            appendTargets(targets, to: out)
            if let va {
                out.append(" va=")
                out.appendHex(va)
            }
        case .ubcAlloc(let va, let offset, let length):
            out.append("ubc_alloc: va=")
            out.appendHex(va)
            out.append(" offset=")
            out.appendDecimal(offset)
            out.append(" len=")
            out.appendDecimal(length)
        case .ubcRelease(let va):
            out.append("ubc_release: va=")
            out.appendHex(va)
        case .idleEnter: out.append("idle_enter:")
        case .idleExit: out.append("idle_exit:")
        case .schedSwitch(let prev, let next):
            out.append("sched_switch: prev_pid=")
            out.appendDecimal(Int64(prev))
            out.append(" ==> next_pid=")
            out.appendDecimal(Int64(next))
        case .pmapActivate(let pmap):
            out.append("pmap_activate: pmap=")
            out.append(pmap.description)
        case .pmapDeactivate(let pmap):
            out.append("pmap_deactivate: pmap=")
            out.append(pmap.description)
        case .pmapTLBShootdown(let pmap, let va, let why):
            out.append("pmap_tlb_shootdown: pmap=")
            out.append(pmap.description)
            if let va {
                out.append(" va=")
                out.appendHex(va)
            } else {
                out.append(" va=-1")
            }
            if let why {
                out.append(" why=")
                out.append(why.spelling)
            }
        case .lwpBind(let pid, let lid, let cpu):
            out.append("lwp_bind: pid=")
            out.appendDecimal(Int64(pid))
            out.append(" lid=")
            out.appendDecimal(Int64(lid))
            out.append(" cpu=")
            out.appendDecimal(cpu)
        case .linuxTLBFlush(let pages, let reason):
            out.append("tlb_flush: pages:")
            out.appendDecimal(Int64(pages))
            out.append(" reason:")
            out.append(Self.reasonText(reason))
            out.append(" (")
            out.appendDecimal(Int64(reason.rawValue))
            out.append(")")
        case .csdQueue(let target, let csd, let flushesTLB):
            out.append("csd_queue_cpu: cpu=")
            out.appendDecimal(Int64(target))
            out.append(" callsite=unknown func=")
            out.append(flushesTLB ? "flush_tlb_func" : "other")
            out.append(" csd=")
            appendCSD(csd, to: out)
        case .csdFunctionEntry(let csd, let flushesTLB), .csdFunctionExit(let csd, let flushesTLB):
            if case .csdFunctionEntry = kind {
                out.append("csd_function_entry: func=")
            } else {
                out.append("csd_function_exit: func=")
            }
            out.append(flushesTLB ? "flush_tlb_func, csd=" : "other, csd=")
            appendCSD(csd, to: out)
        case .ipiSend(let targets, let fromCallFunction):
            out.append("ipi_send_cpumask: cpumask=")
            appendList(targets, to: out)
            out.append(
                fromCallFunction ? " callsite=on_each_cpu_cond_mask callback=other" : " callsite=other callback=other")
        default:
            return SignalEventFormatter(numbering: numbering).append(kind, to: out)
        }
        return true
    }

    /// The text the kernel prints for a `tlb_flush` reason (the number follows it).
    static func reasonText(_ reason: LinuxTLBFlushReason) -> StaticString {
        switch reason {
        case .taskSwitch: return "flush on task switch"
        case .remoteShootdown: return "remote shootdown"
        case .localShootdown: return "local shootdown"
        case .localMMShootdown: return "local MM shootdown"
        case .remoteIPISend: return "remote IPI send"
        case .remoteWrongCPU: return "remote wrong CPU"
        case .other: return "unknown"
        }
    }

    /// A `csd` address as ftrace prints `%p`: 16 hex digits.
    func appendCSD(_ csd: UInt64, to out: TraceLineBuffer) {
        for shift in stride(from: 60, through: 0, by: -4) {
            out.append(Array("0123456789abcdef".utf8)[Int((csd >> UInt64(shift)) & 0xf)])
        }
    }

    /// `mask=0x…` up to 64 CPUs, else `cpus=` as a list.
    func appendTargets(_ targets: CPUSet, to out: TraceLineBuffer) {
        if (targets.maximum ?? 0) < 64 {
            var mask: UInt64 = 0
            for cpu in targets { mask |= 1 << UInt64(cpu) }
            out.append("mask=")
            out.appendHex(mask)
        } else {
            out.append("cpus=")
            appendList(targets, to: out)
        }
    }

    /// `0-3,5` as ftrace prints `%*pbl`.
    func appendList(_ targets: CPUSet, to out: TraceLineBuffer) {
        var first = true
        var runStart = -2
        var previous = -2
        func close() {
            guard runStart >= 0 else { return }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.appendDecimal(runStart)
            if previous > runStart {
                out.append(UInt8(ascii: "-"))
                out.appendDecimal(previous)
            }
        }
        for cpu in targets {
            if cpu != previous + 1 {
                close()
                runStart = cpu
            }
            previous = cpu
        }
        close()
    }
}
