import Analysis

/// A trace's findings as collapsible sections, one per kind, worst kind first: redundant
/// shootdowns one row per IPI (line, initiator, targets by class, pages), signal findings one
/// row per episode (the generation they follow), the rest one row per line. A row expands to
/// its findings' messages. Bounded: ``groupLimit`` rows per kind and ``messageLimit`` messages
/// per row; the section says how many findings are counted but not listed.
struct FindingSections {
    static let groupLimit = 300
    static let messageLimit = 64

    var trace: TraceResult
    /// Initiators, pages, generations and wait children (from the timeline), when collected.
    var context: Timeline.FindingContext?

    private struct Group {
        var key: Int
        var title: String
        var findings: [Finding] = []
    }

    func render() -> String {
        let kinds = FindingKind.allCases.filter { kind in
            counted(kind) > 0 || trace.findings.contains { $0.kind == kind }
        }
        .sorted { rank($0) < rank($1) }
        guard !kinds.isEmpty else { return "<p class=\"note\">No findings.</p>\n" }
        var html = ""
        let episodes = signalEpisodes()
        for kind in kinds {
            let listed = trace.findings.filter { $0.kind == kind }
            let groups = group(listed, kind, episodes)
            let shown = groups.prefix(Self.groupLimit)
            let shownFindings = shown.reduce(0) { $0 + min($1.findings.count, Self.messageLimit) }
            let total = max(counted(kind), listed.count)
            let unit = kind == .redundantShootdown ? "IPIs" : kind.isSignal ? "episodes" : "lines"
            let open = groups.count <= 12 ? " open" : ""
            html += "<details class=\"kind\(kind.isSignal || kind == .staleTranslation ? " bad" : "")\"\(open)>"
            html += "<summary><b class=\"mono\">\(kind.rawValue)</b> <span class=\"sub\">\(total) counted · "
            html += "\(shownFindings) listed in \(shown.count) \(unit)"
            if total > shownFindings { html += " · <b>\(total - shownFindings) counted but not listed</b>" }
            html += "</span></summary>\n<div class=\"groups\">\n"
            for group in shown {
                html += "<details class=\"group\"><summary>\(group.title)</summary><ul>"
                for finding in group.findings.prefix(Self.messageLimit) {
                    html += "<li>\(escapeHTML(shortened(finding)))</li>"
                }
                if group.findings.count > Self.messageLimit {
                    html += "<li class=\"note\">\(group.findings.count - Self.messageLimit) more not listed</li>"
                }
                html += "</ul></details>\n"
            }
            html += "</div>\n"
            if total > shownFindings {
                html += "<p class=\"note\">Listed: the first \(shown.count) \(unit) of the findings the analysis kept "
                html += "(a bounded number per kind, --max-findings; every finding is counted).</p>\n"
            }
            html += "</details>\n"
        }
        return html
    }

    /// The message without its `FILE:LINE: ` prefix when the row already says the line (the
    /// message of a signal finding keeps it: its row is the episode's generation).
    private func shortened(_ finding: Finding) -> String {
        let prefix = "\(trace.path):\(finding.line): "
        guard finding.kind == .redundantShootdown, finding.message.hasPrefix(prefix) else { return finding.message }
        return String(finding.message.dropFirst(prefix.count))
    }

    /// Every finding of `kind` the analysis counted (listed or not).
    private func counted(_ kind: FindingKind) -> Int {
        switch kind {
        case .redundantShootdown: return trace.tlb.redundantTargets
        case .staleTranslation: return trace.tlb.staleUses
        case .duplicateWaitReturn: return trace.signal.duplicateWaitReturns
        case .doubleSigpost: return trace.signal.doublePosts
        case .lostSignal: return trace.signal.lostSignals
        default: return 0
        }
    }

    private func rank(_ kind: FindingKind) -> Int {
        severity(Finding(kind: kind, findingClass: "idle", line: 0, cpu: 0, pid: 0, timeNs: 0, message: ""))
    }

    private func group(_ findings: [Finding], _ kind: FindingKind, _ episodes: [Int: [FindingKind: Int]]) -> [Group] {
        var groups: [Group] = []
        var index: [Int: Int] = [:]
        for finding in findings {
            let (key, title) = groupKey(finding, kind, episodes)
            if let at = index[key] {
                groups[at].findings.append(finding)
            } else {
                // Rows beyond the limit are only counted: do not build their titles.
                guard groups.count <= Self.groupLimit else { continue }
                index[key] = groups.count
                groups.append(Group(key: key, title: title, findings: [finding]))
            }
        }
        for position in groups.indices where kind == .redundantShootdown {
            groups[position].title = ipiTitle(groups[position].findings)
        }
        return groups
    }

