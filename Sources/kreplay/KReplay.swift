import ArgumentParser

/// `kreplay`: replay kernel event traces against TLB and signal models.
@main
struct KReplay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kreplay",
        abstract: "Replay kernel event traces against models of the TLB/pmap and signal/ptrace layers.",
        version: kreplayVersionString,
        subcommands: [
            Analyze.self, Replay.self, Report.self, ATF.self, Synth.self, Explore.self, Convert.self, Merge.self,
        ]
    )
}
