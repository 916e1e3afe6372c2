import Foundation

/// Where the repository's committed files are, for tests that read traces, fixtures,
/// scripts and docs: one place instead of a `#filePath` walk in every test module.
public enum RepositoryPaths {
    /// The repository's root (the directory of `Package.swift`).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures`: the shared test traces.
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")
}
