import HubModel

/// A cohort has between its programme's smallest and largest cohort size of participants
/// (one that carries on last year's cohort may have fewer: its members started together).
struct CohortSize: PlanRule {
    static let id = RuleID.cohortSize
    static let sentence = "A cohort has between its programme's smallest and largest cohort size of participants; one that carries on last year's cohort may have fewer."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.cohorts.compactMap { c in
            guard let p = f.programmes[c.programme] else { return nil }
            let smallest = c.continues == nil ? p.cohortMin : 1
            guard c.participants < smallest || c.participants > p.cohortMax else { return nil }
            return "cohort \(c.id) has \(c.participants) participants; \(p.id) cohorts take \(smallest) to \(p.cohortMax)"
        }
    }
}
