import Foundation
import KTrace
import TestSupport
import Testing

@testable import TLBModel

/// The Linux TLB model on real captures of this machine's 6.18 kernel and on small
/// hand-made traces (docs/tlb-model.md "Linux captures").
@Suite struct LinuxTLBModelTests {
    static let repository = RepositoryPaths.root

    static func run(_ parsed: ParsedTrace) -> LinuxTLBModel {
        #expect(parsed.summary.malformedCount == 0, "\(parsed.summary.malformed)")
        var model = LinuxTLBModel()
        for event in parsed.events { model.consume(event) }
        model.finish()
        return model
    }

    static func capture(_ path: String) throws -> LinuxTLBModel {
        let bytes = try [UInt8](Data(contentsOf: repository.appendingPathComponent(path)))
        return run(TraceText.parse(bytes: bytes, name: path))
    }

    static func text(_ lines: [String]) -> LinuxTLBModel {
        run(TraceText.parse("# tracer: nop\n" + lines.map { $0 + "\n" }.joined()))
    }

    /// Expected numbers from the raw lines: `zcat F | awk -f tools/capture/linux/count-tlb.awk`
    /// (requests, targets, ipis, needed, lazy, notloaded, idle, latency count/p50/p99/max).
    /// `tlb-busy-quiet`: its one idle target's handler also switched away (lazy): class
    /// idle comes first (docs/tlb-model.md "Classification" order), so idle 1, lazy 0.
    @Test(arguments: [
        ("traces/linux/tlb-busy-2cpu.trace.gz", [202, 163, 163, 161, 0, 2, 0, 163, 13000, 18000, 20000]),
        ("traces/linux/tlb-sleep-2cpu.trace.gz", [202, 2, 2, 0, 0, 2, 0, 2, 25000, 37000, 37000]),
        ("traces/linux/tlb-sleep-quiet-2cpu.trace.gz", [215, 15, 15, 14, 0, 1, 0, 15, 12000, 26000, 26000]),
        ("traces/linux/both-ptrace-tgkill.trace.gz", [2, 2, 2, 0, 0, 2, 0, 2, 23000, 25000, 25000]),
        ("Tests/Fixtures/linux/tlb-busy-heldout.trace.gz", [121, 121, 121, 120, 0, 1, 0, 121, 13000, 30000, 47000]),
        ("Tests/Fixtures/linux/tlb-busy-notgid.trace.gz", [52, 52, 52, 50, 0, 2, 0, 52, 13000, 1_294_000, 1_294_000]),
        ("Tests/Fixtures/linux/tlb-busy-quiet.trace.gz", [202, 201, 200, 200, 0, 0, 1, 201, 13000, 23000, 2_091_000]),
        ("Tests/Fixtures/linux/tlb-sleep-heldout.trace.gz", [121, 1, 1, 0, 0, 1, 0, 1, 30000, 30000, 30000]),
    ])
    func realCaptureCountsMatchTheRawLines(path: String, expected: [Int]) throws {
        let model = try Self.capture(path)
        let counts = model.counts
        let byClass = counts.targetsByClass
        let latency = counts.ipiLatencyNs
        let measured = [
            counts.remoteFlushRequests, counts.targets, counts.shootdownIPIs, byClass["needed"] ?? 0,
            byClass["lazy"] ?? 0, byClass["not-loaded"] ?? 0, byClass["idle"] ?? 0, latency.count,
            Int(latency.p50), Int(latency.p99), Int(latency.max),
        ]
        #expect(measured == expected)
        #expect(counts.redundantTargets == expected[4] + expected[5] + expected[6])
        #expect(counts.idleTargets == expected[6])
        #expect(byClass["unknown"] == nil)
        #expect(model.findingList.totals[.redundantShootdown, default: 0] == counts.redundantTargets)
    }

