/// The page's inline style sheet and the colors the timeline and legend share.
enum HTMLStyle {
    /// Color of a shootdown target by its class (a finding class, `needed` or `unknown`;
    /// the same colors as the script's).
    static func color(forClass classification: String) -> String {
        switch classification {
        case "needed": return "#15803d"
        case "idle": return "#ea580c"
        case "not-cached": return "#dc2626"
        case "duplicate": return "#9333ea"
        case "unused-pte": return "#a16207"
        case "lazy": return "#0891b2"
        case "not-loaded": return "#db2777"
        default: return "#6b7280"
        }
    }

    /// The classes in legend order: NetBSD's, then the Linux model's own (`lazy`, `not-loaded`).
    static let classes = ["needed", "unused-pte", "idle", "duplicate", "not-cached", "lazy", "not-loaded", "unknown"]

    static let css = """
        :root { --fg:#1f2937; --muted:#6b7280; --line:#e5e7eb; --pass:#15803d; --fail:#b91c1c;
          --skip:#6b7280; --xfail:#a16207; --bar:#2563eb; --base:#9ca3af; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
          margin: 0 auto; padding: 20px 28px; max-width: 1400px; }
        h1 { font-size: 20px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 6px; padding-top: 14px; border-top: 2px solid var(--line);
          font-family: ui-monospace, Menlo, monospace; }
        h3 { font-size: 14px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .04em;
          color: var(--muted); }
        .sub { color: var(--muted); }
        .mono, td.mono { font-family: ui-monospace, Menlo, monospace; font-size: 12.5px; }
        .counts { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0; }
        .counts span b { font-variant-numeric: tabular-nums; }
        .checks { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
        .badge { border-radius: 4px; padding: 2px 8px; font-size: 12.5px; color: #fff;
          font-family: ui-monospace, Menlo, monospace; }
        .badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); }
        .badge.skipped { background: var(--skip); } .badge.expected_failure { background: var(--xfail); }
        .summary .badge { font-size: 13px; }
        table { border-collapse: collapse; width: 100%; margin: 4px 0; }
        th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: 12px; color: var(--muted); font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.worst td { background: #fef2f2; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12.5px; margin: 4px 0 2px; }
        .legend i { display: inline-block; width: 22px; height: 4px; vertical-align: middle; margin-right: 5px; }
        .legend i.box { height: 12px; width: 16px; }
        section.trace { margin-bottom: 28px; }
        body.only-findings > :not(section), body.only-findings section > :not(h2):not(.findings-part) { display: none; }
        table.checklist { width: auto; } table.checklist td { border: 0; padding: 1px 8px 1px 0; }
        .tl { border: 1px solid var(--line); border-radius: 4px; padding: 6px; margin: 4px 0; }
        .tl canvas { display: block; width: 100%; }
        .tl canvas.tl-main { cursor: grab; }
        .tl-bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 12.5px; margin-bottom: 4px; }
        .tl-bar button { font: inherit; padding: 1px 8px; border: 1px solid #d1d5db; border-radius: 4px;
          background: #f9fafb; cursor: pointer; }
        .tl-status { color: var(--muted); }
        .tl-hover { min-height: 1.4em; font-size: 12px; color: #374151; }
        details.kind { border: 1px solid var(--line); border-radius: 4px; margin: 6px 0; padding: 4px 8px; }
        details.kind.bad > summary b { color: var(--fail); }
        details.kind > summary { cursor: pointer; }
        .groups { margin: 4px 0 4px 14px; }
        details.group > summary { cursor: pointer; font-size: 13px; padding: 1px 0; }
        details.group > summary > span { margin-right: 10px; }
        details.group ul { margin: 2px 0 6px; padding-left: 20px; font-size: 12.5px; }
        i.dot { display: inline-block; width: 9px; height: 9px; border-radius: 5px; margin: 0 3px 0 6px; }
        .linux-hist { width: 100%; max-width: 640px; height: auto; }
        .hbar { display: inline-block; height: 10px; min-width: 1px; vertical-align: middle;
          width: calc(var(--f) * min(160px, 12vw) / 100); }
        table.linux-cpus { width: auto; } table.linux-cpus td { white-space: nowrap; }
        .bars { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 10px 26px; }
        .metric b { display: block; font-size: 12.5px; margin-bottom: 2px; }
        .bar { display: grid; grid-template-columns: 110px 1fr 170px; align-items: center; gap: 6px;
          font-size: 12px; }
        .bar .track { background: #f3f4f6; height: 12px; border-radius: 2px; }
        .bar .fill { background: var(--bar); height: 12px; border-radius: 2px; min-width: 1px; }
        .bar.baseline .fill { background: var(--base); } .bar.unsafe .fill { background: var(--fail); }
        .bar .v { text-align: right; font-variant-numeric: tabular-nums; font-family: ui-monospace, Menlo, monospace; }
        .bar .d.better { color: var(--pass); } .bar .d.worse { color: var(--fail); }
        .note { color: var(--muted); font-style: italic; }
        """
}
