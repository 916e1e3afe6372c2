import Analysis

/// The replays of one trace as a table, each strategy beside the trace's baseline
/// (`netbsd8`, or `linux` for a Linux capture).
///
/// Columns: strategy, ipis, targets, idle, invalidations, full flushes, wait, cpu, stale,
/// stops, dup waits, lost. Every other row shows its difference from the baseline row in
/// parentheses, e.g. `3 (-6)`; the baseline row comes first when it was not asked for.
public struct ReplayTable: Sendable {
    public static let headers = [
        "strategy", "ipis", "targets", "idle", "invalidations", "full flushes", "wait", "cpu", "stale", "stops",
        "dup waits", "lost",
    ]

    /// The rows: the replays asked for, after the baseline when they do not include it.
    public var replays: [ReplayResult]
    /// The baseline's strategy name: `netbsd8`, or `linux` on a Linux capture.
    public var baselineName: String

    /// `baseline` is the analysis' own baseline replay (`TraceResult.baseline`).
    public init(_ replays: [ReplayResult], baseline: ReplayResult? = nil) {
        let name = baseline?.strategy ?? Baseline.netbsd8.rawValue
        baselineName = name
        let hasBaseline = replays.contains { $0.strategy == name }
        self.replays = (hasBaseline ? [] : baseline.map { [$0] } ?? []) + replays
    }

    /// The baseline row, if any.
    public var baseline: ReplayResult? { replays.first { $0.strategy == baselineName } }

    /// The figures of a replay in column order (after `strategy`).
    public static func values(_ replay: ReplayResult) -> [Int64] {
        let tlb = replay.tlb
        let signal = replay.signal
        return [
            Int64(tlb.ipis), Int64(tlb.targets), Int64(tlb.idleTargets), Int64(tlb.invalidations),
            Int64(tlb.fullFlushes), tlb.initiatorWaitNs, tlb.cpuNs, Int64(tlb.staleUses), Int64(signal.stops),
            Int64(signal.duplicateWaitReturns), Int64(signal.lostSignals),
        ]
    }

    /// The table as aligned text lines.
    public func render(indent: String = "") -> String {
        let base = baseline.map(ReplayTable.values)
        var rows = [ReplayTable.headers]
        for replay in replays {
            let values = ReplayTable.values(replay)
            var row = [replay.strategy]
            for (column, value) in values.enumerated() {
                let isTime = column == 5 || column == 6
                var cell = isTime ? micros(value) : String(value)
                if let base, replay.strategy != baselineName {
                    let delta = value - base[column]
                    let text = isTime ? micros(delta) : String(delta)
                    cell += delta == 0 ? " (=)" : " (\(delta > 0 ? "+" : "")\(text))"
                }
                row.append(cell)
            }
            rows.append(row)
        }
        let widths = (0..<ReplayTable.headers.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }
            return indent + cells.joined(separator: "  ") + "\n"
        }.joined()
    }
}
