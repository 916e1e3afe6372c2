import Analysis
import Foundation
import KTrace
import Synth
import TLBModel
import TestSupport
import Testing

/// Issue 16: pruning page records is for memory only. The same traces analysed and
/// replayed (every TLB strategy) with records dropped as soon as possible, swept on
/// every event, and never dropped must give identical JSON.
@Suite("Page pruning")
struct PagePruningTests {
    static let strategies = TLBStrategySpec.names

    func json(_ bytes: [UInt8], _ pruning: PagePruning) throws -> String {
        var options = AnalysisOptions()
        options.strategies = Self.strategies
        options.modelThreads = 0
        options.read.override = { $0.pagePruning = pruning }
        let result = try analyzeTrace(bytes: bytes, name: "t", options: options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    func expectSame(_ bytes: [UInt8], _ label: String) throws {
        let never = try json(bytes, .never)
        #expect(try json(bytes, .whenUnneeded) == never, "\(label): default pruning")
        #expect(try json(bytes, .everyEvent) == never, "\(label): pruning on every event")
    }

    static var repositoryRoot: String {
        RepositoryPaths.root.path
    }

    @Test("the example traces and traces/*.gz")
    func repositoryTraces() throws {
        let root = Self.repositoryRoot
        var paths = ["Tests/Fixtures/ffs-read-4cpu.trace", "Tests/Fixtures/ptrace-dbregs-race.trace"]
        let traces = try FileManager.default.contentsOfDirectory(atPath: root + "/traces")
        paths += traces.filter { $0.hasSuffix(".gz") }.sorted().map { "traces/" + $0 }
        #expect(paths.count > 10)
        for path in paths {
            let data = try #require(FileManager.default.contents(atPath: root + "/" + path))
            try expectSame(Array(data), path)
        }
    }

    @Test("synth traces: mixed and ffs-read with touchers, several seeds")
    func synthTraces() throws {
        for seed: UInt64 in 1...3 {
            var mixed = MixedScenario()
            mixed.size = 96 << 10
            mixed.ncpu = 5
            mixed.seed = seed
            try expectSame(
                Array(try synthesize { e throws(SynthError) in try mixed.generate(into: e) }.text.utf8), "mixed \(seed)"
            )
            var ffs = FFSReadScenario()
            ffs.size = 64 << 10
            ffs.busyReaders = 1
            ffs.ubcWindows = 3
            ffs.seed = seed
            try expectSame(
                Array(try synthesize { e throws(SynthError) in try ffs.generate(into: e) }.text.utf8), "ffs \(seed)")
        }
    }

    @Test("random TLB traces: fills, invalidations, flushes, context switches, unmaps, remaps")
    func randomTraces() throws {
        for seed: UInt64 in 1...40 {
            try expectSame(Array(Self.randomTrace(seed: seed).utf8), "random seed \(seed)")
        }
    }

    /// A NetBSD-shaped trace of random TLB events over few pages, so that pages die,
    /// come back and are shot down at CPUs with every kind of history. Every fourth
    /// seed is a capture without fills (`# capture: tlb_fill=none`): the kernel's
    /// `pmap_tlb_shootdown` lines say which pages were used.
    static func randomTrace(seed: UInt64, events: Int = 400) -> String {
        var rng = SplitMix64(seed: seed)
        let ncpu = 2 + rng.index(3)
        let fillLess = seed % 4 == 0
        var lines = ["# kreplay-trace: version=1", "# machine: arch=amd64 variant=amd64 ncpu=\(ncpu) tp_maxva=2"]
        if fillLess { lines.append("# capture: tlb_fill=none") }
        let spaces = ["kernel", "0xa0", "0xb0"]
        for index in 0..<events {
            let cpu = rng.index(ncpu)
            let pid = 500 + rng.index(3)
            let space = spaces[rng.index(spaces.count)]
            let va = "0x" + String(0x1000 * (1 + rng.index(4)), radix: 16)
            let event: String
            switch rng.index(16) {
            case 0, 1: event = space == "kernel" ? "pmap_kenter_pa: va=\(va)" : "pmap_enter: pmap=\(space) va=\(va)"
            case 2, 3,
                4 where fillLess:
                event = "pmap_tlb_shootdown: pmap=\(space) va=\(rng.index(4) == 0 ? "-1" : va)"
            case 2, 3, 4: event = "tlb_fill: pmap=\(space) va=\(va)"
            case 5:
                event =
                    space == "kernel"
                    ? "pmap_kremove: va=\(va) len=\(4096 * (1 + rng.index(2)))"
                    : "pmap_remove: pmap=\(space) sva=\(va) eva=0x\(String(0x1000 * (2 + rng.index(4)), radix: 16))"
            case 6: event = "pmap_update: pmap=\(space)"
            case 7:
                event =
                    "tlb_shootdown_ipi: mask=0x\(String(1 + rng.index((1 << ncpu) - 1), radix: 16)) pages=\(rng.index(3))"
            case 8: event = "tlb_invalidate: pmap=\(space) va=\(va)"
            case 9: event = rng.index(2) == 0 ? "tlb_invalidate: all=1" : "tlb_invalidate: pmap=\(space) all=1"
            case 10: event = "pmap_activate: pmap=\(space == "kernel" ? "0xa0" : space)"
            case 11: event = "pmap_deactivate: pmap=\(space == "kernel" ? "0xb0" : space)"
            case 12: event = rng.index(2) == 0 ? "idle_enter:" : "idle_exit:"
            case 13: event = "lwp_bind: pid=\(pid) lid=1 cpu=\(rng.index(ncpu + 1) - 1)"
            case 14: event = "tlb_shootdown_done: wait_ns=\(rng.index(5000))"
            default: event = "ubc_alloc: va=\(va) offset=\(4096 * rng.index(8)) len=8192"
            }
            let micros = String(index)
            let time = "100." + String(repeating: "0", count: 6 - micros.count) + micros
            lines.append("task-\(pid) [00\(cpu)] ....1 \(time): \(event)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
