import Foundation
import Testing

@testable import KTrace

/// Event lines parsed on worker threads (`ReadOptions.parseThreads`, round 9 of
/// docs/performance.md) come out exactly as when the reading thread parses every line:
/// the same events in the same order, the same line numbers, the same summary (counts,
/// malformed lines, warnings, errors) — cut into small buffers so that lines, runs of
/// empty lines and overlong lines straddle block boundaries everywhere.
@Suite struct ParallelParseTests {
    /// What a read hands on and reports, as text to compare.
    private struct Outcome: Equatable {
        var events: [String]
        var summary: String
        /// Blocks parsed on workers and merged (not compared: it depends on the threads).
        var blocks = 0

        static func == (lhs: Outcome, rhs: Outcome) -> Bool { (lhs.events, lhs.summary) == (rhs.events, rhs.summary) }
    }

    private func read(
        _ bytes: [UInt8], threads: Int, bufferBytes: Int, slots: Int?, adjust: (inout ReadOptions) -> Void
    )
        -> Outcome
    {
        var options = ReadOptions()
        options.parseThreads = threads
        options.bufferBytes = bufferBytes
        adjust(&options)
        let reader = try! TraceReader(bytes: bytes, name: "t", options: options)
        if let slots {
            var collector = EventSlotTests.SlotCollector(room: slots)
            defer { collector.room.deallocate() }
            let summary = reader.read(into: &collector)
            return Outcome(events: collector.events, summary: Self.text(summary), blocks: reader.blocksMerged)
        }
        var collector = EventCollector()
        let summary = reader.read(into: &collector)
        return Outcome(
            events: collector.events.map { "\($0)" }, summary: Self.text(summary), blocks: reader.blocksMerged)
    }

    /// The summary as text, its dictionaries in key order (a dictionary's own order may
    /// differ between two equal ones).
    private static func text(_ summary: TraceReadSummary) -> String {
        var plain = summary
        plain.unknownEvents = [:]
        plain.config.otherHeaders = [:]
        let sorted = { (pairs: [(String, String)]) in pairs.sorted { $0.0 < $1.0 }.map { "\($0)=\($1)" } }
        return "\(plain) unknown \(sorted(summary.unknownEvents.map { ($0, "\($1)") }))"
            + " headers \(sorted(summary.config.otherHeaders.map { ($0, $1) }))"
    }

