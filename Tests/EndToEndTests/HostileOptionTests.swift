import Testing

/// Limits given on the command line are checked like the header's (exit 64).
@Suite struct HostileOptionTests {
    @Test(arguments: [
        ["--tp-maxva", "0"], ["--tp-maxva", "5000"], ["--winshift", "64"], ["--winshift", "-1"],
        ["--max-bytes", "-5"], ["--ncpu", "4097"], ["--ncpu", "257"], ["--max-line", "79"], ["--bogus"],
        ["--model-threads", "-1"],
    ])
    func outOfRangeLimitIsUsageError(flags: [String]) throws {
        let run = try KReplayBinary.run(["analyze"] + flags + [KReplayBinary.fixture("ffs-read-4cpu.trace")])
        #expect(run.status == 64, "\(flags): \(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
        // README.md "Exit status": errors read `kreplay: message`; the usage line follows.
        #expect(run.stderr.hasPrefix("kreplay: "), "\(flags): \(run.stderr)")
        #expect(run.stderr.contains("Usage: kreplay analyze"))
    }
}