    /// docs/tlb-model.md "Linux captures"'s excerpt: request (1), queued target cpu1 (2), IPI (3), the initiator's
    /// own call (csd 0, 4-6: not a target), the target's handler flushes (7-9): one needed
    /// target, latency 4273.575274 - 4273.575263 = 11 µs, no finding.
    @Test func specExcerpt() {
        let model = Self.text([
            "shoot-983 [000] ...1. 4273.575261: tlb_flush: pages:1 reason:remote IPI send (4)",
            "shoot-983 [000] ...2. 4273.575262: csd_queue_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=000000002fdd7234",
            "shoot-983 [000] ...2. 4273.575263: ipi_send_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_single_interrupt+0x0/0x10",
            "shoot-983 [000] d..2. 4273.575270: csd_function_entry: func=flush_tlb_func, csd=0000000000000000",
            "shoot-983 [000] d..2. 4273.575270: tlb_flush: pages:1 reason:local MM shootdown (3)",
            "shoot-983 [000] d..2. 4273.575271: csd_function_exit: func=flush_tlb_func, csd=0000000000000000",
            "shoot-984 [001] d.h.. 4273.575274: csd_function_entry: func=flush_tlb_func, csd=000000002fdd7234",
            "shoot-984 [001] d.h.. 4273.575275: tlb_flush: pages:1 reason:remote shootdown (1)",
            "shoot-984 [001] d.h.. 4273.575275: csd_function_exit: func=flush_tlb_func, csd=000000002fdd7234",
        ])
        #expect(model.counts.remoteFlushRequests == 1)
        #expect(model.counts.shootdownIPIs == 1)
        #expect(model.counts.targets == 1)
        #expect(model.counts.targetsByClass == ["needed": 1])
        #expect(model.counts.ipiLatencyNs == LinuxLatencySummary(samples: [11000]))
        #expect(model.findings.isEmpty)
    }

    /// Three requests on cpu0 of a 4-CPU box (line numbers count `# tracer:` as 1):
    /// * 3: cpu1 idle since line 2 (cpu_idle); cpu1-3 queued (4-6), cpu2 and cpu3 named by
    ///   one cpumask IPI (7); cpu1 polls in idle: no IPI names it. Handlers: cpu1 no flush
    ///   (idle), cpu2 flush on task switch (lazy), cpu3 wrong CPU (not-loaded). Three
    ///   redundant findings, tied to lines 4 (cpu1, no IPI: its queue line) and 7 (cpu2, cpu3).
    /// * 16: a request with no IPI at all (lazy skip).
    /// * 17: an IPI from a wake-up callsite (18) is not a shootdown.
    @Test func classesAndAttribution() {
        let model = Self.text([
            "<idle>-0 [001] d..1. 1.000001: cpu_idle: state=1 cpu_id=1",
            "a-10 [000] ...1. 1.000010: tlb_flush: pages:1 reason:remote IPI send (4)",
            "a-10 [000] ...2. 1.000011: csd_queue_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000000000a1",
            "a-10 [000] ...2. 1.000012: csd_queue_cpu: cpu=2 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000000000a2",
            "a-10 [000] ...2. 1.000013: csd_queue_cpu: cpu=3 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000000000a3",
            "a-10 [000] ...2. 1.000014: ipi_send_cpumask: cpumask=2-3 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_interrupt+0x0/0x10",
            "<idle>-0 [001] d.h1. 1.000020: csd_function_entry: func=flush_tlb_func, csd=00000000000000a1",
            "<idle>-0 [001] d.h1. 1.000021: csd_function_exit: func=flush_tlb_func, csd=00000000000000a1",
            "b-20 [002] d.h.. 1.000022: csd_function_entry: func=flush_tlb_func, csd=00000000000000a2",
            "b-20 [002] d.h.. 1.000023: tlb_flush: pages:-1 reason:flush on task switch (0)",
            "b-20 [002] d.h.. 1.000024: csd_function_exit: func=flush_tlb_func, csd=00000000000000a2",
            "c-30 [003] d.h.. 1.000030: csd_function_entry: func=flush_tlb_func, csd=00000000000000a3",
            "c-30 [003] d.h.. 1.000031: tlb_flush: pages:0 reason:remote wrong CPU (5)",
            "c-30 [003] d.h.. 1.000032: csd_function_exit: func=flush_tlb_func, csd=00000000000000a3",
            "a-10 [000] ...1. 1.000040: tlb_flush: pages:1 reason:remote IPI send (4)",
            "a-10 [000] ...1. 1.000050: tlb_flush: pages:1 reason:remote IPI send (4)",
            "a-10 [000] d..3. 1.000051: ipi_send_cpu: cpu=1 callsite=wakeup_preempt+0x92/0xa0 callback=0x0",
        ])
        #expect(model.counts.remoteFlushRequests == 3)
        #expect(model.counts.shootdownIPIs == 1)
        #expect(model.counts.targets == 3)
        #expect(model.counts.idleTargets == 1)
        #expect(model.counts.redundantTargets == 3)
        #expect(model.counts.targetsByClass == ["idle": 1, "lazy": 1, "not-loaded": 1])
        #expect(model.counts.requestsWithoutIPI == 2)
        #expect(model.findings.map(\.line) == [4, 7, 7])
        #expect(model.findings.map(\.cpu) == [1, 2, 3])
        #expect(model.findings.map(\.findingClass) == ["idle", "lazy", "not-loaded"])
        // Latency: cpu1 queued at 11 (no IPI) → entry 20: 9 µs; cpu2 sent 14 → 22: 8; cpu3 14 → 30: 16.
        #expect(model.counts.ipiLatencyNs == LinuxLatencySummary(samples: [9000, 8000, 16000]))
        // All three requests on cpu0, one IPI; 16 bars of 1 µs from 8 µs: 8, 9 and 16 µs.
        var cpu0 = LinuxCPUFigures(cpu: 0)
        cpu0.requests = 3
        cpu0.ipis = 1
        #expect(model.counts.perCPU == [cpu0])
        let bars = model.counts.ipiLatencyHistogram
        #expect(bars.count == 16 && bars.map(\.count).reduce(0, +) == 3)
        #expect(bars.filter { $0.count == 1 }.map(\.lowerNs) == [8000, 9000, 16000])
    }

