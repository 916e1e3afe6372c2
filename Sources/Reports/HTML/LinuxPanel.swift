/// Draws ``LinuxFigures`` as static SVG: the IPI latency histogram with its p50 and p99
/// marked, and per CPU the flush requests, IPIs and lazy skips as grouped bars.
struct LinuxPanel {
    var figures: LinuxFigures

    func render() -> String {
        var html = ""
        if !figures.latency.isEmpty { html += histogram() }
        if !figures.perCPU.isEmpty { html += perCPU() }
        return html
    }

    private func histogram() -> String {
        let width = 640.0
        let height = 180.0
        let left = 44.0
        let bottom = 26.0
        let peak = Double(figures.latency.map(\.count).max() ?? 1)
        let low = figures.latency.first!.lowerNs
        let high = max(figures.latency.last!.upperNs, low + 1)
        func x(_ ns: Int64) -> Double { left + Double(ns - low) / Double(high - low) * (width - left - 10) }
        var svg = "<svg class=\"linux-hist\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
        svg += "aria-label=\"IPI latency histogram\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for bucket in figures.latency where bucket.count > 0 {
            let barHeight = Double(bucket.count) / peak * (height - bottom - 14)
            let x0 = x(bucket.lowerNs)
            let barWidth = max(1, x(bucket.upperNs) - x0 - 1)
            svg += "<rect x=\"\(Int(x0))\" y=\"\(Int(height - bottom - barHeight))\" width=\"\(Int(barWidth))\" "
            svg += "height=\"\(Int(barHeight))\" fill=\"#2563eb\"><title>\(durationText(bucket.lowerNs))–"
            svg += "\(durationText(bucket.upperNs)): \(bucket.count) IPIs</title></rect>\n"
        }
        for (name, value, color) in [("p50", figures.p50Ns, "#15803d"), ("p99", figures.p99Ns, "#b91c1c")] {
            guard let value else { continue }
            let position = Int(x(min(max(value, low), high)))
            svg += "<line x1=\"\(position)\" y1=\"8\" x2=\"\(position)\" y2=\"\(Int(height - bottom))\" "
            svg +=
                "stroke=\"\(color)\" stroke-dasharray=\"4 3\"/><text x=\"\(position + 3)\" y=\"16\" font-size=\"11\" "
            svg += "fill=\"\(color)\">\(name) \(durationText(value))</text>\n"
        }
        svg +=
            "<text x=\"\(Int(left))\" y=\"\(Int(height - 8))\" font-size=\"11\" fill=\"#6b7280\">\(durationText(low))</text>"
        svg += "<text x=\"\(Int(width - 10))\" y=\"\(Int(height - 8))\" font-size=\"11\" text-anchor=\"end\" "
        svg += "fill=\"#6b7280\">\(durationText(high))</text>\n</svg>\n"
        var caption = "IPI latency, send to handler entry on the target"
        if let maxNs = figures.maxNs { caption += " (max \(durationText(maxNs)))" }
        return "<div class=\"metric\"><b>\(caption)</b>\n" + svg + "</div>\n"
    }

    private func perCPU() -> String {
        let peak = max(1, figures.perCPU.map { max($0.requests, $0.ipis, $0.lazySkips) }.max() ?? 1)
        var html = "<table class=\"linux-cpus\"><tr><th>cpu</th><th>flush requests</th><th>IPIs sent</th>"
        html += "<th>lazy CPUs skipped</th></tr>\n"
        for row in figures.perCPU {
            html += "<tr><td class=\"mono\">cpu\(row.cpu)</td>"
            for (value, color) in [(row.requests, "#9ca3af"), (row.ipis, "#2563eb"), (row.lazySkips, "#15803d")] {
                let percent = Int((Double(value) / Double(peak) * 100).rounded())
                // The length is a share of one scale for all three columns (`--f`, in percent: see
                // `.hbar`), not of the cell, so the count stays on the bar's line.
                html += "<td><span class=\"hbar\" style=\"--f:\(percent);background:\(color)\"></span> \(value)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }
}
