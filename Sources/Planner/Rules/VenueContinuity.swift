import HubModel

/// A cohort meets in person at its own venue every time.
struct VenueContinuity: PlanRule {
    static let id = RuleID.venueContinuity
    static let sentence = "A cohort meets in person at its own venue every time."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            guard d.pattern.mode == .inPerson, let v = d.session.venue, v != d.cohort.venue else { return nil }
            return "\(d.label) is at \(v), not the cohort's venue"
        }
    }
}
