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
    public static func table(caption: String, header: [String], rows: [[String]], rowHeaders: Bool = true, id: String? = nil) -> String {
        var t = "<table\(id.map { " id=\"\($0)\"" } ?? "")><caption>\(escape(caption))</caption><thead><tr>"
        t += header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows {
            t += "<tr>" + r.enumerated().map { i, c in
                i == 0 && rowHeaders ? "<th scope=\"row\">\(escape(c))</th>" : "<td>\(escape(c))</td>"
            }.joined() + "</tr>"
        }
        return t + "</tbody></table>"
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
            b += "<p>Hub totals by programme: history (solid), forecast (dashed) with 80% (dark) and 95% (light) intervals. Intervals of the boroughs are combined assuming independent errors. Each chart names the method that made it: the same forecast as <code>hubplan forecast</code>, the capacity table and what-if demand.</p>"
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
                let text = "Method: \(methods). " + (enrolledOnly ? "No history; enrolled in the plan year " : "History ") + history.map { "\(AcademicYear.label($0.0)) \(Int($0.1))" }.joined(separator: ", ")
                    + ". Forecast " + rows.map { "\(AcademicYear.label($0.0)) \(Int($0.1.rounded())) (80%: \(Int($0.2.rounded()))–\(Int($0.3.rounded())); 95%: \(Int($0.4.rounded()))–\(Int($0.5.rounded())))" }.joined(separator: ", ")
                b += "<figure><h3>\(HTML.escape(p.name)) (\(p.id))</h3>" + SVGChart.fan(title: "\(p.id) forecast", description: text, history: history,
                                                                                      forecast: rows, yearLabel: AcademicYear.label)
                b += "<figcaption>\(HTML.escape(text))</figcaption></figure>"
            }
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

    public static func render(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast] = []) -> String {
        let money: (Double) -> String = { "£" + String(format: "%.0f", $0) }
        let la = Dictionary(scenario.authorities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let venueName = Dictionary(scenario.venues.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let cohortAuthority = Dictionary(plan.cohorts.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        var b = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(plan.scenario)) — plan \(HTML.escape(plan.year))</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1a1a1a;line-height:1.4}
        h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:2px solid #2b6cb0;padding-bottom:.2rem}h3{margin-top:1.4rem}
        table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.88rem;width:100%}caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border:1px solid #ccd;padding:.25rem .45rem;text-align:left;vertical-align:top}thead th{background:#eef3fa}
        .kpis{display:flex;flex-wrap:wrap;gap:.8rem}.kpi{border:1px solid #ccd;border-radius:6px;padding:.5rem .8rem;min-width:9rem}
        .kpi b{display:block;font-size:1.3rem}.warn{color:#9b2c2c}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}
        nav ul{columns:3;font-size:.9rem}
        @media print{nav{display:none}h2{page-break-before:always}table{font-size:.75rem}body{margin:0}}
        </style></head><body>
        <header><h1>\(HTML.escape(plan.scenario)) — year plan \(HTML.escape(plan.year))</h1>
        <p>This plan is <strong>\(HTML.escape(plan.proven.words))</strong>\(plan.status == .interrupted ? " (planning was interrupted)" : ""): it costs \(money(plan.objective)), and no plan can cost less than \(money(plan.bound)).</p></header>
        <nav aria-label="Contents"><ul><li><a href="#summary">Summary</a></li><li><a href="#reach">Reach and equity</a></li><li><a href="#glance">Year at a glance</a></li>
        <li><a href="#costs">Costs</a></li><li><a href="#utilisation">Utilisation</a></li><li><a href="#forecast">Forecast to 2028</a></li>
        <li><a href="#unmet">Unmet demand</a></li><li><a href="#forums">Forums</a></li><li><a href="#advisers">Adviser allocations</a></li>
        <li><a href="#by-cohort">Timetable by cohort</a></li><li><a href="#by-facilitator">by facilitator</a></li><li><a href="#by-venue">by venue</a></li><li><a href="#by-borough">by borough</a></li></ul></nav>
        <main>
        """
        let participants = plan.cohorts.reduce(0) { $0 + $1.participants }
        let engaged = plan.reach.map { $0.schoolsEngaged.values.reduce(0, +) } ?? 0
        b += "<section id=\"summary\"><h2>Summary</h2><div class=\"kpis\">"
        for (label, value) in [("participants placed", "\(participants)"), ("cohorts", "\(plan.cohorts.count)"),
                               ("sessions", "\(plan.sessions.count)"), ("forums", "\(plan.forums.count)"),
                               ("adviser days", "\(plan.adviserAssignments.count)"),
                               ("schools engaged", "\(engaged) of \(scenario.schools.count)"),
                               ("unmet items", "\(plan.unmet.count)")] {
            b += "<div class=\"kpi\"><b>\(HTML.escape(value))</b>\(HTML.escape(label))</div>"
        }
        b += "</div></section>"

        // Reach and equity
        b += "<section id=\"reach\"><h2>Reach and equity</h2>"
        if let reach = plan.reach {
            b += HTML.table(caption: "Schools engaged and participants' travel (one way, minutes) by borough",
                            header: ["borough", "schools engaged", "participants travelling", "median", "90th percentile", "worst"],
                            rows: scenario.authorities.map { a in
                                let t = reach.travelByAuthority[a.id]
                                return [a.name, "\(reach.schoolsEngaged[a.id] ?? 0) of \(reach.schools[a.id] ?? 0)", "\(t?.participants ?? 0)",
                                        t.map { String(format: "%.0f", $0.median) } ?? "–", t.map { String(format: "%.0f", $0.p90) } ?? "–",
                                        t.map { String(format: "%.0f", $0.worst) } ?? "–"]
                            })
            b += HTML.table(caption: "Participants served by programme", header: ["programme", "participants"],
                            rows: reach.participantsByProgramme.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
            let travelItems = scenario.authorities.compactMap { a in reach.travelByAuthority[a.id].map { (a.name + " median", $0.median) } }
                + scenario.authorities.compactMap { a in reach.travelByAuthority[a.id].map { (a.name + " 90th pct", $0.p90) } }
            b += "<figure>" + SVGChart.bars(title: "Travel to sessions by borough",
                                            description: "Median and 90th percentile one-way travel minutes of participants, by borough: "
                                                + travelItems.map { "\($0.0) \(String(format: "%.0f", $0.1)) minutes" }.joined(separator: "; "),
                                            items: travelItems, unit: " min") + "<figcaption>Participants' one-way travel to their cohort's venue.</figcaption></figure>"
        }
        b += "</section>"

        // Year at a glance
        b += "<section id=\"glance\"><h2>Year at a glance</h2>"
        var glance: [[String]] = []
        for ht in HalfTerm.allCases {
            var row = ["\(ht.rawValue) \(ht.longName)"]
            for a in scenario.authorities {
                let range = scenario.calendar.halfTerms[a.id]?[ht]
                let count = plan.sessions.filter { $0.halfTerm == ht && cohortAuthority[$0.cohort] == a.id }.count
                row.append(range.map { "\($0.first) to \($0.last): \(count) sessions" } ?? "–")
            }
            row.append("\(plan.forums.filter { $0.halfTerm == ht }.count)")
            glance.append(row)
        }
        b += HTML.table(caption: "Half-terms by borough, with the sessions each borough's cohorts attend",
                        header: ["half-term"] + scenario.authorities.map(\.name) + ["forums"], rows: glance) + "</section>"

        // Costs
        b += "<section id=\"costs\"><h2>Costs</h2>"
        b += HTML.table(caption: "Cost by term", header: ["term", "cost"], rows: CostTerm.allCases.map { [$0.words, money(plan.costs[$0] ?? 0)] } + [["total", money(plan.objective)]])
        b += "<figure>" + SVGChart.bars(title: "Cost by term", description: CostTerm.allCases.map { "\($0.words) \(money(plan.costs[$0] ?? 0))" }.joined(separator: "; "),
                                        items: CostTerm.allCases.map { ($0.words, plan.costs[$0] ?? 0) }, unit: "") + "<figcaption>Weighted cost of each term, £.</figcaption></figure>"
        b += HTML.table(caption: "Cost by borough (costs tied to one)", header: ["borough", "cost"],
                        rows: plan.costsByAuthority.sorted { $0.key < $1.key }.map { [la[$0.key] ?? $0.key, money($0.value)] })
        b += HTML.table(caption: "Cost by programme (costs tied to one)", header: ["programme", "cost"],
                        rows: plan.costsByProgramme.sorted { $0.key < $1.key }.map { [$0.key, money($0.value)] })
        b += "</section>"

        // Utilisation
        b += "<section id=\"utilisation\"><h2>Utilisation</h2>"
        for kind in Resource.allCases {
            let items = plan.utilisation.filter { $0.kind == kind }.sorted { $0.id < $1.id }
            guard !items.isEmpty else { continue }
            let shares = items.map { ($0.id, $0.available > 0 ? 100 * $0.used / $0.available : 0) }
            b += "<figure>" + SVGChart.bars(title: "\(kind.rawValue.capitalized) utilisation",
                                            description: shares.map { "\($0.0) \(String(format: "%.0f", $0.1))%" }.joined(separator: "; "),
                                            items: shares, unit: "%")
            b += "<figcaption>Days used as a share of days available in the year, per \(kind.rawValue).</figcaption></figure>"
        }
        b += "</section>"

        // Forecast
        b += forecastSection(scenario: scenario, forecasts: forecasts)

        // Unmet
        b += "<section id=\"unmet\"><h2>Unmet demand</h2>"
        b += plan.unmet.isEmpty ? "<p>Everything was planned: no unmet demand.</p>"
            : HTML.table(caption: "What could not be met, and why", header: ["what", "amount", "reason"],
                         rows: plan.unmet.map { [$0.what, CSVExport.num($0.amount), $0.why] })
        b += "</section>"

        // Forums and advisers
        b += "<section id=\"forums\"><h2>CPD Leaders Forums</h2>" + HTML.table(caption: "Forum calendar",
            header: ["date", "half-term", "forum", "scope", "venue", "room", "chair", "attendees"],
            rows: plan.forums.sorted { ($0.date, $0.scope) < ($1.date, $1.scope) }.map {
                [$0.date.description, $0.halfTerm.rawValue, $0.forum, la[$0.scope] ?? $0.scope, venueName[$0.venue] ?? $0.venue, $0.room, $0.chair, "\($0.attendees)"]
            }, id: "forum-table") + "</section>"
        b += "<section id=\"advisers\"><h2>Adviser allocations</h2>" + HTML.table(caption: "Expert adviser support days",
            header: ["date", "half-term", "school", "adviser", "kind", "days"],
            rows: plan.adviserAssignments.sorted { ($0.date?.ordinal ?? 0, $0.school) < ($1.date?.ordinal ?? 0, $1.school) }.map {
                [$0.date?.description ?? "", $0.halfTerm.rawValue, $0.school, $0.adviser, $0.kind.rawValue, CSVExport.num($0.days)]
            }, id: "adviser-table") + "</section>"

        // Timetables
        let sessionRow: (PlanSession) -> [String] = { s in
            [s.date.description, s.start, s.halfTerm.rawValue, s.programme, s.cohort, "\(s.session)", s.venue.map { venueName[$0] ?? $0 } ?? "online",
             s.room ?? "", s.facilitators.joined(separator: ", "), "\(s.participants)"]
        }
        let header = ["date", "start", "half-term", "programme", "cohort", "session", "venue", "room", "facilitators", "participants"]
        let byDate = plan.sessions.sorted { ($0.date, $0.start, $0.cohort, $0.session) < ($1.date, $1.start, $1.cohort, $1.session) }
        b += "<section id=\"by-cohort\"><h2>Timetable by cohort</h2>" + HTML.table(caption: "Every session, by cohort", header: header,
            rows: plan.sessions.sorted { ($0.cohort, $0.session) < ($1.cohort, $1.session) }.map(sessionRow), rowHeaders: false, id: "session-table") + "</section>"
        b += "<section id=\"by-facilitator\"><h2>Timetable by facilitator</h2>"
        for f in scenario.facilitators {
            let mine = byDate.filter { $0.facilitators.contains(f.id) }
            guard !mine.isEmpty else { continue }
            b += HTML.table(caption: "\(f.id) \(f.name)", header: header, rows: mine.map(sessionRow), rowHeaders: false)
        }
        b += "</section><section id=\"by-venue\"><h2>Timetable by venue</h2>"
        for v in scenario.venues {
            let mine = byDate.filter { $0.venue == v.id }
            guard !mine.isEmpty else { continue }
            b += HTML.table(caption: "\(v.name) (\(v.id))", header: header, rows: mine.map(sessionRow), rowHeaders: false)
        }
        b += "</section><section id=\"by-borough\"><h2>Timetable by borough</h2>"
        for a in scenario.authorities {
            let mine = byDate.filter { cohortAuthority[$0.cohort] == a.id }
            guard !mine.isEmpty else { continue }
            b += HTML.table(caption: a.name, header: header, rows: mine.map(sessionRow), rowHeaders: false)
        }
        b += "</section></main><footer><p>Made by HubPlan. Participants' travel is measured from the centre of their school's town.</p></footer></body></html>\n"
        return b
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
