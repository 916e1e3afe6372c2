import Foundation
import Testing

/// `tools/capture/netbsd/kreplay-capture.sh` with stand-ins for NetBSD's `dtrace`,
/// `sysctl` and `uname`: the stand-in dtrace prints the golden capture the way
/// DTrace does — headers, then each CPU's buffer in turn — and the wrapper must
/// put it back in time order, gzipped, so that kreplay reads the golden itself.
@Suite struct NetBSDCaptureWrapperTests {
    static let root = KReplayBinary.packageRoot
    static let golden = root.appendingPathComponent("Tests/Fixtures/netbsd-capture/golden.trace")

    /// The golden as DTrace's consumer would print it: per-CPU buffers one after another.
    static func perCPUOrder(_ golden: String) -> String {
        var headers: [Substring] = []
        var byCPU: [String: [Substring]] = [:]
        for line in golden.split(separator: "\n") {
            if line.hasPrefix("#") {
                headers.append(line)
            } else if let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") {
                byCPU[String(line[open...close]), default: []].append(line)
            }
        }
        let cpus = byCPU.keys.sorted(by: >)  // any order but time order
        return (headers + cpus.flatMap { byCPU[$0]! }).joined(separator: "\n") + "\n\n"
    }

    func stub(_ directory: URL, _ name: String, _ body: String) throws {
        let url = directory.appendingPathComponent(name)
        try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    func run(_ executable: String, _ arguments: [String], path: String? = nil) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let path {
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    @Test func wrapperSortsDTraceOutputBackIntoTheGolden() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("kreplay-capture-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let golden = try String(contentsOf: Self.golden, encoding: .utf8)
        let raw = work.appendingPathComponent("dtrace-output.txt")
        try Self.perCPUOrder(golden).write(to: raw, atomically: true, encoding: .utf8)
        #expect(try String(contentsOf: raw, encoding: .utf8) != golden)
        let arguments = work.appendingPathComponent("dtrace-arguments.txt")
        try stub(work, "dtrace", "printf '%s\\n' \"$@\" > '\(arguments.path)'\ncat '\(raw.path)'")
        try stub(work, "sysctl", "echo 'NetBSD 8.0 (XEN3_DOMU) #0: Tue Jul 17 14:59:51 UTC 2018'")
        try stub(work, "uname", "echo amd64")

        let output = work.appendingPathComponent("capture.trace.gz")
        let script = Self.root.appendingPathComponent("tools/capture/netbsd/kreplay-capture.sh").path
        let (status, _) = try run(
            "/bin/sh", [script, "-o", output.path, "-t", "t_ptrace_wait:dbregs_dr0", "--", "cat", "/big/file"],
            path: work.path)
        #expect(status == 0)

        let (gunzip, text) = try run("/bin/sh", ["-c", "gzip -dc '\(output.path)'"])
        #expect(gunzip == 0)
        #expect(String(decoding: text, as: UTF8.self) == golden)
        // dtrace got the script, the command as one -c string, and the variant and test as macro arguments.
        let passed = try String(contentsOf: arguments, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Array(passed.suffix(5)) == ["-c", "cat /big/file", "amd64-xen", "t_ptrace_wait", "dbregs_dr0"])
        #expect(passed.contains("-s") && passed.contains { $0.hasSuffix("tools/capture/netbsd/kreplay.d") })

        let analysis = try KReplayBinary.run(["analyze", output.path])
        #expect(analysis.status == 1)  // the golden's checks fail as worked out by hand
        #expect(!analysis.stderr.contains("malformed"))
        #expect(analysis.stdout.contains("replay_fidelity: passed"))
    }
}
