import Foundation
import Testing

/// Traces whose events are well formed but hostile to the models: values at the
/// edges of their types. Each reproducer used to trap or hang the binary
/// (docs/reliability.md); now each is analysed, exit 0 or 1, in bounded time.
@Suite struct HostileTraceTests {
    /// Runs `kreplay args… FILE` on `text` under a watchdog (exit 124 means it hung).
    static func analyse(_ text: String, _ arguments: [String] = ["analyze"]) throws -> KReplayBinary.Run {
        let path = try KReplayBinary.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try KReplayBinary.run(arguments + [path], timeout: 20)
    }

    static func expectSurvived(_ run: KReplayBinary.Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 0 || run.status == 1, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("crashed"), sourceLocation: sourceLocation)
    }

    /// Two `wait_ns=Int64.max` summed into the initiator wait (arithmetic overflow).
    @Test func hugeWaitNsSaturates() throws {
        let line = "a-1 [000] 1.000000: tlb_shootdown_done: wait_ns=9223372036854775807\n"
        Self.expectSurvived(try Self.analyse(line + line + line))
    }

    /// Huge `# cost:` values times pages and targets (arithmetic overflow in the cost model).
    @Test func hugeCostsSaturate() throws {
        let text = """
            # machine: ncpu=4
            # cost: ipi_send_ns=9223372036854775807 ipi_handle_ns=9223372036854775807 invlpg_ns=9223372036854775807
            a-1 [000] 1.000000: pmap_kenter_pa: va=0x1000 pa=0x1 prot=3
            a-1 [001] 1.000001: tlb_fill: pmap=kernel va=0x1000
            a-1 [000] 1.000002: pmap_kremove: va=0x1000 len=4096
            a-1 [000] 1.000003: pmap_update: pmap=kernel
            a-1 [000] 1.000004: tlb_shootdown_ipi: mask=0xe pages=1

            """
        for strategies in ["netbsd8", "idle-lazy,no-wait-idle,deferred-unmap,bind-local,xen-hypercall,none"] {
            Self.expectSurvived(try Self.analyse(text, ["replay", "--strategy", strategies]))
        }
    }

    /// `eva - sva + 4095` overflowed for a range reaching the top of the address space.
    @Test func unmapToTopOfAddressSpace() throws {
        let text = """
            a-1 [000] 1.000000: pmap_enter: pmap=kernel va=0x1000 pa=0 prot=3
            a-1 [000] 1.000001: pmap_enter: pmap=kernel va=0x2000 pa=0 prot=3
            a-1 [000] 1.000002: pmap_remove: pmap=kernel sva=0 eva=0xffffffffffffffff

            """
        Self.expectSurvived(try Self.analyse(text, ["replay", "--strategy", "netbsd8", "--format", "html"]))
    }

    /// A range in the last page: the page walk wrapped to 0 and never ended (hang).
    @Test func unmapOfLastPageEnds() throws {
        let text = """
            a-1 [000] 1.000000: pmap_enter: pmap=kernel va=0xfffffffffffff000 pa=0 prot=3
            a-1 [000] 1.000001: pmap_enter: pmap=kernel va=0x1000 pa=0 prot=3
            a-1 [000] 1.000002: pmap_enter: pmap=kernel va=0x2000 pa=0 prot=3
            a-1 [000] 1.000003: pmap_remove: pmap=kernel sva=0xfffffffffffff000 eva=0xffffffffffffffff

            """
        Self.expectSurvived(try Self.analyse(text))
    }

    /// `len + 4095` overflowed in the HTML timeline's page count.
    @Test func kremoveOfHugeLengthInTimeline() throws {
        let text = "a-1 [000] 1.000000: pmap_kremove: va=0x1000 len=0xffffffffffffffff\n"
        Self.expectSurvived(try Self.analyse(text, ["report", "--format", "html"]))
    }

    /// `ubc-winshift` redirected every page of a `len=0xfff…` window: an endless loop.
    @Test func ubcWindowOfHugeLength() throws {
        let text = """
            a-1 [000] 1.000000: ubc_alloc: va=0x1000 offset=0 len=0xfffffffffffff
            a-1 [000] 1.000001: ubc_release: va=0x1000
            a-1 [000] 1.000002: pmap_kremove: va=0x1000 len=0xfffffffffffff

            """
        Self.expectSurvived(try Self.analyse(text, ["replay", "--strategy", "ubc-winshift,direct-map"]))
    }
}
