import Analysis

/// One trace's timeline as the page's JSON data (the `kreplay-data` block's `traces[]` entry):
///
/// ```
/// { "path", "cpus", "start_ns", "end_ns", "ipi_count", "detail_stride", "classification_limited",
///   "overview": { "start_ns", "bucket_ns", "buckets", "sent": [[n per bucket] per cpu],
///                 "received": { class: [[…]] }, "idle_permille", "unmaps", "stops", "waits" },
///   "timeline": { "ipis": [ { "line", "cpu", "time_ns", "pages", "targets": [ {"cpu", "class"} ] } ],
///                 "idle": [ {"cpu", "start_ns", "end_ns"} ], "unmaps": [ {"line", "cpu", "time_ns", "pages"} ],
///                 "stops": [ {"line", "cpu", "time_ns", "pid", "signal"} ],
///                 "waits": [ {"line", "cpu", "time_ns", "pid", "child", "status"} ],
///                 "windows": [ [start_ns, end_ns] ] } }
/// ```
///
/// `class` is a finding class (`idle`, `not-cached`, `duplicate`, `unused-pte`), `needed` or
/// `unknown`. `ipis[].cpu` is the initiator. All-zero overview rows are `[]`.
struct TimelineData {
    var timeline: Timeline
    var path: String
    /// Leave the single events out (the page's byte budget is spent).
    var overviewOnly = false

    func json() -> String {
        var out = "{\"path\":" + jsonString(path) + ",\"cpus\":\(timeline.cpus)"
        if let span = timeline.span { out += ",\"start_ns\":\(span.start),\"end_ns\":\(span.end)" }
        out += ",\"ipi_count\":\(timeline.ipiCount),\"detail_stride\":\(timeline.detailStride)"
        out += ",\"classification_limited\":\(timeline.classificationLimited)"
        out += ",\"overview_only\":\(overviewOnly)"
        if let overview = timeline.overview { out += ",\"overview\":" + Self.json(overview) }
        out += ",\"timeline\":" + (overviewOnly ? "{\"ipis\":[],\"windows\":[]}" : detail())
        return out + "}"
    }

    private func detail() -> String {
        var out = "{\"ipis\":["
        out.reserveCapacity(timeline.ipis.count * 200)
        for (index, ipi) in timeline.ipis.enumerated() {
            if index > 0 { out += "," }
            out += "{\"line\":\(ipi.line),\"cpu\":\(ipi.initiator),\"time_ns\":\(ipi.timeNs),\"pages\":\(ipi.pages)"
            out += ",\"targets\":["
            for (position, target) in ipi.targets.enumerated() {
                if position > 0 { out += "," }
                out += "{\"cpu\":\(target.cpu),\"class\":" + jsonString(target.classification) + "}"
            }
            out += "]}"
        }
        out += "],\"idle\":["
        out += timeline.idlePeriods.map { period in
            "{\"cpu\":\(period.cpu),\"start_ns\":\(period.startNs)"
                + (period.endNs.map { ",\"end_ns\":\($0)" } ?? "") + "}"
        }.joined(separator: ",")
        out += "],\"unmaps\":["
        out += timeline.unmaps.map {
            "{\"line\":\($0.line),\"cpu\":\($0.cpu),\"time_ns\":\($0.timeNs),\"pages\":\($0.pages)}"
        }.joined(separator: ",")
        out += "],\"stops\":["
        out += timeline.stops.map {
            "{\"line\":\($0.line),\"cpu\":\($0.cpu),\"time_ns\":\($0.timeNs),\"pid\":\($0.pid),\"signal\":"
                + jsonString($0.signal) + "}"
        }.joined(separator: ",")
        out += "],\"waits\":["
        out += timeline.waits.map {
            "{\"line\":\($0.line),\"cpu\":\($0.cpu),\"time_ns\":\($0.timeNs),\"pid\":\($0.pid),\"child\":\($0.child)"
                + ",\"status\":" + jsonString($0.status) + "}"
        }.joined(separator: ",")
        out += "],\"windows\":["
        let windows =
            timeline.windows.isEmpty
            ? timeline.span.map { [Timeline.Window(startNs: $0.start, endNs: $0.end)] } ?? [] : timeline.windows
        out += windows.map { "[\($0.startNs),\($0.endNs)]" }.joined(separator: ",")
        return out + "]}"
    }

    private static func json(_ overview: TimelineOverview) -> String {
        var out = "{\"start_ns\":\(overview.startNs),\"bucket_ns\":\(overview.bucketNs),\"buckets\":\(overview.buckets)"
        out += ",\"sent\":" + rows(overview.sent)
        out += ",\"received\":{"
        out += overview.received.keys.sorted().map { jsonString($0) + ":" + rows(overview.received[$0]!) }
            .joined(separator: ",")
        out += "},\"idle_permille\":"
        let width = max(overview.bucketNs, 1)
        out += rows(overview.idleNs.map { row in row.map { Int(min(1000, $0 * 1000 / width)) } })
        out += ",\"unmaps\":" + rows(overview.unmaps) + ",\"stops\":" + rows(overview.stops)
        out += ",\"waits\":" + rows(overview.waits)
        return out + "}"
    }

    private static func rows(_ rows: [[Int]]) -> String {
        "["
            + rows.map { row in
                row.allSatisfy { $0 == 0 } ? "[]" : "[" + row.map(String.init).joined(separator: ",") + "]"
            }
            .joined(separator: ",") + "]"
    }
}

/// A JSON string literal that is also safe inside a `<script>` element (`<`, `>`, `&` escaped).
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<": out += "\\u003c"
        case ">": out += "\\u003e"
        case "&": out += "\\u0026"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
