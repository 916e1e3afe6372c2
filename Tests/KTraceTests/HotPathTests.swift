import Testing

@testable import KTrace

/// `LineParser.hotEvent` (round 7: fixed ftrace columns, word-wise fields, the
/// signal fast path) against `LineParser.parse`: whenever it answers, `parse`
/// gives that one event; it declines every other line.
@Suite struct HotPathTests {
    /// (hot path's event, `parse`'s single event), each as its full description.
    private func both(_ line: String, numbering: SignalNumbering = .netbsd) -> (hot: String?, general: String?) {
        both(bytes: Array(line.utf8), numbering: numbering)
    }

    private func both(bytes: [UInt8], numbering: SignalNumbering = .netbsd) -> (hot: String?, general: String?) {
        bytes.withUnsafeBufferPointer { buffer in
            var hotParser = LineParser()
            hotParser.signalNumbering = numbering
            let hot = hotParser.hotEvent(buffer, line: 7).map { "\($0)" }
            var parser = LineParser()
            parser.signalNumbering = numbering
            let outcome = parser.parse(buffer, line: 7)
            let general = outcome == .events && parser.emitted.count == 1 ? "\(parser.emitted[0])" : nil
            return (hot, general)
        }
    }

    /// ftrace's `%16s-%-7d [%03d] %s %5lu.%06lu: ` prefix.
    private static func ftrace(
        _ comm: String, _ pid: Int, cpu: Int = 3, flags: String = "d..1.", time: String = "   10.000105",
        _ rest: String
    ) -> String {
        let paddedComm = String(repeating: " ", count: max(0, 16 - comm.count)) + comm
        let pidText = String(pid)
        let paddedPid = pidText + String(repeating: " ", count: max(0, 7 - pidText.count))
        let cpuText = String(cpu)
        let paddedCPU = String(repeating: "0", count: max(0, 3 - cpuText.count)) + cpuText
        return "\(paddedComm)-\(paddedPid) [\(paddedCPU)] \(flags) \(time): \(rest)"
    }

    private static let bodies = [
        "tlb_invalidate: pmap=kernel va=0xffff800040000000", "tlb_fill: pmap=kernel va=0xFFFF800040001000",
        "tlb_fill: pmap=kernel va=0Xffff800040001000", "tlb_invalidate: pmap=12 va=0x1000",
        "pmap_kenter_pa: va=0xffff800040000000 pa=0x1eec67000 prot=rw", "pmap_kremove: va=0xffff800040000000 len=8192",
        "pmap_update: pmap=kernel", "tlb_shootdown_ipi: mask=0xfe pages=2", "tlb_shootdown_done: wait_ns=3200",
        "ubc_alloc: va=0xffff800040000000 offset=0 len=8192", "ubc_release: va=0xffff800040000000", "idle_enter:",
        "idle_exit:", "issignal: pid=1001 lid=1 sig=SIGSTOP", "sigswitch: pid=1001 lid=2 sig=STOP",
        "postsig: pid=1001 sig=SIGKILL", "trapsignal: pid=5 lid=3 sig=5", "lwp_kill: pid=1001 lid=2 sig=SIGSTOP",
        "sigpost: pid=1001 lid=1 sig=SIGSTOP caller=kpsignal2", "sigpost: pid=1 lid=1 sig=SIGTRAP caller=trapsignal",
        "sigpost: pid=1 sig=SIGCHLD caller=proc_stop", "kill: pid=1001 sig=SIGSTOP", "kpsignal2: pid=1001 sig=SIGSTOP",
        "proc_stop: pid=1001 sig=SIGSTOP", "proc_stop_done: pid=1001", "proc_unstop: pid=1001", "fork: child=1001",
        "exit: status=0", "exit:", "ptrace: req=PT_TRACE_ME pid=1001", "ptrace: req=PT_CONTINUE pid=1001 sig=0",
        "ptrace: req=PT_FOO pid=1001 sig=SIGSTOP", "wait_return: child=1001 status=stopped:SIGSTOP",
        "wait_return: child=7 status=exited:3", "wait_return: child=7 status=continued",
    ]