    /// Without csd events: a call-function IPI right after a request is its IPI; the
    /// target's next `remote shootdown` is its handler (needed); a second IPI whose
    /// target never flushes is `unknown` — not a finding.
    @Test func withoutCSDEvents() {
        let model = Self.text([
            "a-10 [000] ...1. 1.000010: tlb_flush: pages:1 reason:remote IPI send (4)",
            "a-10 [000] ...2. 1.000011: ipi_send_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_single_interrupt+0x0/0x10",
            "b-11 [001] d.h.. 1.000015: tlb_flush: pages:1 reason:remote shootdown (1)",
            "a-10 [000] ...1. 1.000020: tlb_flush: pages:1 reason:remote IPI send (4)",
            "a-10 [000] ...2. 1.000021: ipi_send_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_single_interrupt+0x0/0x10",
        ])
        #expect(model.counts.shootdownIPIs == 2)
        #expect(model.counts.targetsByClass == ["needed": 1, "unknown": 1])
        #expect(model.counts.redundantTargets == 0)
        #expect(model.counts.ipiLatencyNs.count == 0)
        #expect(model.notes.contains { $0.contains("csd") })
    }

    /// A real capture without `csd` events (`capture.sh -e tlb:tlb_flush,ipi:ipi_send_cpu,
    /// ipi:ipi_send_cpumask,sched:sched_switch,power:cpu_idle -- ./tlbshoot busy 80`):
    /// `zcat F | grep -c 'reason:remote IPI send'` 81 requests, `grep -c
    /// 'ipi_send_cpu.*callsite=on_each_cpu_cond_mask'` 81 IPIs, `grep -c 'reason:remote
    /// shootdown'` 80 needed, `grep -c 'remote wrong CPU'` 1 not loaded; no latency.
    @Test func realCaptureWithoutCSDEvents() throws {
        let model = try Self.capture("Tests/Fixtures/linux/tlb-busy-nocsd.trace.gz")
        #expect(model.counts.remoteFlushRequests == 81)
        #expect(model.counts.shootdownIPIs == 81)
        #expect(model.counts.targets == 81)
        #expect(model.counts.targetsByClass == ["needed": 80, "not-loaded": 1])
        #expect(model.counts.ipiLatencyNs.count == 0)
        #expect(model.fidelity.mismatches.isEmpty)
    }

