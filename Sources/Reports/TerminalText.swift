import Foundation
import HubModel
import Planner

/// Highlighting for text on a terminal (colour, when the caller has one); plain by default.
public struct Emphasis: Sendable {
    public var good: @Sendable (String) -> String
    public var warn: @Sendable (String) -> String
    public var bad: @Sendable (String) -> String

    public init(good: @escaping @Sendable (String) -> String, warn: @escaping @Sendable (String) -> String,
                bad: @escaping @Sendable (String) -> String) {
        self.good = good
        self.warn = warn
        self.bad = bad
    }

    public static let plain = Emphasis(good: { $0 }, warn: { $0 }, bad: { $0 })
}



/// What `hubplan plan` prints: the proof, the cost, its terms, reach, unmet demand and the busiest people and places.
public struct PlanSummary {
    let plan: Plan
    let scenario: Scenario
    let violations: [PlanViolation]
    let emphasis: Emphasis

    public init(plan: Plan, scenario: Scenario, violations: [PlanViolation], emphasis: Emphasis = .plain) {
        self.plan = plan
        self.scenario = scenario
        self.violations = violations
        self.emphasis = emphasis
    }

    public var text: String {
        func money(_ x: Double) -> String { "£" + String(format: "%.0f", x) }
        var lines: [String] = []
        lines.append("\(plan.scenario), \(plan.year)")
        let proof = plan.proven.words + (plan.status == .interrupted ? " (interrupted)" : "")
        lines.append("plan       \(plan.proven == .optimal ? emphasis.good(proof) : emphasis.warn(proof))")
        lines.append("cost       \(money(plan.objective))")
        lines.append("bound      \(money(plan.bound)) (no plan can cost less)")
        lines.append("seconds    \(String(format: "%.2f", plan.seconds))")
        lines.append("plan check \(violations.isEmpty ? emphasis.good("passed") : emphasis.bad("\(violations.count) violation(s)"))")
        lines.append("")
        lines.append("cost terms")
        lines.append(TextTable.render(CostTerm.allCases.map { [$0.words, money(plan.costs[$0] ?? 0)] }))
        lines.append("")
        lines.append("cost by authority")
        lines.append(TextTable.render(plan.costsByAuthority.sorted { $0.key < $1.key }.map { [$0.key, money($0.value)] }))
        if let reach = plan.reach {
            lines.append("")
            lines.append("reach and equity")
            var rows: [[String]] = [["authority", "schools engaged", "travel median", "p90", "worst (min, one way)"]]
            for a in scenario.authorities {
                let t = reach.travelByAuthority[a.id]
                rows.append([a.id, "\(reach.schoolsEngaged[a.id] ?? 0) / \(reach.schools[a.id] ?? 0)",
                             t.map { String(format: "%.0f", $0.median) } ?? "-", t.map { String(format: "%.0f", $0.p90) } ?? "-",
                             t.map { String(format: "%.0f", $0.worst) } ?? "-"])
            }
            let engaged = reach.schoolsEngaged.values.reduce(0, +), total = reach.schools.values.reduce(0, +)
            rows.append(["total", "\(engaged) / \(total)", "", "", ""])
            lines.append(TextTable.render(rows))
        }
        lines.append("")
        lines.append("\(plan.cohorts.count) cohorts, \(plan.sessions.count) sessions, \(plan.forums.count) forums, \(plan.adviserAssignments.count) adviser days")
        if let cal = plan.calendar {
            lines.append("calendar: \(cal.schoolDayClashes) school-days with teachers out for two or more cohorts; busiest day "
                + "\(cal.busiestDay.map(\.description) ?? "-") with \(cal.sessionsOnBusiestDay) sessions; \(cal.teacherDaysOut) teacher-days out of school; "
                + "\(cal.sessionsOnAvoidDays) sessions on days their schools avoid (test weeks, exam seasons)")
        }
        if let events = plan.events {
            let apart = events.filter { $0.notGathered != nil }
            lines.append("events: \(events.count - apart.count) of \(events.count) gathered their cohorts "
                + "(\(events.filter { $0.notGathered == nil }.reduce(0) { $0 + $1.participants }) participants)")
            for e in apart { lines.append("  \(e.id) met apart: \(e.notGathered ?? "")") }
        }
        if let carried = plan.carriedOver {
            let kept = carried.filter { $0.from != nil && $0.cohort != nil }
            lines.append("carried over from last year: \(kept.count) of \(carried.filter { $0.from != nil }.count) cohorts go on "
                + "(\(kept.filter { $0.teamLeft.isEmpty }.count) with the same facilitators); \(kept.reduce(0) { $0 + $1.stayed }) participants stayed, "
                + "\(kept.reduce(0) { $0 + $1.left }) left, \(carried.reduce(0) { $0 + $1.joined }) joined (csv/continuation.csv)")
        }
        if plan.unmet.isEmpty {
            lines.append("unmet demand: none")
        } else {
            lines.append("unmet demand:")
            for u in plan.unmet.prefix(20) { lines.append("  \(u.what): \(formatAmount(u.amount)) — \(u.why)") }
            if plan.unmet.count > 20 { lines.append("  … and \(plan.unmet.count - 20) more (see plan.json)") }
        }
        let util = Utilisation(plan: plan, scenario: scenario)
        lines.append("")
        lines.append("top facilitator utilisation (days used / days available in the year)")
        lines.append(TextTable.render(util.facilitators.prefix(5).map { [$0.id, String(format: "%.1f / %.0f", $0.used, $0.available), String(format: "%.0f%%", $0.share * 100)] }))
        lines.append("top adviser utilisation (support and chairing days / capacity)")
        lines.append(TextTable.render(util.advisers.prefix(3).map { [$0.id, String(format: "%.0f / %.0f", $0.used, $0.available), String(format: "%.0f%%", $0.share * 100)] }))
        lines.append("busiest venues (days booked / open teaching days)")
        lines.append(TextTable.render(util.venues.prefix(3).map { [$0.id, String(format: "%.0f / %.0f", $0.used, $0.available), String(format: "%.0f%%", $0.share * 100)] }))
        return lines.joined(separator: "\n")
    }

