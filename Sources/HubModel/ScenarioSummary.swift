/// Counts a planner checks first: by authority and in total.
public struct ScenarioSummary: Sendable {
    public struct Row: Sendable {
        public var authority: String
        public var schools = 0
        public var focusSchools = 0
        public var facilitators = 0
        public var advisers = 0
        public var venues = 0
        /// Participants by programme id.
        public var participants: [String: Int] = [:]
        public var totalParticipants: Int { participants.values.reduce(0, +) }
    }

    public var rows: [Row]
    public var total: Row
    public var programmeIds: [String]

    public init(_ s: Scenario) {
        let authorityOf = Dictionary(s.schools.map { ($0.id, $0.authority) }, uniquingKeysWith: { a, _ in a })
        func row(_ id: String?) -> Row {
            var r = Row(authority: id ?? "Total")
            let inScope: (String) -> Bool = { la in id == nil || la == id }
            r.schools = s.schools.filter { inScope($0.authority) }.count
            r.focusSchools = s.focusSchools.filter { authorityOf[$0.school].map(inScope) ?? false }.count
            // Facilitators are counted where they live (nearest venue's authority is unknown to them).
            r.facilitators = id == nil ? s.facilitators.count
                : s.facilitators.filter { f in s.schools.first { $0.town == f.homeTown }?.authority == id }.count
            r.advisers = id == nil ? s.advisers.count : s.advisers.filter { $0.authorities.contains(id!) }.count
            r.venues = s.venues.filter { inScope($0.authority) }.count
            for e in s.enrolment where authorityOf[e.school].map(inScope) ?? false {
                r.participants[e.programme, default: 0] += e.participants
            }
            return r
        }
        rows = s.authorities.map { row($0.id) }
        total = row(nil)
        programmeIds = s.programmes.map(\.id)
    }
}
