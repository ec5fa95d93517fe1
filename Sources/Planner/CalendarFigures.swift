import HubModel

/// How the plan's dates fall on schools and on the hub's busiest days: what a
/// hub's schools feel of the calendar, whatever the costs say.
public struct CalendarFigures: Codable, Sendable, Equatable {
    /// School-days on which one school has teachers out at in-person daytime sessions
    /// (starting before 15:00) of two or more different cohorts.
    public var schoolDayClashes: Int
    /// The date with the most sessions, and how many.
    public var busiestDay: Day?
    public var sessionsOnBusiestDay: Int
    /// Teacher-days out of school for in-person daytime sessions (participants × sessions).
    public var teacherDaysOut: Int
    /// Sessions on a day one of their participants' schools wants to avoid (its phase's test week or exam season).
    public var sessionsOnAvoidDays: Int

    public init(plan: Plan, scenario: Scenario) {
        var cohortsOut: [String: Set<String>] = [:]   // "school|day" → cohorts
        var teacherDays = 0
        let cohorts = Dictionary(plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in plan.sessions where !s.online && DayParts.releasesTeachers(start: s.start) {
            guard let c = cohorts[s.cohort] else { continue }
            for place in c.schools where place.participants > 0 {
                cohortsOut["\(place.school)|\(s.date)", default: []].insert(c.id)
                teacherDays += place.participants
            }
        }
        schoolDayClashes = cohortsOut.values.filter { $0.count > 1 }.count
        let avoid = Dictionary(grouping: scenario.calendar.closures.filter { $0.kind == .avoid }, by: \.day)
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        sessionsOnAvoidDays = plan.sessions.filter { s in
            guard let days = avoid[s.date], let c = cohorts[s.cohort] else { return false }
            return c.schools.contains { place in schools[place.school].map { school in days.contains { $0.concerns(school) } } ?? false }
        }.count
        teacherDaysOut = teacherDays
        let perDay = Dictionary(grouping: plan.sessions, by: \.date).mapValues(\.count)
        let busiest = perDay.max { ($0.value, $1.key) < ($1.value, $0.key) }
        busiestDay = busiest?.key
        sessionsOnBusiestDay = busiest?.value ?? 0
    }
}
