import HubModel

/// A cohort of a programme that does not cross authorities draws all its schools from one authority.
struct CohortAuthority: PlanRule {
    static let id = RuleID.cohortAuthority
    static let sentence = "A cohort of a programme that does not cross authorities draws all its schools from one authority."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.cohorts.compactMap { c in
            guard let p = f.programmes[c.programme], !p.crossAuthority else { return nil }
            let las = f.authorities(of: c)
            return las.count > 1 ? "cohort \(c.id) mixes \(las.joined(separator: ", ")); \(p.id) cohorts stay in one authority" : nil
        }
    }
}
