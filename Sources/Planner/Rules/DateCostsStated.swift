import Foundation
import HubModel

/// The costs a plan states for its dates are what its dates cost: supply cover, school-day clashes, avoid days, spacing and weekdays.
///
/// Worked out here from the plan's sessions and the scenario's weights alone, in
/// code that shares nothing with the pricing or the dating model, so a model that
/// misjudges a date, or a plan whose dates were edited after it was priced, shows.
/// Terms a plan does not state (plans made before dates were priced) are not checked.
struct DateCostsStated: PlanRule {
    static let id = RuleID.dateCosts
    static let sentence = "The costs a plan states for its dates are what its dates cost: supply cover, school-day clashes, avoid days, spacing and weekdays."

    func check(_ f: PlanFacts) -> [String] {
        let w = f.scenario.weights
        var worked: [CostTerm: Double] = [.schoolRelease: 0, .schoolDayClashes: 0, .avoidDays: 0, .sessionSpacing: 0, .weekdayChanges: 0]
        var out: [String: Set<String>] = [:]   // school and day → cohorts with its teachers out in school hours
        for d in f.deliveries {
            let s = d.session
            let present = f.members(d.cohort, at: d.pattern.halfTerm)
            let teachers = present.map(\.participants).reduce(0, +)
            let startsBy3pm = (Self.minutes(s.start) ?? 540) < 15 * 60
            if !s.online && startsBy3pm {
                worked[.schoolRelease, default: 0] += Double(teachers) * (s.hours > 3.5 ? 1 : 0.5) * w.releasePerDay
                // One event takes a school's teachers out once, whichever cohorts they are in.
                for place in present where place.participants > 0 {
                    out["\(place.school) \(s.date)", default: []].insert(s.event.map { "event \($0)" } ?? d.cohort.id)
                }
            }
            let asking = present.filter { place in
                guard let school = f.schools[place.school] else { return false }
                return f.scenario.calendar.closures.contains { c in
                    c.day == s.date && (c.school.map { $0 == school.id } ?? (c.kind == .avoid && c.concerns(school)))
                }
            }
            worked[.avoidDays, default: 0] += Double(asking.map(\.participants).reduce(0, +)) * w.avoidDay
        }
        worked[.schoolDayClashes] = Double(out.values.map { $0.count - 1 }.reduce(0, +)) * w.schoolDayClash
        for (_, held) in Dictionary(grouping: f.deliveries, by: { $0.cohort.id }) {
            let dates = held.sorted { $0.session.session < $1.session.session }.map(\.session.date)
            for k in dates.indices.dropFirst() {
                let gap = Double(dates[k].ordinal - dates[k - 1].ordinal)
                worked[.sessionSpacing, default: 0] += (max(0, w.minSpacingDays - gap) + max(0, gap - w.maxSpacingDays)) * w.spacingPerDay
            }
            var perWeekday: [Weekday: Int] = [:]
            for day in dates { perWeekday[day.weekday, default: 0] += 1 }
            worked[.weekdayChanges, default: 0] += Double(dates.count - (perWeekday.values.max() ?? 0)) * w.weekdayChange
        }
        return worked.keys.sorted { $0.rawValue < $1.rawValue }.compactMap { term in
            guard let stated = f.plan.costs[term], let actual = worked[term], abs(stated - actual) > 0.01 + 1e-6 * abs(actual) else { return nil }
            return "the plan states £\(String(format: "%.2f", stated)) for \(term.words.lowercased()), its dates cost £\(String(format: "%.2f", actual))"
        }
    }

    /// Minutes after midnight of "HH:MM".
    static func minutes(_ text: String) -> Int? {
        let bits = text.split(separator: ":").compactMap { Int($0) }
        return bits.count == 2 ? bits[0] * 60 + bits[1] : nil
    }
}