    @Test(arguments: bodies)
    func agreesWithParse(body: String) throws {
        for line in [
            Self.ftrace("cat", 512, body), Self.ftrace("<idle>", 0, cpu: 5, body),
            Self.ftrace("lwpkill_tracer", 1000, flags: "....", time: "123456789.000001", body),
            Self.ftrace("a", 1_234_567, cpu: 127, flags: ".....", body), "cat-512 [000] 10.000120: \(body)",
            "a-1 [001] d..1 1.000000001: \(body)",
        ] {
            let (hot, general) = both(line)
            #expect(hot != nil, "\(line)")
            #expect(hot == general, "\(line)")
        }
    }

    /// Linux signal numbers reach the name lookup (and its cache) too.
    @Test func signalNamesFollowTheNumbering() throws {
        let line = Self.ftrace("a", 1, "kill: pid=2 sig=SIGSTOP")
        let linux = both(line, numbering: .linux)
        #expect(linux.hot != nil && linux.hot == linux.general)
        #expect(linux.hot != both(line).hot)
    }

    /// Spellings the hot path leaves to `parse`, which still reads them as events.
    @Test(arguments: [
        ftrace("a", 1, "issignal: pid=1 lid=x sig=SIGSTOP"), ftrace("a", 1, "kill: pid=0x10 sig=9"),
        ftrace("a", 1, "proc_stop: pid=1 sig=-1"), ftrace("a", 1, "exit: status=-1"),
        ftrace("a", 1, "sigpost: pid=1 lid=1 sig=SIGSTOP caller=exit1"), ftrace("a", 1, "kill: sig=9 pid=1"),
        ftrace("a", 1, "ptrace: req=\"PT_KILL\" pid=1"), ftrace("a", 1, "wait_return: child=1 wstatus=0x137f"),
        ftrace("a", 1, "wait_return: child=1 status=exited:0 errno=ECHILD"), ftrace("a", 1, "fork: child=1234567890"),
        ftrace("a", 1, "tlb_invalidate: pmap=kernel va=0x1000 all=1"), ftrace("a", 1, "exit: status=1 "),
        "  my [x] comm-1 [002] 1.0: idle_exit:", "a-1 [000] d..1 1.0: (+0.000001) idle_enter:",
    ])
    func declinesUnusualSpellings(line: String) {
        let (hot, general) = both(line)
        #expect(hot == nil, "\(line)")
        #expect(general != nil, "\(line)")
    }

    /// Lines that are not one plain event: comments, preambles, malformed and unknown events.
    @Test(arguments: [
        "# tracer: nop", "cpus=4", "CPU 3 is empty", "version = 6", "CPU:2 [17 EVENTS DROPPED]", "",
        ftrace("#comm", 1, "idle_enter:"), ftrace("cpus=4", 1, "idle_enter:"),
        ftrace("CPU 3 is empty", 1, "idle_enter:"),
        ftrace("a", 1, "kill: pid=1 sig=SIGNOPE"), ftrace("a", 1, "no_such_event: x=1"),
        ftrace("a", 1, "tlb_fill: pmap=kernel"), ftrace("a", 1, "tlb_fill: pmap=kernel va=0xfffg800040000000"),
        ftrace("a", 1, time: "   10.00010x", "idle_enter:"), ftrace("a", 1, flags: "d..1:", "idle_enter:"),
    ])
    func declinesOtherLines(line: String) {
        #expect(both(line).hot == nil, "\(line)")
    }

