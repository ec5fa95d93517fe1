import HubModel

/// Every programme, school, venue, facilitator, adviser and cohort a plan names is in the scenario or the plan.
struct UnknownReference: PlanRule {
    static let id = RuleID.unknownReference
    static let sentence = "Every programme, school, venue, facilitator, adviser and cohort a plan names is in the scenario or the plan."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        for c in f.plan.cohorts {
            if f.programmes[c.programme] == nil { out.append("cohort \(c.id): programme '\(c.programme)'") }
            for place in c.schools where f.schools[place.school] == nil { out.append("cohort \(c.id): school '\(place.school)'") }
            if let v = c.venue, f.venues[v] == nil { out.append("cohort \(c.id): venue '\(v)'") }
        }
        for s in f.plan.sessions {
            if f.cohorts[s.cohort] == nil { out.append("session \(s.session) of cohort '\(s.cohort)', which the plan does not have") }
            for x in s.facilitators where f.facilitators[x] == nil { out.append("cohort \(s.cohort) session \(s.session): facilitator '\(x)'") }
        }
        for m in f.plan.forums {
            if f.venues[m.venue] == nil { out.append("forum \(m.forum) \(m.scope): venue '\(m.venue)'") }
            if f.advisers[m.chair] == nil { out.append("forum \(m.forum) \(m.scope): chair '\(m.chair)'") }
        }
        for a in f.plan.adviserAssignments where f.advisers[a.adviser] == nil || f.schools[a.school] == nil {
            out.append("assignment of '\(a.adviser)' to '\(a.school)'")
        }
        return out
    }
}
