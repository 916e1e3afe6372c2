import ArgumentParser
import Foundation

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

    /// As `ParsableCommand.main()`, but usage errors read `kreplay: message` (README.md "Exit status":
    /// errors go to standard error as `kreplay: …`), then the usage line, exit 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let message = fullMessage(for: error)
            guard exitCode(for: error) != .success, message.hasPrefix("Error: ") else { exit(withError: error) }
            FileHandle.standardError.write(Data(("kreplay: " + message.dropFirst("Error: ".count) + "\n").utf8))
            Foundation.exit(exitCode(for: error).rawValue)
        }
    }
}