    /// Random one-byte changes of ftrace lines: whatever the hot path accepts, `parse` reads the same.
    @Test func agreesOnDamagedLines() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(" \t-[]():.=x0179aZ#\"".utf8) + [0x80, 0xff]
        var accepted = 0
        for _ in 0..<20_000 {
            var bytes = Array(Self.ftrace("cat", 512, Self.bodies.randomElement(using: &generator)!).utf8)
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            let (hot, general) = both(bytes: bytes)
            if let hot {
                accepted += 1
                #expect(hot == general, "\(bytes)")
            }
        }
        #expect(accepted > 1000)
    }

    /// Every line of the fixtures: where the hot path answers, `parse` agrees.
    @Test func agreesOnFixtureLines() throws {
        var accepted = 0
        for name in Fixtures.layoutSamples {
            for line in try Fixtures.text(name).split(separator: "\n") {
                let (hot, general) = both(String(line))
                guard let hot else { continue }
                accepted += 1
                #expect(hot == general, "\(name): \(line)")
            }
        }
        #expect(accepted > 50)
    }

    /// The fixed-column layout is `fastLayout`'s wherever it answers.
    @Test func fixedColumnsAgreeWithFastLayout() throws {
        for body in Self.bodies {
            for line in [Self.ftrace("kworker/0:1-ev", 42, body), Self.ftrace("", 7, flags: "d", body)] {
                let bytes = Array(line.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    let fixed = LineParser.fixedColumns(buffer)
                    #expect(fixed != nil, "\(line)")
                    let start = WordScan.skipBlanks(buffer, from: 0, to: buffer.count)
                    #expect(fixed == LineParser.fastLayout(buffer, from: start), "\(line)")
                }
            }
        }
    }

    @Test func sixDigitWordsAgreeWithByteLoop() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789:/ \t;".utf8)
        for round in 0..<20_000 {
            let number = String(Int.random(in: 0..<1_000_000, using: &generator))
            var bytes = Array((String(repeating: "0", count: 6 - number.count) + number + ": ").utf8)
            if round % 2 == 0 { bytes[Int.random(in: 0..<8, using: &generator)] = alphabet.randomElement()! }
            let digits = bytes[0..<6].allSatisfy(ASCII.isDigit)
            let expected =
                digits && bytes[6] == ASCII.colon && ASCII.isBlank(bytes[7])
                ? bytes[0..<6].reduce(UInt64(0)) { $0 * 10 + UInt64($1 - ASCII.zero) } : nil
            #expect(
                bytes.withUnsafeBufferPointer { WordScan.sixDigitsColonBlank(WordScan.load($0, at: 0)) } == expected)
        }
    }

    @Test func keyWordsSpellTheirKeys() {
        let keys: [(FieldKey, StaticString)] = [
            (.pmap, "pmap"), (.va, "va"), (.pa, "pa"), (.prot, "prot"), (.len, "len"), (.mask, "mask"),
            (.pages, "pages"), (.waitNs, "wait_ns"), (.offset, "offset"), (.pid, "pid"), (.lid, "lid"), (.sig, "sig"),
            (.caller, "caller"), (.child, "child"), (.req, "req"), (.status, "status"),
        ]
        for (key, name) in keys { #expect(key == FieldKey(name), "\(name)") }
        #expect(FieldKey.kernelWord == FieldKey("kernel").word & FieldKey.kernelMask)
    }

    @Test func signalNameCacheAgreesWithLookup() {
        var cache = SignalNameCache()
        var generator = SystemRandomNumberGenerator()
        let names = [
            "SIGSTOP", "STOP", "SIGKILL", "SIGCHLD", "SIGNOPE", "SIGUSR1", "SIGSTOPX", "SIGINFO", "SIGPWR", "é",
        ]
        for _ in 0..<2_000 {
            let name = names.randomElement(using: &generator)!
            let numbering = SignalNumbering.allCases.randomElement(using: &generator)!
            // At the end of the line, and with bytes after it.
            for line in [" sig=\(name)", " sig=\(name) caller=kpsignal2"] {
                let bytes = Array(line.utf8)
                let range = 5..<5 + name.utf8.count
                bytes.withUnsafeBufferPointer { buffer in
                    let expected = SignalNames.number(
                        utf8: UnsafeBufferPointer(rebasing: buffer[range]), numbering: numbering)
                    #expect(cache.number(buffer, range, numbering: numbering) == expected, "\(name) \(numbering)")
                }
            }
        }
    }
}
