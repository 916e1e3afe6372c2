import Foundation
import Testing

@testable import KTrace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every prefix of real lines — truncated lines, lines that start like a valid
/// one, lines ending exactly where the memory ends — through the hot path
/// (`LineParser.hotEvent`) and through the reader, against `parse`'s verdict
/// (docs/reliability.md, "Fuzzing"). The word-at-a-time scans read raw memory:
/// here each line ends right before an unreadable page, so a read past its end
/// is a crash, not a silent wrong byte.
@Suite struct HotPathPrefixTests {
    /// Bytes copied to end exactly at a page that cannot be read (`PROT_NONE`).
    final class GuardedBytes {
        private let region: UnsafeMutableRawPointer
        private let size: Int
        private let dataSize: Int

        init(capacity: Int) {
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            dataSize = max(1, (capacity + page - 1) / page) * page
            size = dataSize + page
            guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                mapped != MAP_FAILED
            else { fatalError("mmap failed") }
            region = mapped
            precondition(mprotect(region + dataSize, page, PROT_NONE) == 0, "mprotect failed")
        }

        deinit { munmap(region, size) }

        /// `body` with `bytes` placed so that their last byte is the last readable one.
        func with<Result>(_ bytes: ArraySlice<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            precondition(bytes.count <= dataSize)
            let start = (region + dataSize - bytes.count).assumingMemoryBound(to: UInt8.self)
            _ = bytes.withUnsafeBufferPointer { memcpy(start, $0.baseAddress!, bytes.count) }
            return body(UnsafeBufferPointer(start: start, count: bytes.count))
        }
    }

    /// ftrace's `%16s-%-7d [%03d] ` prefix, then `flags time: body`.
    private static func ftrace(_ comm: String, _ pid: Int, flags: String = "d..1.", time: String, _ body: String)
        -> String
    {
        let paddedComm = String(repeating: " ", count: max(0, 16 - comm.count)) + comm
        let pidText = String(pid)
        return "\(paddedComm)-\(pidText)\(String(repeating: " ", count: max(0, 7 - pidText.count))) [003] \(flags) "
            + "\(time): \(body)"
    }

    private static let bodies = [
        "tlb_invalidate: pmap=kernel va=0xffff800040000000", "tlb_fill: pmap=12 va=0x1000",
        "pmap_kenter_pa: va=0xffff800040000000 pa=0x1eec67000 prot=rw", "pmap_kremove: va=0xffff800040000000 len=8192",
        "pmap_update: pmap=kernel", "tlb_shootdown_ipi: mask=0xfe pages=2", "tlb_shootdown_done: wait_ns=3200",
        "ubc_alloc: va=0xffff800040000000 offset=0 len=8192", "ubc_release: va=0xffff800040000000", "idle_enter:",
        "issignal: pid=1001 lid=1 sig=SIGSTOP", "postsig: pid=1001 sig=9", "lwp_kill: pid=1001 lid=2 sig=STOP",
        "sigpost: pid=1001 lid=1 sig=SIGSTOP caller=kpsignal2", "kill: pid=1001 sig=SIGSTOP",
        "kpsignal2: pid=1001 sig=SIGSTOP", "proc_stop: pid=1001 sig=SIGSTOP", "proc_unstop: pid=1001",
        "fork: child=1001", "exit: status=0", "ptrace: req=PT_CONTINUE pid=1001 sig=0",
        "wait_return: child=1001 status=stopped:SIGSTOP",
    ]

    /// Real lines: every body in the usual columns, in columns that end the
    /// timestamp exactly at byte 64 (`fixedTail`'s window), in the short
    /// layout, and the first line of each event name of the fixtures.
    private static func lines() throws -> [String] {
        var lines: [String] = []
        for body in bodies {
            lines.append(ftrace("cat", 512, time: "   10.000105", body))
            lines.append(ftrace("t", 1, flags: "d..1...", time: "       123456789.000001", body))
            lines.append("a-1 [001] 1.000000001: \(body)")
        }
        for name in [
            "ffs-read-4cpu.trace", "ptrace-dbregs-race.trace", "signal/linux-signal-generate.trace",
            "realworld/tracecmd-report.txt",
        ] {
            var seen = Set<Substring>()
            for line in try Fixtures.text(name).split(separator: "\n") where !line.hasPrefix("#") {
                guard let colon = line.range(of: ": ")?.upperBound else { continue }
                let name = line[colon...].prefix { $0 != ":" && $0 != " " }
                if seen.insert(name).inserted { lines.append(String(line)) }
            }
        }
        return lines
    }

    /// `parse`'s single event for a line, or nil — the verdict the hot path must match.
    private static func general(_ buffer: UnsafeBufferPointer<UInt8>, numbering: SignalNumbering) -> String? {
        var parser = LineParser()
        parser.signalNumbering = numbering
        let outcome = parser.parse(buffer, line: 3)
        return outcome == .events && parser.emitted.count == 1 ? "\(parser.emitted[0])" : nil
    }

