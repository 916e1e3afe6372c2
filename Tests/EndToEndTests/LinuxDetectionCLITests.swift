import Foundation
import Testing

/// Which kernel recorded a trace when no header says so (docs/inputs.md, "Which kernel recorded
/// a trace"): a header-less Linux capture is Linux's however it starts; a header-less NetBSD
/// trace stays NetBSD's.
@Suite struct LinuxDetectionCLITests {
    /// A real `trace_pipe` capture (no header line at all) whose first 11 events are
    /// `sched_switch`: `tools/capture/linux/capture-pipe.sh -e both -o F -- sh -c
    /// './tlbshoot busy 5; ./ptstop 1'` on this machine's 6.18 kernel (docs/inputs.md). Expected
    /// numbers from the raw lines, not from kreplay:
    ///   `zcat F | grep -c 'reason:remote IPI send (4)'` → 9 requests
    ///   `zcat F | awk -f tools/capture/linux/count-tlb.awk` → targets=9 ipis=9 idle=4
    ///   `zcat F | grep -cE 'signal_generate: sig=17 .*code=(4|5) '` → 1 stop (SIGCHLD, CLD_TRAPPED)
    ///   `zcat F | grep 'sys_wait4 -> 0x' | grep -vcE -- '-> 0x0$|-> 0xf{8,}'` → 13 wait returns
    static let capture = KReplayBinary.fixture("linux/headerless-sched-switch-first.trace.gz")

    /// The first trace of a `--format json` result.
    static func trace(_ arguments: [String]) throws -> [String: Any] {
        let run = try KReplayBinary.run(arguments)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let traces = try #require(json["traces"] as? [[String: Any]])
        return try #require(traces.first)
    }

    static func baseline(_ trace: [String: Any]) -> String? {
        (trace["baseline"] as? [String: Any])?["strategy"] as? String
    }

    @Test func headerlessCaptureStartingWithSchedSwitchIsLinux() throws {
        let text = try #require(String(data: try gunzip(Self.capture), encoding: .utf8))
        let lines = text.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("#") })
        #expect(lines.prefix(11).allSatisfy { $0.contains(": sched_switch: ") })

        let trace = try Self.trace(["replay", "-q", "--strategy", "idle-lazy", "--format", "json", Self.capture])
        #expect(Self.baseline(trace) == "linux")
        let tlb = try #require(trace["tlb"] as? [String: Any])
        #expect(tlb["remote_flush_requests"] as? Int == 9)
        #expect(tlb["targets"] as? Int == 9)
        #expect(tlb["shootdown_ipis"] as? Int == 9)
        #expect(tlb["idle_targets"] as? Int == 4)
        let signal = try #require(trace["signal"] as? [String: Any])
        // Linux signal numbers: sig=17 is SIGCHLD (NetBSD's numbering reads it as SIGSTOP).
        #expect(signal["stops"] as? Int == 1)
        #expect(signal["wait_returns"] as? Int == 13)
        #expect(signal["lost_signals"] as? Int == 0)
    }

    /// Piped in (read once, no first pass): the first event of a kind only one kernel's traces
    /// have decides (`KernelDecidingConsumer`), with the same counts as from the file.
    @Test func headerlessCaptureOnStandardInputIsLinux() throws {
        let run = try KReplayBinary.run(
            ["replay", "-q", "--strategy", "idle-lazy", "--format", "json", "-"], stdin: try gunzip(Self.capture))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let trace = try #require((json["traces"] as? [[String: Any]])?.first)
        #expect(Self.baseline(trace) == "linux")
        let tlb = try #require(trace["tlb"] as? [String: Any])
        #expect(tlb["remote_flush_requests"] as? Int == 9)
        #expect(tlb["targets"] as? Int == 9)
        let signal = try #require(trace["signal"] as? [String: Any])
        #expect(signal["stops"] as? Int == 1)
        #expect(signal["wait_returns"] as? Int == 13)
        let forced = try KReplayBinary.run(
            ["replay", "-q", "--strategy", "idle-lazy", "--signals", "netbsd", "--format", "json", "-"],
            stdin: try gunzip(Self.capture))
        #expect(forced.stdout.contains("\"strategy\" : \"netbsd8\""))
    }

    @Test func signalsFlagStillWins() throws {
        let trace = try Self.trace([
            "replay", "-q", "--strategy", "idle-lazy", "--signals", "netbsd", "--format", "json", Self.capture,
        ])
        #expect(Self.baseline(trace) == "netbsd8")
    }

    @Test func headerlessNetBSDTraceKeepsNetBSD() throws {
        let original = try String(contentsOfFile: KReplayBinary.fixture("ffs-read-4cpu.trace"), encoding: .utf8)
        let events = original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        // kreplay's NetBSD traces write `sched_switch` in Linux's form too: it decides nothing.
        let switchFirst =
            "          <idle>-0       [001] d..1.     9.999999: sched_switch: prev_comm=w prev_pid=600 "
            + "prev_prio=120 prev_state=S ==> next_comm=swapper/1 next_pid=0 next_prio=120"
        for text in [events.joined(separator: "\n"), ([Substring(switchFirst)] + events).joined(separator: "\n")] {
            let path = try KReplayBinary.temporaryFile(Array(text.utf8))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let trace = try Self.trace(["replay", "-q", "--strategy", "idle-lazy", "--format", "json", path])
            #expect(Self.baseline(trace) == "netbsd8")
            let tlb = try #require(trace["tlb"] as? [String: Any])
            #expect(tlb["remote_flush_requests"] == nil)
            #expect(tlb["shootdown_ipis"] as? Int == 3)
            // The same on standard input, and the same result as the file's.
            let piped = try KReplayBinary.run(
                ["replay", "-q", "--strategy", "idle-lazy", "--format", "json", "--ncpu", "4", "-"],
                stdin: Data(text.utf8))
            let fromFile = try KReplayBinary.run(
                ["replay", "-q", "--strategy", "idle-lazy", "--format", "json", "--ncpu", "4", path])
            #expect(piped.stdout == fromFile.stdout.replacingOccurrences(of: path, with: "-"))
        }
    }

    private func gunzip(_ path: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
