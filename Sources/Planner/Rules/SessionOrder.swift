import HubModel

/// A cohort's sessions happen in the programme's order, on different days.
struct SessionOrder: PlanRule {
    static let id = RuleID.sessionOrder
    static let sentence = "A cohort's sessions happen in the programme's order, on different days."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        var previous: (cohort: String, day: Day)?
        for d in f.deliveries {
            if let prev = previous, prev.cohort == d.cohort.id, d.session.date <= prev.day {
                out.append("\(d.label) on \(d.session.date) is not after the previous session (\(prev.day))")
            }
            previous = (d.cohort.id, d.session.date)
        }
        return out
    }
}
