import Foundation
import TestSupport

/// Paths of the shared fixtures.
enum Fixtures {
    static let directory = RepositoryPaths.fixtures

    /// The repository's root (for `traces/`).
    static let repository = RepositoryPaths.root

    /// Fixtures in every text layout the parser reads (kreplay/ftrace, Linux, trace-cmd with
    /// and without options): a fast path must agree with the general one on all their lines.
    static let layoutSamples = [
        "ffs-read-4cpu.trace", "ptrace-dbregs-race.trace", "signal/linux-signal-generate.trace",
        "realworld/tracecmd-report.txt", "realworld/tracecmd-report-t.txt", "realworld/tracecmd-report-l.txt",
    ]

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
