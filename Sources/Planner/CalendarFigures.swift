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

    /// One school on one day, with the cohorts that take its teachers out at in-person daytime sessions.
    public struct SchoolDay: Hashable, Sendable {
        public let school: String
        public let day: Day
    }

    /// Every school-day with teachers out, and the meetings that take them: cohorts' own sessions, or events (by id).
    public static func schoolDaysOut(_ plan: Plan) -> [SchoolDay: Set<String>] {
        var out: [SchoolDay: Set<String>] = [:]
        let cohorts = Dictionary(plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in plan.sessions where !s.online && DayParts.releasesTeachers(start: s.start) {
            guard let c = cohorts[s.cohort] else { continue }
            for place in c.present(at: s.halfTerm) where place.participants > 0 { out[SchoolDay(school: place.school, day: s.date), default: []].insert(s.meeting) }
        }
        return out
    }

    public init(plan: Plan, scenario: Scenario) {
        var teacherDays = 0
        let cohorts = Dictionary(plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in plan.sessions where !s.online && DayParts.releasesTeachers(start: s.start) {
            teacherDays += cohorts[s.cohort]?.present(at: s.halfTerm).reduce(0) { $0 + max(0, $1.participants) } ?? 0
        }
        schoolDayClashes = Self.schoolDaysOut(plan).values.filter { $0.count > 1 }.count
        let avoid = Dictionary(grouping: scenario.calendar.closures.filter(\.isAvoided), by: \.day)
        let schools = Dictionary(scenario.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        sessionsOnAvoidDays = plan.sessions.filter { s in
            guard let days = avoid[s.date], let c = cohorts[s.cohort] else { return false }
            return c.present(at: s.halfTerm).contains { place in schools[place.school].map { school in days.contains { $0.concerns(school) } } ?? false }
        }.count
        teacherDaysOut = teacherDays
        // An event is one session, however many cohorts it gathers.
        let perDay = Dictionary(grouping: plan.sessions, by: \.date).mapValues { Set($0.map(\.meeting)).count }
        let busiest = perDay.max { ($0.value, $1.key) < ($1.value, $0.key) }
        busiestDay = busiest?.key
        sessionsOnBusiestDay = busiest?.value ?? 0
    }
}
