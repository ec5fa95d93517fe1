import Foundation
import HubModel
import Planner
import Reports

/// The national picture gathered from the results folder: every unit's status, the
/// totals, the slowest units, and what failed or is missing.
public struct NationalSummary: Codable, Sendable {
    public var units: [UnitStatus]
    /// Units of the run with no status yet (never started, or their shard died).
    public var missing: [String]
    public var failed: [String]
    public var totals: Totals
    /// The ten slowest units, slowest first.
    public var slowest: [String]

    public struct Totals: Codable, Sendable, Equatable {
        public var units: Int
        public var done: Int
        public var cost: Double
        public var bound: Double
        /// (cost − bound) / cost over the done units: what the national plan is proven within.
        public var gap: Double
        public var unmetItems: Int
        public var participantsServed: Int
        public var seconds: Double
        public var slowestSeconds: Double
        /// Where the time went, summed over the units: loading, planning, checking, writing the outputs.
        public var loadSeconds: Double
        public var planSeconds: Double
        public var checkSeconds: Double
        public var writeSeconds: Double
    }

    /// Reads the status of every expected unit.
    public init(expected: [NationalUnit], results: URL) {
        var units: [UnitStatus] = [], missing: [String] = []
        for unit in expected.sorted() {
            if let s = NationalRun.status(of: unit, in: results) { units.append(s) } else { missing.append(unit.description) }
        }
        self.units = units
        self.missing = missing
        failed = units.filter { $0.state == .failed }.map { $0.unit.description }
        let done = units.filter { $0.state == .done }
        let cost = done.reduce(0) { $0 + ($1.objective ?? 0) }, bound = done.reduce(0) { $0 + ($1.bound ?? 0) }
        totals = Totals(units: expected.count, done: done.count, cost: cost, bound: bound, gap: cost > 0 ? (cost - bound) / cost : 0,
                        unmetItems: done.reduce(0) { $0 + ($1.unmetItems ?? 0) },
                        participantsServed: done.reduce(0) { $0 + ($1.participantsServed ?? 0) },
                        seconds: units.reduce(0) { $0 + $1.seconds }, slowestSeconds: units.map(\.seconds).max() ?? 0,
                        loadSeconds: units.reduce(0) { $0 + ($1.loadSeconds ?? 0) }, planSeconds: units.reduce(0) { $0 + ($1.planSeconds ?? 0) },
                        checkSeconds: units.reduce(0) { $0 + ($1.checkSeconds ?? 0) }, writeSeconds: units.reduce(0) { $0 + ($1.writeSeconds ?? 0) })
        slowest = units.sorted { ($0.seconds, $1.unit) > ($1.seconds, $0.unit) }.prefix(10).map { "\($0.unit) \(String(format: "%.1f", $0.seconds)) s" }
    }

    /// Whether every unit is done.
    public var complete: Bool { missing.isEmpty && failed.isEmpty }

    /// national.json, national.csv and national.html.
    public func files() throws -> [(path: String, data: Data)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [("national.json", try encoder.encode(self)), ("national.csv", Data(csv.utf8)), ("national.html", Data(html.utf8))]
    }

    var csv: String {
        var out = "hub,variant,state,status,cost,bound,gap,unmet_items,participants_served,facilitator_utilisation,seconds,load_seconds,plan_seconds,check_seconds,write_seconds,shard,error\r\n"
        func cell(_ s: String) -> String { s.contains(where: { ",\"\r\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        func num(_ x: Double?, _ digits: Int = 2) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "" }
        for u in units {
            out += [cell(u.hub), cell(u.variant ?? ""), u.state.rawValue, u.status?.rawValue ?? "", num(u.objective), num(u.bound), num(u.gap, 6),
                    u.unmetItems.map(String.init) ?? "", u.participantsServed.map(String.init) ?? "", num(u.facilitatorUtilisation, 4),
                    num(u.seconds, 3), num(u.loadSeconds, 3), num(u.planSeconds, 3), num(u.checkSeconds, 3), num(u.writeSeconds, 3),
                    cell(u.shard), cell(u.error ?? "")].joined(separator: ",") + "\r\n"
        }
        return out
    }

    var html: String {
        let money = HTML.pounds
        var b = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>National run</title><style>\(HTMLReport.style)</style></head><body>
        <header><p class="kicker">National run</p><h1>\(totals.done) of \(totals.units) plans done</h1>
        <p class="lead">Together they cost <strong>\(money(totals.cost))</strong>; no plans can cost less than \(money(totals.bound)) (within \(String(format: "%.2f", 100 * totals.gap))%).</p></header><main>
        """
        b += "<section id=\"summary\"><h2>Summary</h2><div class=\"kpis\">"
        for (label, value) in [("plans done", "\(totals.done) of \(totals.units)"), ("failed", "\(failed.count)"), ("missing", "\(missing.count)"),
                               ("participants placed", "\(totals.participantsServed)"), ("unmet items", "\(totals.unmetItems)"),
                               ("seconds, all units", String(format: "%.1f", totals.seconds)), ("slowest unit, s", String(format: "%.1f", totals.slowestSeconds)),
                               ("of which planning, s", String(format: "%.1f", totals.planSeconds)), ("writing outputs, s", String(format: "%.1f", totals.writeSeconds))] {
            b += "<div class=\"kpi\"><b>\(HTML.escape(value))</b>\(HTML.escape(label))</div>"
        }
        b += "</div></section>"
        if !failed.isEmpty || !missing.isEmpty {
            b += "<section id=\"problems\"><h2>Failed or missing</h2>" + HTML.table(caption: "Units to run again", header: ["Unit", "What happened"],
                rows: units.filter { $0.state == .failed }.map { [$0.unit.description, $0.error ?? "failed"] } + missing.map { [$0, "no status: not run yet, or its shard stopped"] }) + "</section>"
        }
        b += "<section id=\"slowest\"><h2>Slowest units</h2><ol>" + slowest.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ol></section>"
        b += "<section id=\"units\"><h2>Every unit</h2>" + HTML.table(caption: "Every hub and variant", header: ["Unit", "State", "Cost", "Gap", "Unmet items", "Participants", "Facilitator use", "Seconds"],
            rows: units.map { u in
                [u.unit.description, u.state.rawValue, u.objective.map(money) ?? "", u.gap.map { String(format: "%.2f%%", 100 * $0) } ?? "",
                 u.unmetItems.map(String.init) ?? "", u.participantsServed.map(String.init) ?? "",
                 u.facilitatorUtilisation.map { String(format: "%.0f%%", 100 * $0) } ?? "", String(format: "%.1f", u.seconds)]
            }, id: "unit-table") + "</section>"
        return b + "</main><footer><p>Made by HubPlan from the status files of a national run.</p></footer></body></html>\n"
    }
}
