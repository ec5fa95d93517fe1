import HubModel

/// Reach and equity: the figures a hub reports against its Theory of Change.
public struct Reach: Codable, Sendable, Equatable {
    public struct Travel: Codable, Sendable, Equatable {
        /// One-way minutes to the cohort's venue, over participants of in-person cohorts.
        public var median: Double
        public var p90: Double
        public var worst: Double
        public var participants: Int
    }

    /// Schools with at least one participant placed, or a Focus School supported, by authority.
    public var schoolsEngaged: [String: Int]
    /// All schools, by authority.
    public var schools: [String: Int]
    /// Participants placed in cohorts, by programme.
    public var participantsByProgramme: [String: Int]
    /// Participants' travel by authority of their school.
    public var travelByAuthority: [String: Travel]

    public init(plan: Plan, scenario: Scenario) {
        let ctx = PlanningContext(scenario)
        var engaged: [String: Set<String>] = [:]
        var byProgramme: [String: Int] = [:]
        var minutes: [String: [Double]] = [:]
        for c in plan.cohorts {
            let venue = c.venue.flatMap { ctx.venueById[$0] }
            for place in c.schools where place.participants > 0 {
                guard let school = ctx.schoolById[place.school] else { continue }
                engaged[school.authority, default: []].insert(school.id)
                byProgramme[c.programme, default: 0] += place.participants
                if let v = venue, let origin = ctx.origin(ofSchool: school.id) {
                    minutes[school.authority, default: []] += Array(repeating: origin.travelMinutes(to: v.location), count: place.participants)
                }
            }
        }
        for a in plan.adviserAssignments {
            if let school = ctx.schoolById[a.school] { engaged[school.authority, default: []].insert(school.id) }
        }
        schoolsEngaged = engaged.mapValues(\.count)
        schools = Dictionary(grouping: scenario.schools, by: \.authority).mapValues(\.count)
        participantsByProgramme = byProgramme
        travelByAuthority = minutes.mapValues { m in
            let s = m.sorted()
            func at(_ q: Double) -> Double { s.isEmpty ? 0 : s[min(s.count - 1, Int((q * Double(s.count - 1)).rounded()))] }
            return Travel(median: at(0.5), p90: at(0.9), worst: s.last ?? 0, participants: s.count)
        }
    }
}
