import Analysis
import ArgumentParser
import Dispatch
import Foundation

/// Runs the analysis over every trace of a command, in parallel with `-j`, and
/// turns what happened into the exit status of README.md "Exit status".
struct TraceBatch {
    var options: TraceOptions
    var analysis: AnalysisOptions

    /// The outcome for one trace: a result, or why it could not be analysed.
    enum Outcome {
        case analysed(TraceResult)
        case failed(AnalysisError)
    }

    func run() -> [Outcome] {
        let paths = TracePaths.expand(options.traces)  // a directory stands for its traces
        let progress = ProgressDisplay(
            enabled: !options.quiet && (options.progress ?? ProgressDisplay.stderrIsTerminal))
        let analysis = analysis
        let outcomes = ParallelMap.run(count: paths.count, workers: options.jobs) { index -> Outcome in
            var perTrace = analysis
            perTrace.read.progress = progress.callback(for: paths[index])
            do throws(AnalysisError) {
                return .analysed(try analyzeTrace(path: paths[index], options: perTrace))
            } catch {
                return .failed(error)
            }
        }
        progress.finish()
        return outcomes
    }

    /// Prints errors and warnings for each trace on standard error; returns the exit status.
    static func report(_ outcomes: [Outcome], quiet: Bool) -> Int32 {
        var cannotOpen = false
        var badData = false
        var failedCheck = false
        for outcome in outcomes {
            switch outcome {
            case .failed(let error):
                StandardError.print("kreplay: \(error)")
                if case .badStrategy = error { return ExitStatus.usage }
                cannotOpen = true
            case .analysed(let result):
                for malformed in result.input.malformed.prefix(quiet ? 0 : 20) {
                    StandardError.print(
                        "kreplay: \(result.path):\(malformed.line): malformed line (\(malformed.reason)): \(malformed.excerpt)"
                    )
                }
                if !quiet && result.malformedLines > 20 {
                    StandardError.print("kreplay: \(result.path): \(result.malformedLines - 20) more malformed lines")
                }
                if !quiet {
                    for warning in result.input.warnings.prefix(10) {
                        StandardError.print("kreplay: \(result.path): warning: \(warning)")
                    }
                }
                if let error = result.input.error {
                    if let line = result.input.errorLine {
                        StandardError.print("kreplay: \(result.path):\(line): \(error)")
                    } else {
                        StandardError.print("kreplay: \(error)")
                    }
                    badData = true
                }
                if result.checks.contains(where: { $0.result == .failed }) { failedCheck = true }
            }
        }
        if cannotOpen { return ExitStatus.cannotOpen }
        if badData { return ExitStatus.badData }
        return failedCheck ? ExitStatus.checkFailed : ExitStatus.success
    }
}

/// The exit statuses of README.md "Exit status".
enum ExitStatus {
    static let success: Int32 = 0
    static let checkFailed: Int32 = 1
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let cannotOpen: Int32 = 66
    static let internalError: Int32 = 70
}

/// Writes to standard error (the library never prints; only the CLI does).
enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
