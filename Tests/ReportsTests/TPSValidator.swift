/// A validating parser for the `application/X-atf-tps` version 3 stream, following atf's
/// `tools/reader.cpp` (`atf_tps_reader`) line by line. Returns the problems found.
struct TPSValidator {
    struct Summary: Equatable {
        var programs = 0
        var testCases = 0
        var results: [String: Int] = [:]
    }

    static let states: Set = [
        "passed", "failed", "skipped", "expected_death", "expected_exit", "expected_failure", "expected_signal",
        "expected_timeout",
    ]

    static func validate(_ text: String) -> (Summary, [String]) {
        var errors: [String] = []
        var summary = Summary()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() } else { errors.append("stream does not end with a newline") }
        guard lines.count >= 2, lines[0] == "Content-Type: application/X-atf-tps; version=\"3\"", lines[1].isEmpty
        else { return (summary, ["bad header"]) }
        var index = 2
        func fields(_ line: String, _ keyword: String) -> [String]? {
            guard line.hasPrefix(keyword + ": ") else { return nil }
            return line.dropFirst(keyword.count + 2).split(
                separator: ",", maxSplits: 3, omittingEmptySubsequences: false
            )
            .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        func timestamp(_ text: String) -> Bool {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }
        func isName(_ text: String) -> Bool { !text.isEmpty && !text.contains(where: { " :,\t".contains($0) }) }
        while index < lines.count, let info = fields(lines[index], "info") {
            if info.count < 2 || info[0].isEmpty { errors.append("line \(index + 1): bad info") }
            index += 1
        }
        guard index < lines.count, let count = fields(lines[index], "tps-count"), let ntps = Int(count[0]) else {
            return (summary, errors + ["missing tps-count"])
        }
        index += 1
        for _ in 0..<ntps {
            guard index < lines.count, let start = fields(lines[index], "tp-start"), start.count == 3,
                timestamp(start[0]), isName(start[1]), let ntcs = Int(start[2])
            else { return (summary, errors + ["line \(index + 1): expected tp-start: TS, tp, N"]) }
            index += 1
            summary.programs += 1
            for _ in 0..<ntcs {
                guard index < lines.count, let tcStart = fields(lines[index], "tc-start"), tcStart.count == 2,
                    timestamp(tcStart[0]), isName(tcStart[1])
                else { return (summary, errors + ["line \(index + 1): expected tc-start: TS, tc"]) }
                index += 1
                while index < lines.count, lines[index].hasPrefix("tc-so:") || lines[index].hasPrefix("tc-se:") {
                    index += 1
                }
                guard index < lines.count, lines[index].hasPrefix("tc-end: ") else {
                    return (summary, errors + ["line \(index + 1): expected tc-end"])
                }
                let parts = lines[index].dropFirst(8).split(separator: ",", maxSplits: 3).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                if parts.count < 3 || !timestamp(parts[0]) || parts[1] != tcStart[1] || !states.contains(parts[2]) {
                    errors.append("line \(index + 1): bad tc-end")
                } else if parts[2] == "passed" ? parts.count != 3 : parts.count != 4 || parts[3].isEmpty {
                    errors.append("line \(index + 1): reason required unless passed (and only then)")
                } else {
                    summary.results[parts[2], default: 0] += 1
                }
                summary.testCases += 1
                index += 1
            }
            guard index < lines.count, let end = fields(lines[index], "tp-end"), end.count >= 2, timestamp(end[0]),
                end[1] == start[1]
            else { return (summary, errors + ["line \(index + 1): expected tp-end: TS, tp"]) }
            index += 1
        }
        while index < lines.count, fields(lines[index], "info") != nil { index += 1 }
        if index != lines.count { errors.append("line \(index + 1): trailing garbage") }
        return (summary, errors)
    }
}
