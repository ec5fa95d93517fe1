import Forecast
import Foundation
import HubModel
import Planner

/// Spreadsheet files for the office: UTF-8, a header row, ISO dates, stable order.
public enum CSVExport {
    public static func files(plan: Plan, scenario: Scenario, forecasts: [ProgrammeForecast] = []) -> [(String, String)] {
        var out: [(String, String)] = []
        out.append(("sessions.csv", table(["date", "start", "hours", "half_term", "programme", "cohort", "session", "venue", "room", "facilitators", "participants", "online"],
            plan.sessions.sorted { ($0.date, $0.start, $0.cohort, $0.session) < ($1.date, $1.start, $1.cohort, $1.session) }.map {
                [$0.date.description, $0.start, num($0.hours), $0.halfTerm.rawValue, $0.programme, $0.cohort, String($0.session), $0.venue ?? "", $0.room ?? "",
                 $0.facilitators.joined(separator: ";"), String($0.participants), $0.online ? "yes" : "no"]
            })))
        out.append(("forums.csv", table(["date", "start", "hours", "half_term", "forum", "scope", "venue", "room", "chair", "attendees"],
            plan.forums.sorted { ($0.date, $0.scope) < ($1.date, $1.scope) }.map {
                [$0.date.description, $0.start, num($0.hours), $0.halfTerm.rawValue, $0.forum, $0.scope, $0.venue, $0.room, $0.chair, String($0.attendees)]
            })))
        out.append(("adviser_assignments.csv", table(["date", "half_term", "school", "adviser", "days", "kind"],
            plan.adviserAssignments.sorted { ($0.date?.description ?? "", $0.school) < ($1.date?.description ?? "", $1.school) }.map {
                [$0.date?.description ?? "", $0.halfTerm.rawValue, $0.school, $0.adviser, num($0.days), $0.kind.rawValue]
            })))
        out.append(("utilisation.csv", table(["kind", "id", "used_days", "available_days", "share"],
            plan.utilisation.map { [$0.kind.rawValue, $0.id, num($0.used), num($0.available), String(format: "%.3f", $0.available > 0 ? $0.used / $0.available : 0)] })))
        out.append(("costs.csv", table(["term", "pounds"], CostTerm.allCases.map { [$0.rawValue, String(format: "%.2f", plan.costs[$0] ?? 0)] }
            + [["total", String(format: "%.2f", plan.objective)], ["bound", String(format: "%.2f", plan.bound)]])))
        out.append(("unmet.csv", table(["what", "amount", "reason"], plan.unmet.map { [$0.what, num($0.amount), $0.why] })))
        if !forecasts.isEmpty { out.append(("forecast.csv", forecastTable(forecasts))) }
        if let carried = plan.carriedOver { out.append(("continuation.csv", continuation(carried))) }
        if let reviews = plan.inductionReviews {
            out.append(("induction_reviews.csv", table(["date", "half_term", "school", "assessor", "inductions", "hours", "kind"],
                reviews.map { [$0.date.description, $0.halfTerm.rawValue, $0.school, $0.assessor, String($0.inductions), num($0.hours), $0.kind] })))
        }
        return out
    }

    /// What became of last year's cohorts: one row per cohort carried on, dissolved or newly formed for joiners.
    public static func continuation(_ rows: [CarriedOver]) -> String {
        table(["last_year_cohort", "cohort", "stayed", "left", "joined", "venue_before", "venue_after", "team_kept", "team_left", "team_joined", "note"],
              rows.map { [$0.from ?? "", $0.cohort ?? "", String($0.stayed), String($0.left), String($0.joined), $0.venueBefore ?? "",
                          $0.venueAfter ?? "", $0.teamKept.joined(separator: ";"), $0.teamLeft.joined(separator: ";"),
                          $0.teamJoined.joined(separator: ";"), $0.note ?? ""] })
    }

    /// The forecasts as CSV (`hubplan plan`'s csv/forecast.csv and `hubplan forecast --out`):
    /// one row per programme, authority and year, with the method that made it (quoted
    /// when it holds a comma, as `combo(otm,ces,drift)` does).
    public static func forecastTable(_ forecasts: [ProgrammeForecast]) -> String {
        table(["programme", "authority", "year", "method", "forecast", "lo80", "hi80", "lo95", "hi95"],
              forecasts.flatMap { f in f.years.enumerated().map { i, y in
                  [f.programme, f.authority, AcademicYear.label(y), f.result.method] + [f.result.forecast[i], f.result.lo80[i], f.result.hi80[i],
                   f.result.lo95[i], f.result.hi95[i]].map { String(format: "%.1f", $0) }
              } })
    }

    /// The what-if comparison: a row per figure, a column per plan.
    public static func comparison(_ kpis: [PlanKPIs]) -> String {
        table(["figure"] + kpis.map(\.variant),
              ComparisonTable.rows(kpis).map { [$0.0.trimmingCharacters(in: .whitespaces)] + $0.1 })
    }

    /// What a re-plan changed, a row per change.
    public static func changes(_ changes: [PlanChange]) -> String {
        table(["kind", "what", "before", "after"], changes.map { [$0.kind.rawValue, $0.what, $0.before, $0.after] })
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func field(_ s: String) -> String { CSVText.field(s) }

    static func num(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
