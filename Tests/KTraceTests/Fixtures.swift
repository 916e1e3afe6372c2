import Foundation

/// Paths of the shared fixtures, relative to this file.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository's root (for `traces/`).
    static let repository = directory.deletingLastPathComponent().deletingLastPathComponent()

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
