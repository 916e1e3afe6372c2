import Analysis
import ArgumentParser
import Foundation
import Reports

/// `kreplay atf`: the ATF test-program interface, so `kyua test` can run kreplay's checks.
struct ATF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atf",
        abstract: "Behave as an ATF test program (for kyua): one test case per trace and check.",
        discussion: """
            kreplay atf [-s srcdir] [-v var=value]... -l
            kreplay atf [-r resultsfile] [-s srcdir] [-v var=value]... test_case[:body|:cleanup]

            Traces come from -v traces='A B...' or from kreplay-atf.conf in srcdir (see docs/reports.md).
            """)

    @Argument(parsing: .captureForPassthrough, help: "ATF test program arguments.")
    var arguments: [String] = []

    func run() throws {
        let invocation: ATFInvocation
        do {
            invocation = try ATFInvocation.parse(arguments)
        } catch {
            FileHandle.standardError.write(Data("kreplay atf: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        let cwd = FileManager.default.currentDirectoryPath
        let config: ATFConfiguration
        let saved: AnalysisResult?
        do {
            config = try ATFConfiguration.load(
                variables: invocation.variables, sourceDirectory: invocation.sourceDirectory, currentDirectory: cwd)
            saved = try config.resultsJSON.map {
                try JSONDecoder().decode(AnalysisResult.self, from: Data(contentsOf: URL(fileURLWithPath: $0)))
            }
        } catch {
            FileHandle.standardError.write(Data("kreplay atf: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let traces = config.traces.isEmpty ? (saved?.traces.map(\.path) ?? []) : config.traces
        let program = ATFTestProgram(
            traces: traces, expectations: config.expectations, requireTraceFiles: saved == nil)
        switch invocation.action {
        case .list:
            print(program.listText(), terminator: "")
        case .run(let name, let part):
            guard let testCase = program.testCase(named: name) else {
                FileHandle.standardError.write(Data("kreplay atf: Unknown test case `\(name)'\n".utf8))
                throw ExitCode(1)
            }
            if part == .cleanup { return }
            let outcome = run(testCase, program: program, saved: saved)
            for line in outcome.stdout { print(line) }
            if let path = invocation.resultsFile {
                try outcome.resultsFileText.write(toFile: path, atomically: false, encoding: .utf8)
            } else {
                print(outcome.resultsFileText, terminator: "")
            }
            if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
        }
    }

    private func run(
        _ testCase: ATFTestProgram.TestCase, program: ATFTestProgram, saved: AnalysisResult?
    ) -> ATFTestProgram.Outcome {
        if let saved {
            let stem = ATFNames.stem(ofTrace: testCase.trace)
            let trace =
                saved.traces.first { $0.path == testCase.trace }
                ?? saved.traces.first { ATFNames.stem(ofTrace: $0.path) == stem }
            return program.outcome(of: testCase, trace: trace, error: "not in the saved results")
        }
        do {
            // Expectations are applied by the test program, once: the pipeline gets none.
            let trace = try analyzeTrace(path: testCase.trace, options: AnalysisOptions())
            return program.outcome(of: testCase, trace: trace)
        } catch {
            return program.outcome(of: testCase, trace: nil, error: "\(error)")
        }
    }
}
