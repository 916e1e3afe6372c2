import Analysis
import Foundation

/// Which traces `kreplay atf` covers, and how: from `-v` variables and a config file next to
/// the Kyuafile (`kreplay-atf.conf` in the `-s` source directory, or `-v config=FILE`).
///
/// Config file lines (`#` starts a comment; paths relative to the file; globs allowed):
/// ```
/// trace = ../../traces/*.trace.gz
/// expect = tlb_no_redundant_shootdowns=kern/53124: IPIs to idle CPUs
/// results = saved-result.json
/// ```
/// Variables: `traces` (blank-separated paths or globs, relative to the current directory),
/// `config`, `results` (a saved `kreplay report --format json`: verdicts are taken from it
/// instead of analysing), and `expect.CHECK=reason` or `expect_CHECK=reason`.
public struct ATFConfiguration: Sendable, Equatable {
    public var traces: [String] = []
    public var expectations: [CheckName: String] = [:]
    /// A saved JSON result to read verdicts from.
    public var resultsJSON: String?

    public init() {}

    /// The configuration file's default name.
    public static let fileName = "kreplay-atf.conf"

    /// Builds the configuration from the invocation, reading the config file if there is one.
    public static func load(
        variables: [String: String], sourceDirectory: String?, currentDirectory: String
    ) throws -> ATFConfiguration {
        var config = ATFConfiguration()
        let source = absolute(sourceDirectory ?? currentDirectory, base: currentDirectory)
        let file = variables["config"].map { absolute($0, base: currentDirectory) } ?? source + "/" + fileName
        if variables["traces"] == nil || variables["config"] != nil, FileManager.default.fileExists(atPath: file) {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            try config.read(text, base: (file as NSString).deletingLastPathComponent)
        }
        if let traces = variables["traces"] {
            config.traces = traces.split(whereSeparator: \.isWhitespace).flatMap {
                expand(absolute(String($0), base: currentDirectory))
            }
        }
        if let results = variables["results"] { config.resultsJSON = absolute(results, base: currentDirectory) }
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) {
            for prefix in ["expect.", "expect_"] where name.hasPrefix(prefix) {
                do {
                    let expected = try ExpectedFailure.make(check: String(name.dropFirst(prefix.count)), reason: value)
                    config.expectations[expected.check] = expected.reason
                } catch {
                    throw ConfigError(description: "-v \(name): \(error.description)")
                }
            }
        }
        return config
    }

    /// Reads config file text; `base` is the file's directory.
    public mutating func read(_ text: String, base: String) throws {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigError(description: "line \(number + 1): expected 'key = value'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "trace": traces += ATFConfiguration.expand(ATFConfiguration.absolute(value, base: base))
            case "results": resultsJSON = ATFConfiguration.absolute(value, base: base)
            case "expect":
                let (parsed, _, error) = parseExpectations([value])
                if let error { throw ConfigError(description: "line \(number + 1): \(error.description)") }
                expectations.merge(parsed) { $1 }
            default: throw ConfigError(description: "line \(number + 1): unknown key '\(key)'")
            }
        }
    }

    /// A config file problem.
    public struct ConfigError: Error, CustomStringConvertible {
        public var description: String
    }

    static func absolute(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        return (joined as NSString).standardizingPath
    }

    /// Expands a glob; a pattern that matches nothing stays as it is when it has no wildcard.
    static func expand(_ pattern: String) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        let directory = (pattern as NSString).deletingLastPathComponent
        let filePattern = (pattern as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { fnmatch(filePattern, $0, 0) == 0 }.sorted().map { directory + "/" + $0 }
    }
}