    /// Replay baselines with TGIDs (record-tgid; line numbers count `# tracer:` as 1).
    /// cpu1 switches from process 5 to thread 21 of process 20 (2, the mm switch at 3,
    /// thread 21's first line at 8); cpu2 from thread 22 of process 20 to idle (4, idle at 7);
    /// cpu3 to process 40 (5, its line at 6). The request on cpu0 (thread 20) at line 9:
    /// `linux` interrupts cpu1 only; `netbsd8` cpu1 and cpu2 (it last loaded process 20;
    /// idle now); `idle-lazy` cpu1. Recorded: cpu1 (10, 11) — fidelity holds.
    @Test func replayBaselinesAndFidelity() {
        let model = Self.text([
            "x-5 (5) [001] d..2. 1.000001: sched_switch: prev_comm=x prev_pid=5 prev_prio=120 prev_state=S ==> next_comm=t next_pid=21 next_prio=120",
            "x-5 (5) [001] d..2. 1.000001: tlb_flush: pages:-1 reason:flush on task switch (0)",
            "t-22 (20) [002] d..2. 1.000002: sched_switch: prev_comm=t prev_pid=22 prev_prio=120 prev_state=S ==> next_comm=swapper/2 next_pid=0 next_prio=120",
            "y-6 (6) [003] d..2. 1.000003: sched_switch: prev_comm=y prev_pid=6 prev_prio=120 prev_state=S ==> next_comm=o next_pid=40 next_prio=120",
            "o-40 (40) [003] d..3. 1.000004: ipi_send_cpu: cpu=0 callsite=wakeup_preempt+0x92/0xa0 callback=0x0",
            "<idle>-0 (-------) [002] d..1. 1.000005: cpu_idle: state=1 cpu_id=2",
            "t-21 (20) [001] d..3. 1.000006: ipi_send_cpu: cpu=0 callsite=wakeup_preempt+0x92/0xa0 callback=0x0",
            "t-20 (20) [000] ...1. 1.000100: tlb_flush: pages:1 reason:remote IPI send (4)",
            "t-20 (20) [000] ...2. 1.000101: csd_queue_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000000000b1",
            "t-20 (20) [000] ...2. 1.000102: ipi_send_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 callback=generic_smp_call_function_single_interrupt+0x0/0x10",
            "t-21 (20) [001] d.h.. 1.000105: csd_function_entry: func=flush_tlb_func, csd=00000000000000b1",
            "t-21 (20) [001] d.h.. 1.000106: tlb_flush: pages:1 reason:remote shootdown (1)",
            "t-21 (20) [001] d.h.. 1.000107: csd_function_exit: func=flush_tlb_func, csd=00000000000000b1",
        ])
        #expect(model.replays["linux"] == Self.replay(ipis: 1, targets: 1, idle: 0))
        #expect(model.replays["netbsd8"] == Self.replay(ipis: 1, targets: 2, idle: 1))
        #expect(model.replays["idle-lazy"] == Self.replay(ipis: 1, targets: 1, idle: 0))
        #expect(model.fidelity.skippedReason == nil)
        #expect(model.fidelity.compared == 1)
        #expect(model.fidelity.mismatches.isEmpty)
    }

    /// Each request's lazy skips are the CPUs with its mm loaded but not running it: on the
    /// quiet sleep capture the `netbsd8` replay's extra targets (see AnalysisTests'
    /// `replayTableOnALinuxCapture`: 214 − 14 = 200), all from the requesting cpu0.
    @Test func lazySkipsPerCPU() throws {
        let model = try Self.capture("traces/linux/tlb-sleep-quiet-2cpu.trace.gz")
        let skips = model.counts.perCPU.map(\.lazySkips).reduce(0, +)
        #expect(skips == (model.replays["netbsd8"]?.targets ?? 0) - (model.replays["linux"]?.targets ?? 0))
        #expect(model.counts.perCPU.map(\.requests).reduce(0, +) == 215)
        #expect(model.counts.perCPU.map(\.ipis).reduce(0, +) == 15)
    }

    /// Line 2 shows thread 21 is process 20's. cpu1 switches back to it at line 3; the
    /// request on cpu0 at line 4 comes before thread 21 shows a line on cpu1: the kernel
    /// writes cpu1's loaded mm only after the switch's own lines (a preempted virtual CPU
    /// stays there), so the request is not compared. After thread 21's line (5), the request
    /// at line 6 is: cpu1 runs process 20, predicted, yet no target recorded — a mismatch.
    @Test func requestDuringASwitchIsUndetermined() {
        let model = Self.text([
            "t-21 (20) [001] d..2. 0.900000: sched_switch: prev_comm=t prev_pid=21 prev_prio=120 prev_state=S ==> next_comm=o next_pid=40 next_prio=120",
            "o-40 (40) [001] d..2. 1.000000: sched_switch: prev_comm=o prev_pid=40 prev_prio=120 prev_state=S ==> next_comm=t next_pid=21 next_prio=120",
            "t-20 (20) [000] ...1. 1.000005: tlb_flush: pages:1 reason:remote IPI send (4)",
            "t-21 (20) [001] d.h.. 1.000050: ipi_send_cpu: cpu=0 callsite=wakeup_preempt+0x92/0xa0 callback=0x0",
            "t-20 (20) [000] ...1. 1.000100: tlb_flush: pages:1 reason:remote IPI send (4)",
        ])
        #expect(model.fidelity.undetermined == 1)
        #expect(model.fidelity.compared == 1)
        #expect(model.fidelity.mismatches.map(\.line) == [6])
    }

