import Foundation

/// Small inline SVG charts with text alternatives (title and description).
enum SVGChart {
    /// Horizontal bars, one per label, with the value written beside each bar.
    static func bars(title: String, description: String, items: [(String, Double)], unit: String = "") -> String {
        let width = 640.0, rowHeight = 22.0, labelWidth = 170.0, barMax = width - labelWidth - 90
        let height = rowHeight * Double(max(items.count, 1)) + 10
        let top = max(items.map(\.1).max() ?? 1, 1e-9)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id(title))-t \(id(title))-d\">"
        svg += "<title id=\"\(id(title))-t\">\(HTML.escape(title))</title><desc id=\"\(id(title))-d\">\(HTML.escape(description))</desc>"
        for (i, (label, value)) in items.enumerated() {
            let y = 5 + Double(i) * rowHeight
            let w = max(0, value / top * barMax)
            svg += "<text x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 15))\" text-anchor=\"end\" font-size=\"12\">\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(w))\" height=\"\(fmt(rowHeight - 8))\" fill=\"#2b6cb0\"/>"
            svg += "<text x=\"\(fmt(labelWidth + w + 5))\" y=\"\(fmt(y + 15))\" font-size=\"12\">\(HTML.escape(format(value) + unit))</text>"
        }
        return svg + "</svg>"
    }

    /// History as a line, then the forecast as a line inside 80% and 95% bands.
    static func fan(title: String, description: String, history: [(Int, Double)], forecast: [(Int, Double, Double, Double, Double, Double)],
                    yearLabel: (Int) -> String) -> String {
        let width = 640.0, height = 240.0, left = 60.0, right = 45.0, top = 15.0, bottom = 35.0
        let years = history.map(\.0) + forecast.map(\.0)
        guard let x0 = years.min(), let x1 = years.max() else { return "" }
        let values = history.map(\.1) + forecast.flatMap { [$0.2, $0.5] }
        let lo = min(0, values.min() ?? 0), hi = max(values.max() ?? 1, lo + 1)
        func x(_ yr: Int) -> Double { left + (x1 == x0 ? 0 : Double(yr - x0) / Double(x1 - x0)) * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom) }
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id(title))-t \(id(title))-d\">"
        svg += "<title id=\"\(id(title))-t\">\(HTML.escape(title))</title><desc id=\"\(id(title))-d\">\(HTML.escape(description))</desc>"
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(lo)))\" x2=\"\(fmt(width - right))\" y2=\"\(fmt(y(lo)))\" stroke=\"#555\"/>"
        for v in stride(from: 0.0, through: 1.0, by: 0.25) {
            let value = lo + v * (hi - lo)
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\">\(format(value))</text>"
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

    static func id(_ s: String) -> String {
        "c" + String(s.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
    }

    static func fmt(_ x: Double) -> String { String(format: "%.1f", x) }

    static func format(_ x: Double) -> String { abs(x) >= 100 ? String(format: "%.0f", x) : String(format: "%.1f", x) }
}
