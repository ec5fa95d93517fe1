import Forecast
import Foundation
import HubModel
import Planner

/// Escaping for HTML text and attributes.
public enum HTML {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A table with a caption, column headers and (optionally) row headers in the first column.
    public static func table(caption: String, header: [String], rows: [[String]], rowHeaders: Bool = true, id: String? = nil,
                             class className: String? = nil) -> String {
        var t = "<div class=\"scroll\"><table\(id.map { " id=\"\($0)\"" } ?? "")\(className.map { " class=\"\($0)\"" } ?? "")><caption>\(escape(caption))</caption><thead><tr>"
        t += header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows {
            t += "<tr>" + r.enumerated().map { i, c in
                i == 0 && rowHeaders ? "<th scope=\"row\">\(escape(c))</th>" : "<td>\(escape(c))</td>"
            }.joined() + "</tr>"
        }
        return t + "</tbody></table></div>"
    }
}

/// One self-contained HTML page for a plan: no network, no external fonts,
/// charts as inline SVG with text alternatives, readable printed.
public enum HTMLReport {
    /// Fan charts of hub totals by programme, each with its numbers as text.
    static func forecastSection(scenario: Scenario, forecasts: [ProgrammeForecast]) -> String {
        var b = ""
        b += "<section id=\"forecast\"><h2>Forecast to 2028</h2>"
        if forecasts.isEmpty {
            b += "<p>No forecast: the scenario has no history of three years or more.</p>"
        } else {
            b += "<p>Participants a year, hub totals by programme: history (solid), forecast (dashed) with 80% (dark) and 95% (light) intervals. Intervals of the boroughs are combined assuming independent errors. Each chart names the method that made it: the same forecast as <code>hubplan forecast</code>, the capacity table and what-if demand.</p><div class=\"fans\">"
            for p in scenario.programmes {
                let parts = forecasts.filter { $0.programme == p.id }
                guard !parts.isEmpty else { continue }
                var hist: [Int: Double] = [:]
                for r in scenario.history where r.programme == p.id { hist[r.year, default: 0] += Double(r.participants) }
                // A programme without history is forecast from the plan year's enrolment: show that as its past.
                let enrolledOnly = hist.isEmpty
                if enrolledOnly {
                    hist[scenario.year] = Double(scenario.enrolment.filter { $0.programme == p.id }.reduce(0) { $0 + $1.participants })
                }
                var rows: [(Int, Double, Double, Double, Double, Double)] = []
                for y in Set(parts.flatMap(\.years)).sorted() {
                    let at = parts.compactMap { f in f.years.firstIndex(of: y).map { (f.result, $0) } }
                    let mean = at.reduce(0) { $0 + $1.0.forecast[$1.1] }
                    // Each end on its own (calibrated intervals are not normal, and counts are clipped at zero).
                    func spread(_ k: KeyPath<ForecastResult, [Double]>) -> Double {
                        at.reduce(0) { $0 + pow($1.0[keyPath: k][$1.1] - $1.0.forecast[$1.1], 2) }.squareRoot()
                    }
                    rows.append((y, mean, max(0, mean - spread(\.lo80)), mean + spread(\.hi80), max(0, mean - spread(\.lo95)), mean + spread(\.hi95)))
                }
                let methods = Set(parts.map(\.result.method)).sorted().joined(separator: "; ")
                let history = hist.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                let text = "Participants. Method: \(methods). " + (enrolledOnly ? "No history; enrolled in the plan year " : "History ") + history.map { "\(AcademicYear.label($0.0)) \(Int($0.1))" }.joined(separator: ", ")
                    + ". Forecast " + rows.map { "\(AcademicYear.label($0.0)) \(Int($0.1.rounded())) (80%: \(Int($0.2.rounded()))–\(Int($0.3.rounded())); 95%: \(Int($0.4.rounded()))–\(Int($0.5.rounded())))" }.joined(separator: ", ")
                b += "<figure><h3>\(HTML.escape(p.name))</h3>" + SVGChart.fan(title: "\(p.id) forecast", description: text, history: history,
                                                                                      forecast: rows, yearLabel: AcademicYear.label)
                b += "<figcaption>\(HTML.escape(text))</figcaption></figure>"
            }
            b += "</div>"
        }
        b += "</section>"

        return b
    }

    /// A page of the forecast alone (`hubplan forecast --report`).
    public static func renderForecast(scenario: Scenario, forecasts: [ProgrammeForecast], capacity: [[String]]) -> String {
        var b = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>\(HTML.escape(scenario.name)) — forecast</title>"
        b += "<style>body{font-family:system-ui,Arial,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.25rem .45rem;text-align:left}thead th{background:#eef3fa}caption{text-align:left;font-weight:600}</style></head><body>"
        b += "<h1>\(HTML.escape(scenario.name)): enrolment forecast</h1>"
        b += forecastSection(scenario: scenario, forecasts: forecasts)
        if let header = capacity.first {
            b += HTML.table(caption: "Capacity needed against today's capacity", header: header, rows: Array(capacity.dropFirst()))
        }
        return b + "</body></html>\n"
    }
}

/// The what-if comparison as one self-contained page.
public enum WhatIfReport {
    public static func render(title: String, kpis: [PlanKPIs], unmet: [String: [UnmetItem]]) -> String {
        var b = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
        <style>body{font-family:system-ui,Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccd;padding:.3rem .5rem;text-align:right}
        th:first-child,td:first-child{text-align:left}thead th{background:#eef3fa}caption{text-align:left;font-weight:600}</style></head><body>
        <h1>\(HTML.escape(title))</h1><p>Each variant is the base scenario with its overlay applied, planned from scratch and checked.</p>
        """
        let rows = ComparisonTable.rows(kpis)
        b += "<table><caption>Variants side by side</caption><thead><tr><th scope=\"col\">figure</th>"
        b += kpis.map { "<th scope=\"col\">\(HTML.escape($0.variant))</th>" }.joined() + "</tr></thead><tbody>"
        for (label, values) in rows {
            b += "<tr><th scope=\"row\">\(HTML.escape(label))</th>" + values.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        b += "</tbody></table>"
        for k in kpis {
            let items = unmet[k.variant] ?? []
            b += "<h2>\(HTML.escape(k.variant)): unmet demand</h2>"
            b += items.isEmpty ? "<p>None.</p>" : HTML.table(caption: "What \(k.variant) could not meet", header: ["what", "amount", "reason"],
                                                             rows: items.map { [$0.what, CSVExport.num($0.amount), $0.why] })
        }
        return b + "</body></html>\n"
    }
}

extension HTML {
    /// An amount in pounds, as the report writes it ("£192,691").
    public static func pounds(_ x: Double) -> String { PlanNames.pounds(x) }
}
