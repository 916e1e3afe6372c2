import Foundation
import TestSupport
import Testing

/// Golden files under Tests/ReportsTests/Golden; `KREPLAY_UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let directory = RepositoryPaths.root.appendingPathComponent("Tests/ReportsTests/Golden")

    /// The repository root (for tools/ and docs/).
    static let repositoryRoot = RepositoryPaths.root

    /// Set: golden files are (re)written from the actual output instead of compared.
    static var updating: Bool { ProcessInfo.processInfo.environment["KREPLAY_UPDATE_GOLDEN"] != nil }

    /// Compares `actual` with `Golden/name`. A missing golden file fails (a golden
    /// written on the spot would compare the output with itself); only
    /// `KREPLAY_UPDATE_GOLDEN` writes one.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating { try actual.write(to: url, atomically: true, encoding: .utf8) }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record(
                "Golden/\(name) is missing; run with KREPLAY_UPDATE_GOLDEN=1 to write it",
                sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