    /// The reproducers the guard page and FuzzHotPath (AddressSanitizer) found:
    /// a line ending right after `sec.frac: ` at byte 64 (`fixedTail` read byte 64),
    /// and `sig=` with nothing after it at the end of the line (`signal` read the
    /// byte after the empty value). Neither may read past the line; the reader puts
    /// the line in one bucket (malformed, or for `ptrace` an event without a signal).
    @Test(arguments: [
        "               t-1       [003] d..1...        123456789.000001: ",
        "a-1 [001] 1.000000: kill: pid=1 sig=", "a-1 [001] 1.000000: issignal: pid=1 lid=1 sig=",
        "             cat-512     [000] d..1.    10.000105: ptrace: req=PT_CONTINUE pid=1001 sig=",
    ])
    func regressionReadPastTheEnd(line: String) {
        let bytes = Array(line.utf8)
        let hot = GuardedBytes(capacity: bytes.count).with(bytes[...]) { buffer in
            var parser = LineParser()
            return parser.hotEvent(buffer, line: 3).map { "\($0)" }
        }
        #expect(hot == nil)
        let read = TraceText.parse(
            bytes: Array("# machine: arch=amd64 ncpu=8\na-1 [000] 1.0: idle_enter:\n\(line)".utf8), name: "t")
        #expect(read.summary.malformedCount + read.summary.eventLines == 2)
        #expect(line.contains("ptrace") || read.summary.malformedCount == 1)
    }

    /// Every prefix (0 bytes up to the whole line), ending at an unreadable page:
    /// no read past the end, and where the hot path answers, `parse` agrees.
    @Test func everyPrefixEndingAtAGuardPage() throws {
        let guarded = GuardedBytes(capacity: 4096)
        var prefixes = 0
        var accepted = 0
        for line in try Self.lines() {
            let bytes = Array(line.utf8)
            for count in 0...bytes.count {
                for numbering in [SignalNumbering.netbsd, .linux] {
                    let (hot, general) = guarded.with(bytes[..<count]) { buffer in
                        var parser = LineParser()
                        parser.signalNumbering = numbering
                        return (
                            parser.hotEvent(buffer, line: 3).map { "\($0)" }, Self.general(buffer, numbering: numbering)
                        )
                    }
                    prefixes += 1
                    if let hot {
                        accepted += 1
                        #expect(hot == general, "\(String(decoding: bytes[..<count], as: UTF8.self))")
                    }
                }
            }
        }
        #expect(prefixes > 5000)
        #expect(accepted > 100)
    }

    /// The same through a parser that has read the whole line first
    /// (`EventNameTable.match` reads the name's words at its start without a scan):
    /// still no read past the end, and the same verdicts as `parse`.
    @Test func everyPrefixWithTheNameRemembered() throws {
        let guarded = GuardedBytes(capacity: 4096)
        var remembered = 0
        for line in try Self.lines() {
            let bytes = Array(line.utf8)
            var warm = LineParser()
            _ = bytes.withUnsafeBufferPointer { warm.hotEvent($0, line: 3) }
            for count in 0...bytes.count {
                let (hot, general) = guarded.with(bytes[..<count]) { buffer in
                    var parser = warm
                    return (
                        parser.hotEvent(buffer, line: 3).map { "\($0)" }, Self.general(buffer, numbering: .netbsd)
                    )
                }
                if let hot {
                    remembered += 1
                    #expect(hot == general, "\(String(decoding: bytes[..<count], as: UTF8.self))")
                }
            }
        }
        #expect(remembered > 50)
    }

    /// The same prefixes as the last line of a trace, with and without a newline:
    /// after a first event (so the reader takes the hot path) the line reads as it
    /// does before any event (where the reader calls `parse`).
    @Test func everyPrefixThroughTheReader() throws {
        let header = "# kreplay-trace: version=1\n# machine: arch=amd64 ncpu=8\n"
        let first = "             cat-512     [000] d..1.    10.000000: idle_enter:\n"
        for line in try Self.lines() {
            let bytes = Array(line.utf8)
            for count in stride(from: 0, through: bytes.count, by: 1) {
                for newline in [false, true] {
                    let last = Array(bytes[..<count]) + (newline ? [0x0a] : [])
                    // Hot: an event first. General: a comment in its place (same line numbers).
                    let hot = TraceText.parse(bytes: Array((header + first).utf8) + last, name: "t")
                    let general = TraceText.parse(bytes: Array((header + "#\n").utf8) + last, name: "t")
                    let text = String(decoding: last, as: UTF8.self)
                    #expect(
                        hot.events.dropFirst().map { "\($0)" } == general.events.map { "\($0)" }, "\(text)")
                    #expect(hot.summary.malformedCount == general.summary.malformedCount, "\(text)")
                    #expect(hot.summary.unknownEventCount == general.summary.unknownEventCount, "\(text)")
                    #expect(hot.summary.lines == general.summary.lines, "\(text)")
                }
            }
        }
    }
}
