import Analysis

/// JUnit XML shaped like `kyua report-junit` (kyua `drivers/report_junit.cpp`).
///
/// One `<testcase>` per check: `classname` is the trace path with `/` turned into `.` (kyua
/// does the same to test program paths), `name` the check. A failure is `<failure message=…/>`;
/// a skip is `<skipped/>` plus its reason in `<system-err>`; an expected failure is a pass with
/// its reason in `<system-err>`; the findings behind a verdict are `<system-out>`.
public struct JUnitReport: ReportRenderer {
    /// Reported as the `cwd` property when set.
    public var cwd: String?

    public init(cwd: String? = nil) {
        self.cwd = cwd
    }

    public func render(_ result: AnalysisResult) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<testsuite>\n<properties>\n"
        if let cwd { out += "<property name=\"cwd\" value=\"\(escapeXML(cwd))\"/>\n" }
        out += "<property name=\"kreplay.version\" value=\"\(escapeXML(result.kreplay))\"/>\n"
        out += "</properties>\n"
        for trace in result.traces {
            for check in trace.checks {
                out += testCase(trace: trace, check: check)
            }
        }
        out += "</testsuite>\n"
        return out
    }

    private func testCase(trace: TraceResult, check: CheckResult) -> String {
        let classname = trace.path.replacingSlashes()
        var out =
            "<testcase classname=\"\(escapeXML(classname))\" name=\"\(escapeXML(check.name.rawValue))\" time=\"0.000\">\n"
        var stderr = ""
        switch check.result {
        case .failed:
            out += "<failure message=\"\(escapeXML(ATFNames.oneLine(check.reason)))\"/>\n"
        case .expectedFailure:
            stderr += "Expected failure result details\n-------------------------------\n\n\(check.reason)\n\n"
        case .passed:
            break
        case .skipped:
            out += "<skipped/>\n"
            stderr += "Skipped result details\n----------------------\n\n\(check.reason)\n\n"
        }
        let findings = Check.findingLines(of: trace, check: check.name)
        if !findings.isEmpty {
            out += "<system-out>\(escapeXML(findings.joined(separator: "\n") + "\n"))</system-out>\n"
        }
        stderr += "Test case metadata\n------------------\n\n"
        for (key, value) in JUnitReport.metadata(trace: trace, check: check.name) {
            stderr += value.isEmpty ? "\(key) is empty\n" : "\(key) = \(value)\n"
        }
        stderr += "\nOriginal stderr\n---------------\n\n<EMPTY>\n"
        out += "<system-err>\(escapeXML(stderr))</system-err>\n</testcase>\n"
        return out
    }

    /// The metadata kyua prints for the same test case listed by `kreplay atf -l` (kyua strips
    /// the `X-` of custom properties and lists every standard one, empty or not).
    static func metadata(trace: TraceResult, check: CheckName) -> [(String, String)] {
        let description = Check.description(of: check)
        return [
            ("allowed_architectures", ""), ("allowed_platforms", ""), ("custom.kreplay-check", check.rawValue),
            ("custom.kreplay-trace", trace.path), ("description", "\(description) (\(trace.path))"),
            ("has_cleanup", "false"), ("is_exclusive", "false"), ("required_configs", ""),
            ("required_disk_space", "0"), ("required_files", trace.path.hasPrefix("/") ? trace.path : ""),
            ("required_memory", "0"), ("required_programs", ""), ("required_user", ""), ("timeout", "300"),
        ]
    }
}

extension String {
    fileprivate func replacingSlashes() -> String {
        String(map { $0 == "/" ? "." : $0 })
    }
}