    /// Every thread count and buffer size against one thread parsing everything.
    private func expectSameOutcome(
        _ bytes: [UInt8], bufferSizes: [Int], slots: Int? = nil, expectBlocks: Bool = true,
        adjust: (inout ReadOptions) -> Void = { _ in }
    ) {
        let whole = read(bytes, threads: 0, bufferBytes: 1 << 20, slots: slots, adjust: adjust)
        #expect(!whole.events.isEmpty)
        for size in bufferSizes {
            // `bytes` read when a read stops early (`--strict`) is counted in whole buffers.
            let expected = read(bytes, threads: 0, bufferBytes: size, slots: slots, adjust: adjust)
            #expect(expected.events == whole.events)
            for threads in [1, 2, 3] {
                let outcome = read(bytes, threads: threads, bufferBytes: size, slots: slots, adjust: adjust)
                #expect(outcome.events == expected.events, "threads \(threads), buffer \(size)")
                #expect(outcome.summary == expected.summary, "threads \(threads), buffer \(size)")
                // The comparison means something only if blocks did go to the workers.
                if expectBlocks { #expect(outcome.blocks > 0, "threads \(threads), buffer \(size)") }
            }
        }
    }

    @Test(arguments: [
        "traces/mixed-8cpu.trace.gz", "traces/lwp-kill-4cpu-race.trace.gz", "traces/linux/tlb-busy-2cpu.trace.gz",
        "traces/linux/ptrace-tgkill.trace.gz",
    ])
    func committedTracesAgree(path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.repository.appendingPathComponent(path)))
        expectSameOutcome(bytes, bufferSizes: [700, 4096])
        expectSameOutcome(bytes, bufferSizes: [1999], slots: 7)
    }

    /// Lines the hot path leaves to the reading thread, in every position of a block.
    private static let awkwardText: [UInt8] = {
        let event = "          <idle>-0       [001] d..1.    10.000105: pmap_update: pmap=kernel"
        var lines = ["# kreplay-trace: version=1", "# machine: arch=amd64 variant=amd64 ncpu=2"]
        for index in 0..<40 {
            lines += [
                event, event + "\r", "", "", "\r", "\r\r", "# a comment after the headers",
                "garbage line \(index)",
                "          <idle>-0       [003] d..1.    10.000106: pmap_update: pmap=kernel",
                String(repeating: "x", count: 150 + index),
                // An event only the general path reads, between two the workers read.
                "          <idle>-0       [001] d..1.    10.000108: tlb_invalidate: pmap=kernel va=0x1000 all=1",
                "          <idle>-0       [001] d..1.     9.000105: pmap_update: pmap=kernel",
                "          <idle>-0       [001] d..1.    10.000107: no_such_event: x=1",
                "    sh-12  [000]  10.000200: idle_enter:",
                "          <idle>-0       [000] d..1.    10.000300: tlb_shootdown_ipi: mask=0x8 pages=1",
                "          <idle>-0       [000] d..1.    10.000301: tlb_shootdown_ipi: mask=0x2 pages=1",
                String(repeating: "\n", count: index % 9),
                "   sh-12     [001] ....    10.000400: sigpost: pid=5 lid=1 sig=9 caller=kpsignal2",
            ]
        }
        return Array((lines.joined(separator: "\n") + "\n" + event).utf8)
    }()

    @Test func awkwardLinesAgree() {
        expectSameOutcome(Self.awkwardText, bufferSizes: [61, 200, 1024, 4096]) { $0.maxLineLength = 120 }
        expectSameOutcome(Self.awkwardText, bufferSizes: [333], slots: 3) { $0.maxLineLength = 120 }
    }

    @Test func strictStopsAtTheSameLine() {
        expectSameOutcome(Self.awkwardText, bufferSizes: [150, 4096], expectBlocks: false) {
            $0.maxLineLength = 120
            $0.strict = true
        }
    }

    @Test func byteLimitStopsAtTheSameBuffer() throws {
        let bytes = try [UInt8](
            Data(contentsOf: Fixtures.repository.appendingPathComponent("traces/mixed-8cpu.trace.gz")))
        // The limit is checked per buffer: the same buffer size, threads or not.
        for size in [4096, 10_000] {
            let expected = read(bytes, threads: 0, bufferBytes: size, slots: nil) { $0.maxBytes = 100_000 }
            #expect(expected.summary.contains("exceeds --max-bytes"))
            for threads in [1, 2] {
                #expect(
                    read(bytes, threads: threads, bufferBytes: size, slots: nil) { $0.maxBytes = 100_000 } == expected)
            }
        }
    }

    @Test func brokenStreamKeepsWhatCameBefore() throws {
        let bytes = try [UInt8](
            Data(contentsOf: Fixtures.repository.appendingPathComponent("traces/mixed-8cpu.trace.gz")))
        let cut = Array(bytes[..<(bytes.count * 6 / 10)])
        let expected = read(cut, threads: 0, bufferBytes: 4096, slots: nil) { _ in }
        #expect(expected.summary.contains("error: Optional"))
        for threads in [1, 2, 3] {
            #expect(read(cut, threads: threads, bufferBytes: 4096, slots: nil) { _ in } == expected)
        }
    }
}

/// With parse threads, a pipe that pauses still has every line it sent handed on before
/// more input comes: the reading thread merges what it holds instead of waiting to hold more.
@Suite struct ParallelParsePipeTests {
    /// Counts events and signals once `expected` of them have arrived.
    private struct Watcher: TraceConsumer {
        let expected: Int
        let arrived: DispatchSemaphore
        var count = 0
        mutating func begin(config: TraceConfig) {}
        mutating func consume(_ event: Event) {
            count += 1
            if count == expected { arrived.signal() }
        }
    }

    @Test func linesBeforeAPauseArriveDuringIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-pause-\(UUID())").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let event = "          <idle>-0       [001] d..1.    10.000105: pmap_update: pmap=kernel\n"
        let first =
            "# kreplay-trace: version=1\n# machine: arch=amd64 variant=amd64 ncpu=2\n"
            + String(repeating: event, count: 200)
        let arrived = DispatchSemaphore(value: 0)
        let waited = ManagedAtomicFlag()
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            first.utf8CString.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count - 1) }
            // Hold the rest back until the first 200 events are through (or give up).
            if arrived.wait(timeout: .now() + 10) == .timedOut { waited.set() }
            let rest = String(repeating: event, count: 10)
            rest.utf8CString.withUnsafeBytes { _ = write(descriptor, $0.baseAddress, $0.count - 1) }
            close(descriptor)
        }
        writer.start()
        var options = ReadOptions()
        options.bufferBytes = 1024
        options.parseThreads = 2
        var watcher = Watcher(expected: 200, arrived: arrived)
        let reader = try TraceReader(path: path, options: options)
        let summary = reader.read(into: &watcher)
        #expect(summary.events == 210)
        #expect(!waited.isSet, "the first 200 events came only after more input")
        #expect(reader.blocksMerged > 0)
    }
}

/// A flag one thread sets and another reads.
private final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
