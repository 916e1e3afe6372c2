import ArgumentParser
import Foundation
import KTrace
import Synth

/// `kreplay synth SCENARIO [options] -o FILE.gz`: generate a workload trace.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a workload trace: ffs-read, ptrace-dbregs, lwp-kill or mixed.",
        discussion: """
            Output: -o FILE.gz writes gzip (FILE.zz zlib, any other name plain text); no -o or -o - writes \
            plain text to standard output. --compress overrides the name. The same --seed gives the same bytes. \
            Sizes take K, M, G suffixes (binary). See docs/synth.md for what each scenario logs and the counts \
            it must give.
            """
    )

    @Argument(help: "ffs-read, ptrace-dbregs, lwp-kill or mixed.")
    var scenario: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output file ('-' = standard output).")
    var output: String?

    @Option(help: "Container: gzip, zlib or plain (default: from the file name).")
    var compress: String?

    @Option(help: "Compression level 1-9.")
    var level: Int32 = 6

    @Option(help: "Write this many concatenated gzip members.")
    var members: Int = 1

    @Option(help: "Seed of the deterministic generator.")
    var seed: UInt64 = 1

    @Option(help: "ffs-read, mixed: bytes read (suffixes K, M, G).")
    var size: String?

    @Option(name: .customLong("trace-bytes"), help: "mixed: stop once this many trace bytes are written.")
    var traceBytes: String?

    @Option(help: "CPUs (default 4; mixed 8; ptrace-dbregs always 2).")
    var ncpu: Int?

    @Option(help: "ffs-read: idle CPUs (default: all but the readers).")
    var idle: Int?

    @Option(name: .customLong("busy-readers"), help: "ffs-read: other CPUs that touch every window.")
    var busyReaders: Int = 0

    @Option(name: .customLong("ubc-windows"), help: "ffs-read: UBC windows in the ring before addresses repeat.")
    var ubcWindows: Int = 1024

    @Option(help: "Kernel variant: amd64, amd64-xen, i386, i386-pae, i386-xen, i386-pae-xen.")
    var variant: KernelVariant = .amd64

    @Option(help: "UBC window shift (13 = 8 KiB windows).")
    var winshift: Int = 13

    @Option(name: .customLong("tp-maxva"), help: "Shootdown packet size before a full flush.")
    var tpMaxva: Int = 6

    @Option(name: .customLong("cost"), help: "Cost key=value in ns (e.g. ipi_handle_ns=800); repeatable.")
    var costs: [CostSetting] = []

    @Flag(inversion: .prefixedNo, help: "ptrace-dbregs, lwp-kill, mixed: NetBSD 8's double post (or a fixed kernel).")
    var race = true

    @Option(help: "lwp-kill: _lwp_kill iterations.")
    var count: Int = 10

    @Option(help: "lwp-kill, mixed: LWPs of the traced process.")
    var lwps: Int = 2

    @Option(help: "mixed: CPUs reading through UBC.")
    var readers: Int = 2

    @Option(name: .customLong("signal-every"), help: "mixed: one _lwp_kill iteration every N windows.")
    var signalEvery: Int = 8

    @Flag(inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(help: "Print what was written (counts as analysis would give them) as JSON on standard error.")
    var stats = false

    @Flag(name: .shortAndLong, help: "Quiet: no progress.")
    var quiet = false

    func validate() throws {
        guard ["ffs-read", "ptrace-dbregs", "lwp-kill", "mixed"].contains(scenario) else {
            throw ValidationError("unknown scenario '\(scenario)' (ffs-read, ptrace-dbregs, lwp-kill, mixed)")
        }
        if let compress, OutputContainer(rawValue: compress) == nil {
            throw ValidationError("--compress takes gzip, zlib or plain")
        }
        guard (1...9).contains(level) else { throw ValidationError("--level takes 1 to 9") }
        guard (1...10_000).contains(members) else { throw ValidationError("--members takes 1 to 10000") }
        if let size, ByteSize.parse(size) == nil { throw ValidationError("bad --size '\(size)'") }
        if let traceBytes, ByteSize.parse(traceBytes) == nil { throw ValidationError("bad --trace-bytes") }
    }

    func cost() -> CostModel {
        var model = CostModel()
        for setting in costs { setting.apply(to: &model) }
        return model
    }

    func run() throws {
        let container = compress.flatMap(OutputContainer.init(rawValue:)) ?? OutputContainer.forPath(output)
        let display = ProgressDisplay(enabled: !quiet && (progress ?? ProgressDisplay.stderrIsTerminal))
        do throws(SynthError) {
            let sink = try TraceSinks.open(path: output, container: container, level: level)
            let emitter = TraceEmitter(sink: sink, members: members)
            emitter.progress = display.callback(for: output ?? "stdout")
            try generate(into: emitter)
            let written = try emitter.finish()
            display.finish()
            if stats {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                StandardError.print(String(decoding: try! encoder.encode(written), as: UTF8.self))
            }
        } catch {
            display.finish()
            StandardError.print("kreplay: \(error)")
            if case .invalidOption = error { throw ExitCode(ExitStatus.usage) }
            throw ExitCode(ExitStatus.cannotOpen)
        }
    }

    private func generate(into emitter: TraceEmitter) throws(SynthError) {
        let cost = cost()
        let command =
            "Generated by: kreplay "
            + CommandLine.arguments.dropFirst().filter { !$0.isEmpty }
            .joined(separator: " ")
        switch scenario {
        case "ffs-read":
            var scenario = FFSReadScenario()
            scenario.size = size.flatMap(ByteSize.parse) ?? scenario.size
            scenario.ncpu = ncpu ?? 4
            scenario.idle = idle
            scenario.busyReaders = busyReaders
            scenario.ubcWindows = ubcWindows
            scenario.variant = variant
            scenario.winshift = winshift
            scenario.tpMaxva = tpMaxva
            scenario.cost = cost
            scenario.seed = seed
            scenario.comments = [command]
            try scenario.generate(into: emitter)
        case "ptrace-dbregs":
            var scenario = PtraceDbregsScenario()
            scenario.race = race
            scenario.seed = seed
            scenario.comments = [command]
            try scenario.generate(into: emitter)
        case "lwp-kill":
            var scenario = LWPKillScenario()
            scenario.count = count
            scenario.lwps = lwps
            scenario.ncpu = ncpu ?? 4
            scenario.race = race
            scenario.seed = seed
            scenario.comments = [command]
            try scenario.generate(into: emitter)
        default:
            var scenario = MixedScenario()
            scenario.size = size.flatMap(ByteSize.parse) ?? scenario.size
            scenario.traceBytes = traceBytes.flatMap(ByteSize.parse).map { Int64($0) }
            scenario.ncpu = ncpu ?? 8
            scenario.readers = readers
            scenario.lwps = lwps
            scenario.signalEvery = signalEvery
            scenario.race = race
            scenario.variant = variant
            scenario.winshift = winshift
            scenario.tpMaxva = tpMaxva
            scenario.cost = cost
            scenario.seed = seed
            scenario.comments = [command]
            try scenario.generate(into: emitter)
        }
    }
}
