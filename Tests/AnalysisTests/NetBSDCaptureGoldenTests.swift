import Foundation
import TestSupport
import Testing

@testable import Analysis

/// `tools/capture/netbsd/kreplay.d` without NetBSD: its printf formats are read
/// from the script itself and rendered with the scripted firings of
/// `Tests/Fixtures/netbsd-capture/scenario.txt`; the result must be exactly
/// `golden.trace` (so the golden cannot drift from the script), and kreplay must
/// read that golden with no malformed line and find what was worked out by hand
/// (`golden.expected.md`). `KREPLAY_UPDATE_GOLDEN=1 swift test --filter
/// NetBSDCaptureGoldenTests` rewrites the golden after a deliberate change.
@Suite struct NetBSDCaptureGoldenTests {
    static let root = RepositoryPaths.root
    static let script = root.appendingPathComponent("tools/capture/netbsd/kreplay.d")
    static let fixtures = root.appendingPathComponent("Tests/Fixtures/netbsd-capture")

    static func loadScript() throws -> DScript {
        DScript(source: try String(contentsOf: script, encoding: .utf8))
    }

    /// Renders the scenario; problems (unknown tag, wrong value count) are returned, not thrown.
    static func render() throws -> (text: String, tags: Set<String>, problems: [String]) {
        let script = try loadScript()
        let byTag = Dictionary(script.printfs.map { ($0.tag, $0) }, uniquingKeysWith: { first, _ in first })
        let scenario = try String(contentsOf: fixtures.appendingPathComponent("scenario.txt"), encoding: .utf8)
        var out = ""
        var used = Set<String>()
        var problems: [String] = []
        for (number, raw) in scenario.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("@") else { continue }
            var words = line.split(separator: " ").map(String.init)
            let tag = String(words.removeFirst().dropFirst())
            guard let printf = byTag[tag] else {
                problems.append("scenario line \(number + 1): no printf tagged @\(tag)")
                continue
            }
            used.insert(tag)
            var values: [DValue] = []
            if printf.isEvent {
                guard words.count >= 4 else {
                    problems.append("scenario line \(number + 1): an event needs COMM PID CPU SEC.NSEC")
                    continue
                }
                let time = words[3].split(separator: ".")
                values = [.string(words[0]), DValue(words[1]), DValue(words[2])]
                values += time.map { DValue(String($0)) }
                words.removeFirst(4)
            }
            values += words.map(DValue.init)
            guard let rendered = printf.render(values) else {
                problems.append("scenario line \(number + 1): @\(tag) takes \(printf.arguments.count) values")
                continue
            }
            out += rendered
        }
        return (out, used, problems)
    }

    @Test func scriptParsesAndEveryPrintfMatchesItsArguments() throws {
        let script = try Self.loadScript()
        #expect(script.problems == [])
        // NetBSD's fbt passes a function's first five arguments (fbt.c): no arg5 and beyond.
        let source = try String(contentsOf: Self.script, encoding: .utf8)
        for index in 5...9 {
            #expect(!source.contains("arg\(index)") && !source.contains("args[\(index)]"), "argument \(index)")
        }
        #expect(script.clauseCount >= 40)
        #expect(script.printfs.count >= 40)
        for printf in script.printfs {
            let conversions = try #require(DConversion.parse(printf.format), "@\(printf.tag): unsupported conversion")
            #expect(conversions.count == printf.arguments.count, "@\(printf.tag) at line \(printf.line)")
            #expect(printf.format.hasSuffix("\n"), "@\(printf.tag) prints a whole line")
            #expect(printf.format.dropLast().contains("\n") == false, "@\(printf.tag) prints one line")
            if printf.tag.hasPrefix("header_") {
                #expect(printf.format.hasPrefix("# "))
            } else {
                // kreplay's layout: comm-pid [cpu] sec.frac: event: fields, from the probe's context.
                #expect(printf.isEvent, "@\(printf.tag)")
                #expect(
                    Array(printf.arguments.prefix(5)) == DScript.Printf.eventPrefixArguments, "@\(printf.tag)")
            }
        }
    }

    /// The checker itself can fail: a wrong argument count, a missing tag, an `if`,
    /// an unclosed clause.
    @Test func checkerRejectsBrokenScripts() throws {
        let broken = DScript(
            source: """
                fbt::a:entry
                {
                \t/* @one */
                \tprintf("%s-%d [%03d] %d.%09d: a: x=%d\\n", execname, pid, cpu, timestamp / 1000000000,
                \t    timestamp % 1000000000);
                \tprintf("untagged\\n");
                \tif (arg0) { trace(arg0); }
                }
                fbt::b:entry
                {
                """)
        #expect(broken.printfs.map(\.tag) == ["one"])
        let one = try #require(broken.printfs.first)
        #expect(DConversion.parse(one.format)?.count == 6)
        #expect(one.arguments.count == 5)
        #expect(broken.problems.contains { $0.contains("without a /* @tag */") })
        #expect(broken.problems.contains { $0.contains("no if/else") })
        #expect(broken.problems.contains { $0.contains("unclosed") })
    }

    @Test func goldenIsWhatTheScriptPrintsForTheScenario() throws {
        let (text, used, problems) = try Self.render()
        #expect(problems == [])
        let script = try Self.loadScript()
        // Every printf of the script has at least one line in the golden.
        #expect(Set(script.printfs.map(\.tag)).subtracting(used) == [])
        let golden = Self.fixtures.appendingPathComponent("golden.trace")
        if ProcessInfo.processInfo.environment["KREPLAY_UPDATE_GOLDEN"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: golden, encoding: .utf8) == text)
    }

    /// The counts of `golden.expected.md`, worked out by hand from docs/tlb-model.md "Classification" and §3.1.
    @Test func kreplayReadsTheGolden() throws {
        var options = AnalysisOptions()
        options.strategies = ["idle-lazy", "direct-map"]
        let result = try analyzeTrace(
            path: Self.fixtures.appendingPathComponent("golden.trace").path, options: options)
        #expect(result.malformedLines == 0)
        #expect(result.unknownEvents == [:])
        #expect(result.ncpu == 4)
        #expect(result.variant == "amd64")

        #expect(result.tlb.unmaps == 4)
        #expect(result.tlb.shootdownIPIs == 4)
        #expect(result.tlb.targets == 10)
        #expect(result.tlb.idleTargets == 6)
        #expect(result.tlb.redundantTargets == 6)
        #expect(result.tlb.fullFlushes == 1)
        #expect(result.tlb.staleUses == 0)
        let redundant = result.findings.filter { $0.kind.rawValue == "redundant-shootdown" }
        #expect(redundant.allSatisfy { $0.findingClass == "idle" })
        #expect(Set(redundant.map(\.cpu)) == [2, 3])
        #expect(redundant.map(\.line).sorted() == [14, 14, 30, 30, 48, 48])
        #expect(result.events == 132)

        #expect(result.signal.posts == 8)
        #expect(result.signal.stops == 5)
        #expect(result.signal.waitReturns == 7)
        #expect(result.signal.duplicateWaitReturns == 1)
        #expect(result.signal.lostSignals == 0)
        let duplicate = result.findings.filter { $0.kind.rawValue == "duplicate-wait-return" }
        #expect(duplicate.map(\.line) == [123])
        let doublePosts = result.findings.filter { $0.kind.rawValue == "double-sigpost" }
        #expect(doublePosts.map(\.findingClass) == ["kpsignal2+proc_stop", "proc_stop+proc_stop"])
        #expect(doublePosts.map(\.line) == [113, 121])
        #expect(result.notes.contains { $0.contains("1 user-pmap shootdown(s) not compared") })

        func check(_ name: CheckName) -> CheckOutcome? { result.checks.first { $0.name == name }?.result }
        #expect(check("tlb_no_redundant_shootdowns") == .failed)
        #expect(check("tlb_no_stale_translations") == .passed)
        #expect(check("signal_no_duplicate_wait") == .failed)
        #expect(check("signal_no_double_post") == .failed)
        #expect(check("signal_no_lost_signals") == .passed)
        #expect(check("trace_variant_consistent") == .passed)
        #expect(check("replay_fidelity") == .passed)
        #expect(check("trace_well_formed") == .passed)

        // idle-lazy on the kernel's own queue: no IPI to the idle CPUs.
        let idleLazy = try #require(result.replays.first { $0.strategy == "idle-lazy" })
        #expect(idleLazy.tlb.ipis == 3)
        #expect(idleLazy.tlb.idleTargets == 0)
        // direct-map: the two UBC windows' shootdowns go, the 6-page unmap's stays. (sh's
        // user-pmap flush has no target in any replay: no capture line says where sh's
        // pmap is loaded, which is also why idle-lazy counts 3, not 4.)
        let directMap = try #require(result.replays.first { $0.strategy == "direct-map" })
        #expect(directMap.tlb.ipis == 1)
        #expect(directMap.tlb.targets == 3)
    }

    /// The golden with one change, analysed from a temporary file.
    func analyzeVariant(_ change: (String) -> String) throws -> TraceResult {
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("golden.trace"), encoding: .utf8)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("netbsd-capture-\(UUID().uuidString).trace")
        try change(golden).write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        return try analyzeTrace(path: path.path, options: AnalysisOptions())
    }

    /// Fidelity compares the kernel drains for real: an IPI that left out an idle
    /// CPU is not what netbsd8 sends (kernel pmap: every running CPU but the initiator).
    @Test func fidelityCatchesAWrongTargetSet() throws {
        let result = try analyzeVariant { text in
            var text = text
            if let first = text.range(of: "tlb_shootdown_ipi: mask=0xe pages=2") {
                text.replaceSubrange(first, with: "tlb_shootdown_ipi: mask=0x6 pages=2")
            }
            return text
        }
        let fidelity = try #require(result.checks.first { $0.name == "replay_fidelity" })
        #expect(fidelity.result == .failed)
        #expect(fidelity.reason.contains("first at line 14"))
    }

    /// …and the page count: the kernel queued 6 pages, not 5.
    @Test func fidelityCatchesAWrongPageCount() throws {
        let result = try analyzeVariant { $0.replacingOccurrences(of: "mask=0xe pages=6", with: "mask=0xe pages=5") }
        #expect(result.checks.first { $0.name == "replay_fidelity" }?.result == .failed)
    }

    /// Without `# capture: tlb_fill=none` the PG_U rule is applied literally (no
    /// fill, so no used PTE, so no shootdown): every recorded IPI is a mismatch.
    @Test func withoutTheCaptureHeaderFidelityAppliesThePGURuleLiterally() throws {
        let result = try analyzeVariant {
            $0.replacingOccurrences(of: "# capture: source=netbsd-dtrace tlb_fill=none\n", with: "")
        }
        #expect(result.checks.first { $0.name == "replay_fidelity" }?.result == .failed)
        #expect(result.tlb.redundantTargets == 6)
    }
}
