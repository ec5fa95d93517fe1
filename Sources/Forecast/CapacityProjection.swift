import HubModel

/// What forecast enrolment needs, year by year, against what the hub has now.
public struct CapacityProjection {
    public struct Row: Sendable {
        public var year: Int
        public var participants: Int
        public var cohorts: Int
        /// In-person sessions (each a venue room-day).
        public var venueDays: Int
        /// All sessions (in person and online).
        public var sessionDays: Int
        public var facilitatorDaysNeeded: Double
        public var facilitatorDaysAvailable: Double
        public var adviserDaysNeeded: Double
        public var adviserDaysAvailable: Double
        public var venueDaysAvailable: Int

        public var facilitatorShortfall: Double { max(0, facilitatorDaysNeeded - facilitatorDaysAvailable) }
        public var adviserShortfall: Double { max(0, adviserDaysNeeded - adviserDaysAvailable) }
        public var venueShortfall: Int { max(0, venueDays - venueDaysAvailable) }
    }

    public let scenario: Scenario

    public init(scenario: Scenario) { self.scenario = scenario }

    /// Projects capacity from forecasts at quantile `q` (0.5 = the point forecast).
    ///
    /// Cohorts per group (authority, or the hub for cross-authority programmes) are
    /// ⌈participants / cmax⌉; each needs ⌈size/ppf⌉ facilitators for every session.
    /// Adviser days are today's Focus School needs; capacity is today's.
    public func project(_ forecasts: [ProgrammeForecast], quantile q: Double) -> [Row] {
        let years = Set(forecasts.flatMap(\.years)).sorted()
        let programmes = Dictionary(scenario.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let facilitatorDays = scenario.facilitators.reduce(0) { $0 + $1.daysPerYear }
        let adviserDays = scenario.advisers.reduce(0) { $0 + $1.capacityDays }
        let adviserNeed = Double(scenario.focusSchools.reduce(0) { $0 + $1.auditDays + 6 * $1.daysPerHalfTerm })
        let teaching = Set(scenario.authorities.flatMap { a in HalfTerm.allCases.flatMap { scenario.calendar.teachingDays(authority: a.id, halfTerm: $0) } })
        let venueDays = scenario.venues.reduce(0) { total, v in
            total + v.rooms.count * teaching.filter { v.weekdays.contains($0.weekday) }.count
        }
        return years.map { year in
            var groups: [String: Int] = [:]
            for f in forecasts {
                guard let i = f.years.firstIndex(of: year), let p = programmes[f.programme], !p.sessions.isEmpty else { continue }
                let n = max(0, Int(f.result.quantile(q, horizon: i + 1).rounded()))
                groups[p.crossAuthority ? p.id : "\(p.id)|\(f.authority)", default: 0] += n
            }
            var row = Row(year: year, participants: 0, cohorts: 0, venueDays: 0, sessionDays: 0, facilitatorDaysNeeded: 0,
                          facilitatorDaysAvailable: facilitatorDays, adviserDaysNeeded: adviserNeed, adviserDaysAvailable: adviserDays,
                          venueDaysAvailable: venueDays)
            for (key, n) in groups.sorted(by: { $0.key < $1.key }) where n > 0 {
                let p = programmes[String(key.split(separator: "|")[0])]!
                let cohorts = (n + p.cohortMax - 1) / p.cohortMax
                let size = (n + cohorts - 1) / cohorts
                let places = cohorts * p.facilitatorsNeeded(for: size)
                row.participants += n
                row.cohorts += cohorts
                row.venueDays += cohorts * p.sessions.filter { $0.mode == .inPerson }.count
                row.sessionDays += cohorts * p.sessions.count
                row.facilitatorDaysNeeded += Double(places) * p.sessions.reduce(0) { $0 + $1.facilitatorDays }
            }
            return row
        }
    }
}
