import Foundation

/// Small inline SVG charts with text alternatives (title and description).
enum SVGChart {
    /// Horizontal bars, one per label, with the value written beside each bar.
    ///
    /// - Parameters:
    ///   - scale: the value a full-width bar stands for (100 for a percentage, so a venue at 21.9% is drawn
    ///     a fifth of the way); nil scales to the largest value, for amounts that have no natural maximum.
    ///   - label: how a value is written beside its bar ("£8,757", "21.9%").
    static func bars(title: String, description: String, items: [(String, Double)], scale: Double? = nil,
                     label valueText: (Double) -> String = { format($0) }) -> String {
        let width = 640.0, rowHeight = 22.0, labelWidth = 200.0, barMax = width - labelWidth - 90
        let height = rowHeight * Double(max(items.count, 1)) + 10
        let top = max(scale ?? items.map(\.1).max() ?? 1, 1e-9)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id(title))-t \(id(title))-d\">"
        svg += "<title id=\"\(id(title))-t\">\(HTML.escape(title))</title><desc id=\"\(id(title))-d\">\(HTML.escape(description))</desc>"
        for (i, (label, value)) in items.enumerated() {
            let y = 5 + Double(i) * rowHeight
            let w = max(0, min(value, top) / top * barMax)
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 15))\" text-anchor=\"end\" font-size=\"12\">\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(w))\" height=\"\(fmt(rowHeight - 8))\" fill=\"#2b6cb0\"/>"
            svg += "<text x=\"\(fmt(labelWidth + w + 5))\" y=\"\(fmt(y + 15))\" font-size=\"12\">\(HTML.escape(valueText(value)))</text>"
        }
        if scale != nil {
            // The scale's end, so a short bar reads as short.
            svg += "<line x1=\"\(fmt(labelWidth + barMax))\" y1=\"2\" x2=\"\(fmt(labelWidth + barMax))\" y2=\"\(fmt(height - 2))\" stroke=\"#999\" stroke-dasharray=\"3 3\"/>"
        }
        return svg + "</svg>"
    }

    /// History as a line, then the forecast as a line inside 80% and 95% bands.
    static func fan(title: String, description: String, history: [(Int, Double)], forecast: [(Int, Double, Double, Double, Double, Double)],
                    yearLabel: (Int) -> String) -> String {
        let width = 640.0, height = 240.0, left = 60.0, right = 45.0, top = 15.0, bottom = 35.0
        let years = history.map(\.0) + forecast.map(\.0)
        guard let x0 = years.min(), let x1 = years.max() else { return "" }
        let values = history.map(\.1) + forecast.flatMap { [$0.4, $0.5] }
        let ticks = niceTicks(min(0, values.min() ?? 0), max(values.max() ?? 1, 1))
        let lo = ticks.first ?? 0, hi = ticks.last ?? 1
        func x(_ yr: Int) -> Double { left + (x1 == x0 ? 0 : Double(yr - x0) / Double(x1 - x0)) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom) }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id(title))-t \(id(title))-d\">"
        svg += "<title id=\"\(id(title))-t\">\(HTML.escape(title))</title><desc id=\"\(id(title))-d\">\(HTML.escape(description))</desc>"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(lo)))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(y(lo)))\" stroke=\"#555\"/>"
        for value in ticks {
            svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(value)))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(y(value)))\" stroke=\"#e3e3e3\"/>"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\">\(tickLabel(value))</text>"
        }
        for yr in Array(Set(years)).sorted() {
            svg += "<text x=\"\(fmt(x(yr)))\" y=\"\(fmt(height - 12))\" text-anchor=\"middle\" font-size=\"11\">\(yearLabel(yr))</text>"
        }
        let anchor = history.last
        if !forecast.isEmpty {
            func band(_ loK: KeyPath<(Int, Double, Double, Double, Double, Double), Double>,
                      _ hiK: KeyPath<(Int, Double, Double, Double, Double, Double), Double>, _ colour: String) -> String {
                var pts = (anchor.map { ["\(fmt(x($0.0))),\(fmt(y($0.1)))"] } ?? [])
                pts += forecast.map { "\(fmt(x($0.0))),\(fmt(y($0[keyPath: hiK])))" }
                pts += forecast.reversed().map { "\(fmt(x($0.0))),\(fmt(y($0[keyPath: loK])))" }
                return "<polygon points=\"\(pts.joined(separator: " "))\" fill=\"\(colour)\"/>"
            }
            svg += band(\.4, \.5, "#c6dbef")  // 95%
            svg += band(\.2, \.3, "#6baed6")  // 80%
            let line = (anchor.map { [($0.0, $0.1)] } ?? []) + forecast.map { ($0.0, $0.1) }
            svg += "<polyline fill=\"none\" stroke=\"#08519c\" stroke-width=\"2\" stroke-dasharray=\"5 3\" points=\"\(line.map { "\(fmt(x($0.0))),\(fmt(y($0.1)))" }.joined(separator: " "))\"/>"
        }
        svg += "<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"2\" points=\"\(history.map { "\(fmt(x($0.0))),\(fmt(y($0.1)))" }.joined(separator: " "))\"/>"
        return svg + "</svg>"
    }

    /// Round ticks covering `lo…hi`: steps of 1, 2, 2.5 or 5 times a power of ten, four to
    /// seven of them, starting and ending on a tick (0, 50, 100, 150 — never 8.2, 87.2).
    static func niceTicks(_ lo: Double, _ hi: Double, aim: Int = 5) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return [lo, lo + 1] }
        let rough = (hi - lo) / Double(aim - 1)
        let power = pow(10, floor(log10(rough)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        let first = floor(lo / step) * step, last = ceil(hi / step) * step
        return stride(from: first, through: last + step / 2, by: step).map { ($0 / step).rounded() * step }
    }

    /// A tick as people write it: 150, 2.5, 1,200.
    static func tickLabel(_ x: Double) -> String {
        if x == x.rounded() {
            let f = NumberFormatter()
            f.numberStyle = .decimal
            f.locale = Locale(identifier: "en_GB")
            return f.string(from: NSNumber(value: Int(x))) ?? String(Int(x))
        }
        return String(format: "%g", x)
    }

    static func id(_ s: String) -> String {
        "c" + String(s.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    static func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    static func format(_ x: Double) -> String { abs(x) >= 100 ? String(format: "%.0f", x) : String(format: "%.1f", x) }
}