    func formatAmount(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }

    public func jsonString() -> String {
        var o: [String: Any] = ["status": plan.status.rawValue, "proof": plan.proven.words, "objective": plan.objective, "bound": plan.bound, "gap": plan.gap,
                                "seconds": plan.seconds, "costs": Dictionary(uniqueKeysWithValues: plan.costs.map { ($0.key.rawValue, $0.value) }), "unmet": plan.unmet.count,
                                "violations": violations.map(\.description)]
        o["sessions"] = plan.sessions.count
        let data = (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The validate summary as an aligned table.
public struct SummaryTable {
    let summary: ScenarioSummary
    let scenario: Scenario

    public init(_ summary: ScenarioSummary, scenario: Scenario) {
        self.summary = summary
        self.scenario = scenario
    }

    public var text: String {
        let rows = summary.rows + [summary.total]
        var lines: [[String]] = [["", ] + rows.map(\.authority)]
        func add(_ label: String, _ f: (ScenarioSummary.Row) -> Int) { lines.append([label] + rows.map { String(f($0)) }) }
        add("schools", \.schools)
        add("focus schools", \.focusSchools)
        add("facilitators", \.facilitators)
        add("advisers", \.advisers)
        add("venues", \.venues)
        for p in summary.programmeIds { add("  \(p)", { $0.participants[p] ?? 0 }) }
        add("participants", \.totalParticipants)
        return "\(scenario.name), \(scenario.yearLabel)\n" + TextTable.render(lines)
    }
}

/// Left-aligned first column, right-aligned numbers.
public enum TextTable {
    public static func render(_ lines: [[String]]) -> String {
        let widths = (0..<(lines.map(\.count).max() ?? 0)).map { c in lines.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// The what-if comparison: one row per figure, one column per plan.
public enum ComparisonTable {
    /// Rows of (label, value per plan) for a side-by-side table.
    public static func rows(_ all: [PlanKPIs]) -> [(String, [String])] {
        func money(_ x: Double) -> String { "£" + String(format: "%.0f", x) }
        var rows: [(String, [String])] = [
            ("status", all.map(\.status.rawValue)), ("gap", all.map { String(format: "%.2f%%", $0.gap * 100) }),
            ("total cost", all.map { money($0.objective) }),
        ]
        for t in CostTerm.allCases { rows.append(("  " + t.words, all.map { money($0.costs[t] ?? 0) })) }
        rows += [
            ("participants served", all.map { String($0.participantsServed) }),
            ("unmet items", all.map { String($0.unmetItems) }),
            ("unmet amount", all.map { String(format: "%.0f", $0.unmetAmount) }),
            ("facilitator use, mean", all.map { String(format: "%.0f%%", $0.facilitatorUtilisationMean * 100) }),
            ("facilitator use, max", all.map { String(format: "%.0f%%", $0.facilitatorUtilisationMax * 100) }),
            ("venue days", all.map { String($0.venueDays) }),
            ("travel minutes", all.map { String(format: "%.0f", $0.travelMinutes) }),
        ]
        return rows
    }

    /// The table as text, with a header row of variant names.
    public static func text(_ all: [PlanKPIs]) -> String {
        TextTable.render([["figure"] + all.map(\.variant)] + rows(all).map { [$0.0] + $0.1 })
    }
}
