import HubModel

/// A session lists its cohort's participants.
struct SessionParticipants: PlanRule {
    static let id = RuleID.sessionParticipants
    static let sentence = "A session lists its cohort's participants."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            d.session.participants == d.cohort.participants ? nil
                : "\(d.label) lists \(d.session.participants) participants; the cohort has \(d.cohort.participants)"
        }
    }
}
