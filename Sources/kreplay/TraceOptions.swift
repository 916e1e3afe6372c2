import Analysis
import ArgumentParser
import Foundation

/// Options every trace-reading subcommand shares.
struct TraceOptions: ParsableArguments {
    @Argument(help: "Trace files (gzip, zlib or plain text; '-' for standard input).")
    var traces: [String] = []

    @Flag(help: "Stop at the first malformed line (exit 65).")
    var strict = false

    @Option(name: .customLong("max-line"), help: "Longest line kept, in bytes; longer lines are malformed.")
    var maxLineLength: Int = TraceLimits.defaultMaxLineLength

    @Option(name: .customLong("max-bytes"), help: "Stop (exit 65) after this many decompressed bytes.")
    var maxBytes: Int64?

    @Option(help: "Override the header's CPU count.")
    var ncpu: Int?

    @Option(help: "Override the kernel variant (amd64, amd64-xen, i386, i386-pae, i386-xen, i386-pae-xen).")
    var variant: KernelVariant?

    @Option(name: .customLong("tp-maxva"), help: "Override the shootdown packet size.")
    var tpMaxva: Int?

    @Option(name: .customLong("winshift"), help: "Override ubc_winshift.")
    var ubcWinshift: Int?

    @Option(help: "Input layout: ftrace, trace-cmd, babeltrace or kreplay (default: detected from the first lines).")
    var input: InputFormat?

    @Option(help: "Signal numbering: netbsd or linux.")
    var signals: SignalNumbering?

    @Option(name: .customLong("cost"), help: "Cost override key=value in ns (e.g. ipi_send_ns=300); repeatable.")
    var costs: [CostSetting] = []

    @Option(
        name: .customLong("expect"), help: "check=reason: a check known to fail (ATF expected failure); repeatable.")
    var expectations: [String] = []

    @Option(
        name: .customLong("expectations"),
        help: "Expectation file: `wait CHILD STATUS` and `expect check=reason` lines (docs/signal-model.md).")
    var expectationFile: String?

    @Option(
        name: .customLong("max-findings"),
        help: "Findings listed per kind (all are counted; default 5000, and 1000 in each strategy's replay).")
    var maxFindings: Int?

    @Option(name: .customShort("j"), help: "Analyse this many traces in parallel.")
    var jobs: Int = 1

    @Option(
        name: .customLong("model-threads"),
        help: "Threads running the models beside the reading thread (default: one per core; 0: none).")
    var modelThreads: Int?

    @Option(
        name: .customLong("parse-threads"),
        help: "Threads parsing event lines beside the reading thread (default: one per core; 0: none).")
    var parseThreads: Int?

    @Flag(inversion: .prefixedNo, help: "Show progress on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "Quiet: no progress, no warnings.")
    var quiet = false

    func validate() throws {
        guard !traces.isEmpty else { throw ValidationError("at least one trace file is needed") }
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("-j takes 1 to 256") }
        if let modelThreads, modelThreads < 0 || modelThreads > 256 {
            throw ValidationError("--model-threads takes 0 to 256")
        }
        if let parseThreads, parseThreads < 0 || parseThreads > 256 {
            throw ValidationError("--parse-threads takes 0 to 256")
        }
        guard maxLineLength >= 80 else { throw ValidationError("--max-line must be at least 80") }
        if let ncpu, !(1...TraceLimits.maxCPUs).contains(ncpu) { throw ValidationError("--ncpu out of range") }
        // The same ranges the header accepts (docs/trace-format.md).
        if let tpMaxva, !(1...4096).contains(tpMaxva) { throw ValidationError("--tp-maxva takes 1 to 4096") }
        if let ubcWinshift, !(12...30).contains(ubcWinshift) { throw ValidationError("--winshift takes 12 to 30") }
        if let maxBytes, maxBytes < 0 { throw ValidationError("--max-bytes must not be negative") }
        _ = try parsedExpectations()
    }

    /// `--expect check=reason`, each checked against the check table (`ExpectedFailure`): a
    /// name the table lacks, or no reason, is a usage error (exit 64) naming the valid checks.
    func parsedExpectations() throws -> [CheckName: String] {
        var result: [CheckName: String] = [:]
        for pair in expectations {
            do {
                let expected = try ExpectedFailure.parse(pair)
                result[expected.check] = expected.reason
            } catch {
                throw ValidationError("--expect: \(error.description)")
            }
        }
        return result
    }

    /// The expectation file, parsed; exits 66 when unreadable and 64 when wrong.
    func loadExpectationFile() throws -> WaitExpectation? {
        guard let path = expectationFile else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            StandardError.print("kreplay: \(path): cannot open expectation file")
            throw ExitCode(ExitStatus.cannotOpen)
        }
        do {
            let numbering = signals ?? .netbsd
            let expectation = try WaitExpectation.parse(text, numbering: numbering)
            for failure in expectation.expectedFailures {
                do {
                    _ = try ExpectedFailure.checkName(failure.check, argument: failure.check + "=" + failure.reason)
                } catch {
                    StandardError.print("kreplay: \(path):\(failure.line): \(error.description)")
                    throw ExitCode(ExitStatus.usage)
                }
            }
            return expectation
        } catch let error as WaitExpectationError {
            StandardError.print("kreplay: \(path):\(error.line): \(error.message)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// The analysis options these flags describe.
    func analysisOptions(strategies: [String] = []) throws -> AnalysisOptions {
        var options = AnalysisOptions()
        options.strategies = strategies
        options.waitExpectation = try loadExpectationFile()
        var expectations: [CheckName: String] = [:]
        for failure in options.waitExpectation?.expectedFailures ?? [] {
            expectations[CheckName(failure.check)] = failure.reason
        }
        // --expect on the command line wins over the file.
        options.expectations = expectations.merging(try parsedExpectations()) { $1 }
        // Traces analysed side by side (-j) share the cores: each gets its part for its models.
        options.modelThreads =
            modelThreads ?? (jobs > 1 ? max(1, ProcessInfo.processInfo.activeProcessorCount / jobs) : nil)
        options.read.parseThreads =
            parseThreads ?? (jobs > 1 ? max(1, ProcessInfo.processInfo.activeProcessorCount / jobs) : nil)
        options.read.strict = strict
        options.read.maxLineLength = maxLineLength
        options.read.maxBytes = maxBytes
        options.read.inputFormat = input
        let costs = costs
        let ncpu = ncpu
        let variant = variant
        let tpMaxva = tpMaxva
        let winshift = ubcWinshift
        let numbering = signals
        let findingLimit = maxFindings
        options.read.override = { config in
            if let findingLimit {
                config.findingLimit = findingLimit
                config.replayFindingLimit = findingLimit
            }
            if let ncpu { config.declaredCPUCount = ncpu }
            if let variant { config.declaredVariant = variant }
            if let tpMaxva { config.tpMaxva = tpMaxva }
            if let winshift { config.ubcWinshift = winshift }
            if let numbering { config.signalNumbering = numbering }
            for setting in costs { setting.apply(to: &config.cost) }
        }
        return options
    }
}
