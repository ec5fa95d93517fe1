import HubModel

/// What became of one of last year's cohorts in a continuing programme: the
/// cohort that carries it on, who stayed, left and joined (counted school by
/// school), and whether its venue and team changed. A new cohort of the
/// continuing programme, formed for joiners, has no `from`.
public struct CarriedOver: Codable, Sendable, Equatable {
    /// Last year's cohort (nil for a new cohort of joiners).
    public var from: String?
    /// This year's cohort (nil when last year's could not go on).
    public var cohort: String?
    public var stayed: Int
    public var left: Int
    public var joined: Int
    public var venueBefore: String?
    public var venueAfter: String?
    /// Last year's team members on this year's team, those not on it, and those new to it.
    public var teamKept: [String]
    public var teamLeft: [String]
    public var teamJoined: [String]
    /// Why last year's cohort could not go on, when it could not.
    public var note: String?

    /// Last year's cohorts of the programmes this plan continues, each with what it became,
    /// then this year's new cohorts of those programmes.
    static func between(_ lastYear: Plan, _ plan: Plan, continuation: Continuation.Outcome, scenario: Scenario) -> [CarriedOver] {
        let continued = Set(scenario.programmes.filter { continuation.programmes.contains($0.id) }.compactMap(\.continues))
        let successor = Dictionary(plan.cohorts.compactMap { c in c.continues.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let why = Dictionary(continuation.dissolved.map { ($0.old, $0.why) }, uniquingKeysWith: { a, _ in a })
        var out: [CarriedOver] = []
        for old in lastYear.cohorts where continued.contains(old.programme) {
            guard let new = successor[old.id] else {
                out.append(CarriedOver(from: old.id, cohort: nil, stayed: 0, left: old.participants, joined: 0, venueBefore: old.venue,
                                       venueAfter: nil, teamKept: [], teamLeft: old.facilitators, teamJoined: [],
                                       note: why[old.id] ?? "not carried on"))
                continue
            }
            var before: [String: Int] = [:]
            for s in old.schools { before[s.school, default: 0] += s.participants }
            let stayed = new.schools.reduce(0) { $0 + min($1.participants, before[$1.school] ?? 0) }
            out.append(CarriedOver(from: old.id, cohort: new.id, stayed: stayed, left: old.participants - stayed,
                                   joined: new.participants - stayed, venueBefore: old.venue, venueAfter: new.venue,
                                   teamKept: old.facilitators.filter(new.facilitators.contains),
                                   teamLeft: old.facilitators.filter { !new.facilitators.contains($0) },
                                   teamJoined: new.facilitators.filter { !old.facilitators.contains($0) }, note: nil))
        }
        for c in plan.cohorts where c.continues == nil && continuation.programmes.contains(c.programme) {
            out.append(CarriedOver(from: nil, cohort: c.id, stayed: 0, left: 0, joined: c.participants, venueBefore: nil, venueAfter: c.venue,
                                   teamKept: [], teamLeft: [], teamJoined: c.facilitators, note: "a new cohort for joiners"))
        }
        return out
    }
}
