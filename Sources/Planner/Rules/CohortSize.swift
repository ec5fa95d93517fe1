import HubModel

/// A cohort starts with at least its programme's smallest cohort and never has more than its largest,
/// late joiners included (one that carries on last year's cohort may have fewer: its members started together).
struct CohortSize: PlanRule {
    static let id = RuleID.cohortSize
    static let sentence = "A cohort starts with at least its programme's smallest cohort and never has more than its largest, late joiners included; one that carries on last year's cohort may start with fewer."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.cohorts.compactMap { c in
            guard let p = f.programmes[c.programme] else { return nil }
            let smallest = c.continues == nil ? p.cohortMin : 1
            let starters = c.schools.filter { $0.from == nil }.map(\.participants).reduce(0, +)
            let all = c.schools.map(\.participants).reduce(0, +)
            guard starters < smallest || all > p.cohortMax else { return nil }
            return "cohort \(c.id) starts with \(starters) and ends with \(all) participants; \(p.id) cohorts take \(smallest) to \(p.cohortMax)"
        }
    }
}
