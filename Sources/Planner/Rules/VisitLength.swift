import HubModel

/// A support visit lasts more than no time and at most one day.
struct VisitLength: PlanRule {
    static let id = RuleID.visitLength
    static let sentence = "A support visit lasts more than no time and at most one day."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.adviserAssignments.compactMap { a in
            guard f.advisers[a.adviser] != nil, f.schools[a.school] != nil, !(a.days > 0 && a.days <= 1) else { return nil }
            return "\(a.adviser) at \(a.school): a visit of \(a.days) days; a visit is at most one day"
        }
    }
}
