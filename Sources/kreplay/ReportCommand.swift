import ArgumentParser

/// `kreplay report TRACE… --format F [-o FILE]`: the analysis in any report format.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Analyse traces and write a report (text, json, atf-tps, atf-report, junit, html).",
        discussion: "Exit status as for analyze: 0, 1 (a check failed), 64, 65, 66."
    )

    @OptionGroup var traceOptions: TraceOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("strategy"), help: "Replay strategies to compare (comma-separated).")
    var strategies: [String] = []

    func run() throws {
        let list = strategies.flatMap { $0.split(separator: ",").map(String.init) }
        throw ExitCode(try AnalysisCommandRunner.run(traceOptions: traceOptions, output: output, strategies: list))
    }
}
