import HubModel

/// Nobody works on a day they are unavailable.
struct Availability: PlanRule {
    static let id = RuleID.availability
    static let sentence = "Nobody works on a day they are unavailable."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        for d in f.deliveries {
            for id in d.session.facilitators where f.facilitators[id] != nil && f.unavailable(id, d.session.date) {
                out.append("\(id) is unavailable on \(d.session.date) (\(d.label))")
            }
        }
        for m in f.plan.forums where f.advisers[m.chair] != nil && f.unavailable(m.chair, m.date) {
            out.append("\(m.chair) is unavailable on \(m.date)")
        }
        for a in f.plan.adviserAssignments {
            guard let day = a.date, f.advisers[a.adviser] != nil, f.schools[a.school] != nil, f.unavailable(a.adviser, day) else { continue }
            out.append("\(a.adviser) is unavailable on \(day)")
        }
        return out
    }
}
