import HubModel

/// A session lists its cohort's participants at that time: late joiners from their intake on.
struct SessionParticipants: PlanRule {
    static let id = RuleID.sessionParticipants
    static let sentence = "A session lists its cohort's participants at that time: late joiners from their intake on."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            let there = f.members(d.cohort, at: d.pattern.halfTerm).map(\.participants).reduce(0, +)
            return d.session.participants == there ? nil
                : "\(d.label) lists \(d.session.participants) participants; the cohort has \(there) in \(d.pattern.halfTerm.rawValue)"
        }
    }
}
