import HubModel

/// How much of each facilitator's, adviser's and venue's capacity a plan uses.
public struct Utilisation {
    public struct Entry: Sendable {
        public var id: String
        public var used: Double
        public var available: Double
        public var share: Double { available > 0 ? used / available : 0 }
    }

    public var facilitators: [Entry]
    public var advisers: [Entry]
    /// Venue days booked (sessions and forums) against open days in the year.
    public var venues: [Entry]

    public init(plan: Plan, scenario: Scenario) {
        var days: [String: Double] = [:]
        var events: Set<String> = []
        for s in plan.sessions where s.event.map({ events.insert($0).inserted }) ?? true {
            for f in s.facilitators { days[f, default: 0] += StaffDays(hours: s.hours).days }
        }
        facilitators = scenario.facilitators.map { Entry(id: $0.id, used: days[$0.id] ?? 0, available: $0.daysPerYear) }
            .sorted { ($0.share, $0.id) > ($1.share, $1.id) }
        var adviserDays: [String: Double] = [:]
        for a in plan.adviserAssignments { adviserDays[a.adviser, default: 0] += a.days }
        for f in plan.forums { adviserDays[f.chair, default: 0] += StaffDays(hours: f.hours).days }
        advisers = scenario.advisers.map { Entry(id: $0.id, used: adviserDays[$0.id] ?? 0, available: $0.capacityDays) }
            .sorted { ($0.share, $0.id) > ($1.share, $1.id) }
        var venueDays: [String: Set<Day>] = [:]
        for s in plan.sessions { if let v = s.venue { venueDays[v, default: []].insert(s.date) } }
        for f in plan.forums { venueDays[f.venue, default: []].insert(f.date) }
        let teaching = Set(scenario.authorities.flatMap { a in HalfTerm.allCases.flatMap { scenario.calendar.teachingDays(authority: a.id, halfTerm: $0) } })
        venues = scenario.venues.map { v in
            Entry(id: v.id, used: Double(venueDays[v.id]?.count ?? 0),
                  available: Double(teaching.filter { v.weekdays.contains($0.weekday) }.count))
        }.sorted { ($0.share, $0.id) > ($1.share, $1.id) }
    }
}
