import HubModel

/// A session is in the half-term its programme puts it in.
struct SessionHalfTerm: PlanRule {
    static let id = RuleID.sessionHalfTerm
    static let sentence = "A session is in the half-term its programme puts it in."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            d.session.halfTerm == d.pattern.halfTerm ? nil
                : "\(d.label) is in \(d.session.halfTerm.rawValue); the programme puts it in \(d.pattern.halfTerm.rawValue)"
        }
    }
}
