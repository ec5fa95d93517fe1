import HubModel

/// An adviser supports only schools in the authorities they cover.
struct AdviserCoverage: PlanRule {
    static let id = RuleID.adviserCoverage
    static let sentence = "An adviser supports only schools in the authorities they cover."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.adviserAssignments.compactMap { a in
            guard let adv = f.advisers[a.adviser], let school = f.schools[a.school], !adv.authorities.contains(school.authority) else { return nil }
            return "\(adv.id) does not cover \(school.authority) (\(school.id))"
        }
    }
}
