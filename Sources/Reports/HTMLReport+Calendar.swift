import Foundation
import HubModel
import Planner

extension HTMLReport {
    /// The year as calendars: a month-by-month grid of school days with each borough's
    /// sessions (days with a school-day clash or an avoid day marked), and a grid of the
    /// days each facilitator works, month by month.
    static func calendar(_ plan: Plan, _ scenario: Scenario, _ n: PlanNames) -> String {
        let months = monthsOfYear(plan, scenario)
        var b = "<section id=\"calendar\"><h2>Calendar</h2>"
        if let c = plan.calendar {
            b += "<p>\(c.schoolDayClashes) school-day clash\(c.schoolDayClashes == 1 ? "" : "es") (a school with teachers out for two cohorts on one day); "
            b += "busiest day \(HTML.escape(longDate(c.busiestDay))) with \(c.sessionsOnBusiestDay) sessions; "
            b += "\(c.teacherDaysOut) teacher-days out of school; \(c.sessionsOnAvoidDays) session\(c.sessionsOnAvoidDays == 1 ? "" : "s") on a day their schools asked to avoid.</p>"
        }
        b += "<h3>School days by borough</h3><p>Each school day shows how many sessions each borough's cohorts have. "
        b += "<span class=\"cal-clash\">Marked</span>: a school has teachers out for two cohorts that day. <span class=\"cal-avoid\">Shaded</span>: some schools asked to avoid the day (tests, exams). Grey: no teaching anywhere.</p>"
        let sessionsByDay = Dictionary(grouping: plan.sessions, by: \.date)
        let clashDays = Set(CalendarFigures.schoolDaysOut(plan).filter { $0.value.count > 1 }.map(\.key.day))
        let avoidDays = Set(scenario.calendar.closures.filter(\.isAvoided).map(\.day))
        let teaching = Set(scenario.authorities.flatMap { a in HalfTerm.allCases.flatMap { scenario.calendar.teachingDays(authority: a.id, halfTerm: $0) } })
        for (k, month) in months.enumerated() {
            let count = month.days.reduce(0) { $0 + (sessionsByDay[$1]?.count ?? 0) }
            b += "<details\(k == 0 ? " open" : "")><summary>\(HTML.escape(month.name)) <span class=\"meta\">— \(count) session\(count == 1 ? "" : "s")</span></summary>"
            b += monthGrid(month, caption: "\(month.name): sessions by borough") { d in
                var classes: [String] = []
                if !teaching.contains(d) { classes.append("cal-off") }
                if avoidDays.contains(d) { classes.append("cal-avoid") }
                if clashDays.contains(d) { classes.append("cal-clash") }
                let here = sessionsByDay[d] ?? []
                let lines = scenario.authorities.compactMap { a -> String? in
                    let k = here.filter { n.cohortAuthority[$0.cohort] == a.id }.count
                    return k > 0 ? "\(HTML.escape(a.name)) \(k)" : nil
                }
                return (classes, lines)
            }
            b += "</details>"
        }
        b += "<h3>Facilitators' days</h3><p>The days of each month a facilitator works (t: a twilight).</p>"
        var rows: [[String]] = []
        for f in scenario.facilitators {
            let mine = plan.sessions.filter { $0.facilitators.contains(f.id) }
            guard !mine.isEmpty else { continue }
            rows.append([f.name] + months.map { month in
                mine.filter { month.days.contains($0.date) }.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
                    .map { "\($0.date.components.day)\($0.parts == .twilight ? "t" : "")" }.joined(separator: " ")
            })
        }
        b += "<details><summary>Open the grid <span class=\"meta\">— \(rows.count) facilitators with sessions</span></summary>"
        b += HTML.table(caption: "Facilitators' working days by month", header: ["Facilitator"] + months.map(\.short), rows: rows, class: "cal-people")
        return b + "</details></section>"
    }

    /// A month of the plan's year: its weekdays, in order.
    struct Month {
        let name: String
        let short: String
        let days: [Day]
    }

    /// The months from the first to the last day of any half-term.
    static func monthsOfYear(_ plan: Plan, _ scenario: Scenario) -> [Month] {
        let ranges = scenario.calendar.halfTerms.values.flatMap(\.values)
        guard let first = ranges.map(\.first).min(), let last = ranges.map(\.last).max(), first <= last else { return [] }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        var months: [Month] = []
        var days: [Day] = []
        var d = first
        func close() {
            guard let day = days.first else { return }
            let (y, m, _) = day.components
            months.append(Month(name: "\(names[m - 1]) \(y)", short: String(names[m - 1].prefix(3)), days: days))
            days = []
        }
        while d <= last {
            if let previous = days.last, previous.components.month != d.components.month { close() }
            if !d.isWeekend { days.append(d) }
            d = d.advanced(by: 1)
        }
        close()
        return months
    }

    /// Monday to Friday columns, a row per week; each day its number, its classes and lines.
    static func monthGrid(_ month: Month, caption: String, cell: (Day) -> (classes: [String], lines: [String])) -> String {
        var t = "<div class=\"scroll\"><table class=\"cal\"><caption>\(HTML.escape(caption))</caption><thead><tr>"
        t += ["Mon", "Tue", "Wed", "Thu", "Fri"].map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
        let weeks = Dictionary(grouping: month.days, by: { ($0.ordinal - weekdayIndex($0)) })
        for monday in weeks.keys.sorted() {
            t += "<tr>"
            for i in 0..<5 {
                let d = Day(ordinal: monday + i)
                guard month.days.contains(d) else { t += "<td></td>"; continue }
                let (classes, lines) = cell(d)
                t += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")><b>\(d.components.day)</b>"
                t += lines.map { "<br>\($0)" }.joined() + "</td>"
            }
            t += "</tr>"
        }
        return t + "</tbody></table></div>"
    }

    /// Monday 0 … Friday 4.
    static func weekdayIndex(_ d: Day) -> Int {
        [Weekday.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday].firstIndex(of: d.weekday) ?? 0
    }
}
