import HubModel

/// A cohort's sessions are sessions of its programme.
struct SessionUnknown: PlanRule {
    static let id = RuleID.sessionUnknown
    static let sentence = "A cohort's sessions are sessions of its programme."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.sessions.compactMap { s in
            guard let c = f.cohorts[s.cohort], let p = f.programmes[c.programme], !p.sessions.contains(where: { $0.number == s.session }) else { return nil }
            return "cohort \(c.id): \(p.id) has no session \(s.session)"
        }
    }
}
