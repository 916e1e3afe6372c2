import Analysis

/// Draws a ``Timeline`` as an SVG: one lane per CPU, time left to right.
///
/// Idle periods are grey bands, unmaps blue ticks on the unmapping CPU, each shootdown a dot on
/// the initiator with one arrow per target colored by the target's §2.1 class (dashed = full
/// flush), process stops red triangles. Every mark has a tooltip with its trace line.
struct TimelineSVG {
    var timeline: Timeline
    var path: String
    /// Marks drawn at most per kind, so huge traces stay viewable.
    var limit = 2000

    private let width = 1300.0
    private let left = 64.0
    private let right = 24.0
    private let top = 34.0
    private let laneHeight = 52.0

    func render() -> String {
        guard let span = timeline.span else { return "<p class=\"note\">The timeline has no events.</p>\n" }
        let cpus = max(timeline.cpus, 1)
        let height = top + Double(cpus) * laneHeight + 12
        let scale = Scale(start: span.start, end: span.end, left: left + 14, right: width - right - 44)
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
        svg +=
            "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"per-CPU timeline of \(escapeHTML(path))\">\n"
        svg += defs()
        for cpu in 0..<cpus {
            let y = laneY(cpu)
            let fill = cpu % 2 == 0 ? "#fafafa" : "#ffffff"
            svg +=
                "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(width - left - right)\" height=\"\(laneHeight)\" fill=\"\(fill)\"/>\n"
            svg += "<text x=\"\(left - 10)\" y=\"\(y + laneHeight / 2 + 4)\" text-anchor=\"end\" "
            svg += "font-size=\"13\" font-family=\"monospace\" font-weight=\"bold\">cpu\(cpu)</text>\n"
        }
        svg += axis(scale, height: height)
        for period in timeline.idlePeriods.prefix(limit) where period.cpu < cpus {
            let x0 = scale.x(period.startNs)
            let x1 = scale.x(period.endNs ?? span.end) + (period.endNs == nil ? 14 : 0)
            let y = laneY(period.cpu)
            svg +=
                "<rect x=\(attr(x0)) y=\(attr(y + 6)) width=\(attr(max(x1 - x0, 1))) height=\(attr(laneHeight - 12)) "
            svg += "fill=\"url(#idle)\" stroke=\"#d1d5db\"><title>cpu\(period.cpu) idle from "
            svg +=
                "\(seconds(period.startNs))\(period.endNs.map { " to \(seconds($0))" } ?? " to the end")</title></rect>\n"
            svg +=
                "<text x=\(attr(x0 + 4)) y=\(attr(y + laneHeight - 10)) font-size=\"11\" fill=\"#6b7280\">idle</text>\n"
        }
        for unmap in timeline.unmaps.prefix(limit) where unmap.cpu < cpus {
            let x = scale.x(unmap.timeNs)
            let y = laneY(unmap.cpu)
            svg +=
                "<rect x=\(attr(x - 2.5)) y=\(attr(y + 6)) width=\"5\" height=\(attr(laneHeight - 12)) fill=\"#2563eb\">"
            svg +=
                "<title>\(escapeHTML(path)):\(unmap.line): unmap of \(unmap.pages) pages on cpu\(unmap.cpu)</title></rect>\n"
        }
        for ipi in timeline.ipis.prefix(limit) where ipi.initiator < cpus {
            svg += shootdown(ipi, scale: scale, cpus: cpus)
        }
        for stop in timeline.stops.prefix(limit) where stop.cpu < cpus {
            let x = scale.x(stop.timeNs)
            let y = laneY(stop.cpu) + laneHeight / 2
            svg += "<path d=\"M\(fmt(x - 7)),\(fmt(y - 8)) L\(fmt(x + 7)),\(fmt(y - 8)) L\(fmt(x)),\(fmt(y + 6)) Z\" "
            svg += "fill=\"#b91c1c\"><title>\(escapeHTML(path)):\(stop.line): pid \(stop.pid) stopped with "
            svg += "\(escapeHTML(stop.signal))</title></path>\n"
            svg += "<text x=\(attr(x)) y=\(attr(y + 18)) font-size=\"10.5\" text-anchor=\"middle\" fill=\"#b91c1c\">"
            svg += "\(escapeHTML(stop.signal))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func shootdown(_ ipi: Timeline.IPI, scale: Scale, cpus: Int) -> String {
        let x = scale.x(ipi.timeNs)
        let y0 = laneY(ipi.initiator) + laneHeight / 2
        var svg = "<g>"
        let targets = ipi.targets.filter { $0.cpu < cpus }
        for (index, target) in targets.enumerated() {
            let tx = x + 6 + Double(index) * 7
            let y1 = laneY(target.cpu) + laneHeight / 2 + (target.cpu > ipi.initiator ? -4 : 4)
            let color = HTMLStyle.color(forClass: target.classification)
            let dash = ipi.pages == 0 ? " stroke-dasharray=\"5 3\"" : ""
            let marker =
                "arrow-\(HTMLStyle.classes.firstIndex(of: target.classification) ?? HTMLStyle.classes.count - 1)"
            svg +=
                "<path d=\"M\(fmt(x)),\(fmt(y0)) C\(fmt(tx)),\(fmt(y0)) \(fmt(tx)),\(fmt(y0)) \(fmt(tx)),\(fmt(y1))\" "
            svg += "fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash) marker-end=\"url(#\(marker))\">"
            svg += "<title>\(escapeHTML(path)):\(ipi.line): IPI cpu\(ipi.initiator) → cpu\(target.cpu): "
            svg += "\(escapeHTML(target.classification))</title></path>"
        }
        let what = ipi.pages == 0 ? "full flush" : "\(ipi.pages) pages"
        svg += "<circle cx=\(attr(x)) cy=\(attr(y0)) r=\"5\" fill=\"#111827\"><title>\(escapeHTML(path)):\(ipi.line): "
        svg += "shootdown from cpu\(ipi.initiator), \(what), \(targets.count) targets</title></circle>"
        svg += "<text x=\(attr(x + 4)) y=\(attr(y0 - laneHeight / 2 + 11)) font-size=\"10.5\" fill=\"#374151\">"
        svg += "l.\(ipi.line)\(ipi.pages == 0 ? " full" : "")</text></g>\n"
        return svg
    }

    private func defs() -> String {
        var svg = "<defs><pattern id=\"idle\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
        svg += "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#eef0f3\"/>"
        svg += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#dfe3e8\" stroke-width=\"3\"/></pattern>\n"
        for (index, classification) in HTMLStyle.classes.enumerated() {
            svg += "<marker id=\"arrow-\(index)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
            svg += "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
            svg += "fill=\"\(HTMLStyle.color(forClass: classification))\"/></marker>\n"
        }
        return svg + "</defs>\n"
    }

    private func axis(_ scale: Scale, height: Double) -> String {
        let total = max(scale.end - scale.start, 1)
        let step = niceStep(Double(total) / 8)
        var svg =
            "<text x=\"\(left)\" y=\"14\" font-size=\"11.5\" fill=\"#6b7280\">t0 = \(seconds(scale.start)) s</text>\n"
        var tick = 0.0
        while tick <= Double(total) + 0.5 {
            let x = scale.x(scale.start + Int64(tick))
            svg +=
                "<line x1=\(attr(x)) y1=\(attr(top - 6)) x2=\(attr(x)) y2=\(attr(height - 12)) stroke=\"#e5e7eb\"/>\n"
            svg += "<text x=\(attr(x)) y=\(attr(top - 9)) font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7280\">"
            svg += "+\(durationLabel(tick))</text>\n"
            tick += step
        }
        return svg
    }

    private func laneY(_ cpu: Int) -> Double { top + Double(cpu) * laneHeight }
}

/// Maps trace nanoseconds to x coordinates.
private struct Scale {
    var start: Int64
    var end: Int64
    var left: Double
    var right: Double

    func x(_ ns: Int64) -> Double {
        guard end > start else { return (left + right) / 2 }
        return left + Double(ns - start) / Double(end - start) * (right - left)
    }
}

private func niceStep(_ raw: Double) -> Double {
    guard raw > 0 else { return 1 }
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    for factor in [1.0, 2.0, 5.0, 10.0] where magnitude * factor >= raw { return magnitude * factor }
    return magnitude * 10
}

private func durationLabel(_ ns: Double) -> String {
    if ns >= 1_000_000_000 { return trimmed(ns / 1_000_000_000) + "s" }
    if ns >= 1_000_000 { return trimmed(ns / 1_000_000) + "ms" }
    if ns >= 1000 { return trimmed(ns / 1000) + "µs" }
    return trimmed(ns) + "ns"
}

private func trimmed(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format1(value))
}

private func format1(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

private func fmt(_ value: Double) -> String { format1(value) }

private func attr(_ value: Double) -> String { "\"" + format1(value) + "\"" }
