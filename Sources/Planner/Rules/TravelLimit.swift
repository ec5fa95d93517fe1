import HubModel

/// No participant's town is further from their cohort's venue than the scenario's travel limit.
struct TravelLimit: PlanRule {
    static let id = RuleID.travelLimit
    static let sentence = "No participant's town is further from their cohort's venue than the scenario's travel limit."

    func check(_ f: PlanFacts) -> [String] {
        let limit = f.scenario.solver.maxTravelMinutes
        var out: [String] = []
        for c in f.plan.cohorts {
            guard let vid = c.venue, let v = f.venues[vid] else { continue }
            for place in c.schools {
                guard let school = f.schools[place.school] else { continue }
                let minutes = f.townCentre(school).travelMinutes(to: v.location)
                if minutes > limit + 1e-9 {
                    out.append("cohort \(c.id): \(school.id) (\(school.town)) is \(Int(minutes)) minutes from \(v.id); the limit is \(Int(limit))")
                }
            }
        }
        return out
    }
}
