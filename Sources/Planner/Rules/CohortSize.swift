import HubModel

/// A cohort has between its programme's smallest and largest cohort size of participants.
struct CohortSize: PlanRule {
    static let id = RuleID.cohortSize
    static let sentence = "A cohort has between its programme's smallest and largest cohort size of participants."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.cohorts.compactMap { c in
            guard let p = f.programmes[c.programme], c.participants < p.cohortMin || c.participants > p.cohortMax else { return nil }
            return "cohort \(c.id) has \(c.participants) participants; \(p.id) cohorts take \(p.cohortMin) to \(p.cohortMax)"
        }
    }
}