    private func groupKey(_ finding: Finding, _ kind: FindingKind, _ episodes: [Int: [FindingKind: Int]]) -> (
        Int, String
    ) {
        if kind == .redundantShootdown { return (finding.line, "") }
        if kind.isSignal, let (generation, _) = episode(of: finding) {
            var title =
                "<span class=\"mono\">l.\(generation.line)</span> <span class=\"num\">t=\(seconds(generation.timeNs))</span> "
            title += "<span><b>\(escapeHTML(generation.call)) \(escapeHTML(generation.signal))</b> → "
            title += "\(generation.pid)\(generation.lid.map { "/\($0)" } ?? "")</span>"
            let others = (episodes[generation.line] ?? [:]).filter { $0.key != kind }
            if !others.isEmpty {
                title += " <span class=\"sub\">same episode: "
                title +=
                    others.keys.sorted { $0.rawValue < $1.rawValue }.map { "\($0.rawValue) ×\(others[$0]!)" }
                    .joined(separator: ", ") + "</span>"
            }
            return (generation.line, title)
        }
        let title =
            "<span class=\"mono\">l.\(finding.line)</span> <span class=\"num\">t=\(seconds(finding.timeNs))</span> "
            + "<span>cpu\(finding.cpu) pid \(finding.pid)\(finding.lid.map { "/\($0)" } ?? "")</span>"
            + (finding.findingClass.isEmpty
                ? "" : " <span class=\"mono\">\(escapeHTML(finding.findingClass.rawValue))</span>")
        return (-finding.line - 1, title)
    }

    /// The signal generation a signal finding follows, and the process it concerns.
    private func episode(of finding: Finding) -> (Timeline.FindingContext.Generation, Int32)? {
        guard let context else { return nil }
        var pid = finding.pid
        if finding.kind == .duplicateWaitReturn || finding.kind == .waitMismatch {
            guard let child = context.waitChild(at: finding.line) else { return nil }
            pid = child
        }
        return context.generation(for: pid, atOrBefore: finding.line).map { ($0, pid) }
    }

    /// Per generation line: the signal findings of each kind that follow it.
    private func signalEpisodes() -> [Int: [FindingKind: Int]] {
        var episodes: [Int: [FindingKind: Int]] = [:]
        for finding in trace.findings where finding.kind.isSignal {
            if let (generation, _) = episode(of: finding) {
                episodes[generation.line, default: [:]][finding.kind, default: 0] += 1
            }
        }
        return episodes
    }

    private func ipiTitle(_ findings: [Finding]) -> String {
        let first = findings[0]
        var byClass: [String: Int] = [:]
        for finding in findings { byClass[finding.findingClass.rawValue, default: 0] += 1 }
        let shootdown = context?.shootdown(at: first.line)
        var title = "<span class=\"mono\">l.\(first.line)</span> <span class=\"num\">t=\(seconds(first.timeNs))</span> "
        title +=
            "<span>" + (shootdown.map { "cpu\($0.initiator) → \($0.targets) targets" } ?? "→ targets") + ":</span> "
        title += "<span>"
        title += byClass.keys.sorted().map { name in
            "<i class=\"dot\" style=\"background:\(HTMLStyle.color(forClass: name))\"></i>\(byClass[name]!) \(escapeHTML(name))"
        }.joined(separator: " ")
        if let shootdown, shootdown.targets > findings.count {
            let needed = "<i class=\"dot\" style=\"background:\(HTMLStyle.color(forClass: "needed"))\"></i>"
            title += " \(needed)\(shootdown.targets - findings.count) not redundant"
        }
        title += "</span>"
        if let shootdown, shootdown.pages >= 0 {
            title +=
                " <span class=\"sub\">" + (shootdown.pages == 0 ? "full flush" : "\(shootdown.pages) pages") + "</span>"
        }
        return title
    }
}

extension FindingKind {
    /// Findings of the signal model.
    var isSignal: Bool {
        switch self {
        case .duplicateWaitReturn, .doubleSigpost, .lostSignal, .waitMismatch: return true
        default: return false
        }
    }
}