    /// Real captures with TGIDs: every request compared is reproduced, up to targets
    /// whose handler shows why the kernel chose them (page tables freed, CPU-mask trim);
    /// without TGIDs fidelity is skipped with the reason.
    @Test(arguments: [
        "traces/linux/tlb-busy-2cpu.trace.gz", "traces/linux/tlb-sleep-2cpu.trace.gz",
        "traces/linux/tlb-sleep-quiet-2cpu.trace.gz", "Tests/Fixtures/linux/tlb-busy-heldout.trace.gz",
        "Tests/Fixtures/linux/tlb-sleep-heldout.trace.gz", "Tests/Fixtures/linux/tlb-busy-quiet.trace.gz",
    ])
    func fidelityOnRealCaptures(path: String) throws {
        let model = try Self.capture(path)
        #expect(model.fidelity.skippedReason == nil)
        #expect(model.fidelity.compared > 0)
        #expect(model.fidelity.mismatches.isEmpty, "\(model.fidelity.mismatches.map(\.message))")
    }

    @Test func fidelitySkippedWithoutTGIDs() throws {
        let model = try Self.capture("Tests/Fixtures/linux/tlb-busy-notgid.trace.gz")
        #expect(model.fidelity.skippedReason?.contains("record-tgid") == true)
    }

    /// The `tlb` JSON section of a Linux capture keeps the docs/reports.md "JSON contract" names and adds the
    /// Linux ones; a NetBSD trace's section has none of those.
    @Test func tlbSectionOfALinuxCapture() throws {
        let model = try Self.capture("traces/linux/tlb-busy-2cpu.trace.gz")
        let counts = TLBCounts(linux: model.counts)
        #expect(counts.shootdownIPIs == 163 && counts.targets == 163 && counts.redundantTargets == 2)
        #expect(counts.redundantByClass == ["not-loaded": 2])
        let json = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
        for key in ["\"remote_flush_requests\":202", "\"ipi_latency_ns\":{", "\"p99\":18000", "\"shootdown_ipis\":163"]
        {
            #expect(json.contains(key), "\(json)")
        }
        #expect(try JSONDecoder().decode(TLBCounts.self, from: Data(json.utf8)) == counts)
        let netbsd = String(decoding: try JSONEncoder().encode(TLBCounts()), as: UTF8.self)
        #expect(!netbsd.contains("remote_flush_requests") && !netbsd.contains("ipi_latency_ns"))
    }

    static func replay(ipis: Int, targets: Int, idle: Int) -> LinuxReplayCounts {
        var counts = LinuxReplayCounts()
        counts.ipis = ipis
        counts.targets = targets
        counts.idleTargets = idle
        return counts
    }

