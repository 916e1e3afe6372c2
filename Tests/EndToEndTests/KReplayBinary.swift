import Foundation
import TestSupport

/// Runs the built `kreplay` binary, which sits beside the test bundle.
struct KReplayBinary {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let url: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("kreplay")
    }()

    static let packageRoot = RepositoryPaths.root

    static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name).path
    }

    static func sample(_ name: String) -> String {
        packageRoot.appendingPathComponent("traces").appendingPathComponent(name).path
    }

    /// Runs `kreplay args…` with `stdin` as standard input; after `timeout` seconds the
    /// process is killed (a hang then shows as status 9, never as a stuck test).
    static func run(
        _ arguments: [String], stdin: Data? = nil, timeout: Double? = nil, environment: [String: String] = [:]
    ) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let timeout {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        if let stdin {
            DispatchQueue.global().async {
                try? input.fileHandleForWriting.write(contentsOf: stdin)
                try? input.fileHandleForWriting.close()
            }
        }
        // Drain both pipes concurrently so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errorBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errorData = errorBox.data
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// A temporary file with these bytes.
    static func temporaryFile(_ bytes: [UInt8], suffix: String = ".trace") throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("kreplay-e2e-\(UUID().uuidString)\(suffix)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
