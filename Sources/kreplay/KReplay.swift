import ArgumentParser

@main
struct KReplay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kreplay",
        abstract: "Replay kernel event traces against TLB and signal models."
    )
}