    /// 200,000 request → IPI → handler groups, parsed in chunks and fed to one model:
    /// what it holds one by one stays a handful of records, and the latency summary
    /// keeps its exact `count` and `max` past the exact-sample limit.
    @Test func retainedStateStaysBoundedOverALongTrace() {
        var model = LinuxTLBModel()
        let groups = 200_000
        let chunk = 10_000
        var peak = 0
        var longest: Int64 = 0
        for start in stride(from: 0, to: groups, by: chunk) {
            // cpu1 shows its process first, so the `linux` replay knows it at the first request.
            var text =
                "# tracer: nop\n"
                + (start == 0
                    ? "b-11 (10) [001] d..2. 0.500000: tlb_flush: pages:1 reason:local MM shootdown (3)\n" : "")
            for group in start..<(start + chunk) {
                let base = 1_000_000 + group * 100
                let latency = 1 + group % 50
                longest = max(longest, Int64(latency) * 1000)
                func time(_ us: Int) -> String {
                    let value = base + us
                    let micros = String(value % 1_000_000)
                    return "\(value / 1_000_000)." + String(repeating: "0", count: 6 - micros.count) + micros
                }
                text += "a-10 (10) [000] ...1. \(time(0)): tlb_flush: pages:1 reason:remote IPI send (4)\n"
                text +=
                    "a-10 (10) [000] ...2. \(time(0)): csd_queue_cpu: cpu=1 "
                    + "callsite=on_each_cpu_cond_mask+0x20/0x60 func=flush_tlb_func csd=00000000000000a1\n"
                text +=
                    "a-10 (10) [000] ...2. \(time(1)): ipi_send_cpu: cpu=1 callsite=on_each_cpu_cond_mask+0x20/0x60 "
                    + "callback=generic_smp_call_function_single_interrupt+0x0/0x10\n"
                text +=
                    "b-11 (10) [001] d.h.. \(time(1 + latency)): csd_function_entry: func=flush_tlb_func, "
                    + "csd=00000000000000a1\n"
                text += "b-11 (10) [001] d.h.. \(time(1 + latency)): tlb_flush: pages:1 reason:remote shootdown (1)\n"
                text +=
                    "b-11 (10) [001] d.h.. \(time(2 + latency)): csd_function_exit: func=flush_tlb_func, "
                    + "csd=00000000000000a1\n"
            }
            let parsed = TraceText.parse(text)
            #expect(parsed.summary.malformedCount == 0)
            for event in parsed.events {
                model.consume(event)
                peak = max(peak, model.retainedRecordCount)
            }
        }
        #expect(peak <= 4)
        #expect(model.retainedLatencySamples <= LinuxTLBModel.defaultExactLatencyLimit)
        model.finish()
        #expect(model.retainedRecordCount == 0)
        #expect(model.counts.remoteFlushRequests == groups)
        #expect(model.counts.targets == groups)
        #expect(model.counts.targetsByClass["needed"] == groups)
        #expect(model.counts.ipiLatencyNs.count == groups)
        #expect(model.counts.ipiLatencyNs.max == longest)
        // Latencies 1…50 µs evenly: exact p50 25 µs, p99 50 µs; folded, at most 1/64 above.
        #expect(model.counts.ipiLatencyNs.p50 >= 25_000 && model.counts.ipiLatencyNs.p50 <= 25_000 + 25_000 / 64)
        #expect(model.counts.ipiLatencyNs.p99 == 50_000)
        #expect(model.counts.ipiLatencyHistogram.reduce(0) { $0 + $1.count } == groups)
        #expect(model.fidelity.compared == groups)
        #expect(model.fidelity.mismatches.isEmpty)
    }

    /// Below its limit the recorder is exact; past it p50/p99 are at most 1/64 above.
    @Test func latencyRecorderExactThenBounded() {
        var samples: [Int64] = []
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            samples.append(Int64(state >> 40) % 3_000_000)
        }
        var exact = LinuxLatencyRecorder(exactLimit: samples.count)
        var folded = LinuxLatencyRecorder(exactLimit: 100)
        for sample in samples {
            exact.add(sample)
            folded.add(sample)
        }
        let truth = LinuxLatencySummary(samples: samples)
        #expect(exact.isExact)
        #expect(exact.summary == truth)
        #expect(exact.histogram() == LinuxLatencyBucket.histogram(samples))
        #expect(!folded.isExact)
        #expect(folded.retainedSamples == 0)
        #expect(folded.summary.count == truth.count)
        #expect(folded.summary.max == truth.max)
        for (got, want) in [(folded.summary.p50, truth.p50), (folded.summary.p99, truth.p99)] {
            #expect(got >= want && got <= want + want / 64, "\(got) vs \(want)")
        }
        #expect(folded.histogram().reduce(0) { $0 + $1.count } == samples.count)
        for value: Int64 in [0, 63, 64, 65, 127, 128, 1_000_000, Int64.max] {
            let range = LinuxLatencyRecorder.range(of: LinuxLatencyRecorder.bucket(of: value))
            #expect(range.lower <= value && value <= range.upper)
            #expect(LinuxLatencyRecorder.bucket(of: value) < LinuxLatencyRecorder.bucketCount)
        }
    }
}
