import HubModel

/// A cohort meets in person at its own venue every time, but at events, which meet where the event is.
struct VenueContinuity: PlanRule {
    static let id = RuleID.venueContinuity
    static let sentence = "A cohort meets in person at its own venue every time, but at events, which meet where the event is."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            guard d.pattern.mode == .inPerson, d.session.event == nil, let v = d.session.venue, v != d.cohort.venue else { return nil }
            return "\(d.label) is at \(v), not the cohort's venue"
        }
    }
}
