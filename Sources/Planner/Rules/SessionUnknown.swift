import HubModel

/// A cohort's sessions are sessions of its programme, from its start (a catch-up cohort's, from its intake).
struct SessionUnknown: PlanRule {
    static let id = RuleID.sessionUnknown
    static let sentence = "A cohort's sessions are sessions of its programme, from its start (a catch-up cohort's, from its intake)."

    func check(_ f: PlanFacts) -> [String] {
        f.plan.sessions.compactMap { s in
            guard let c = f.cohorts[s.cohort], let p = f.programmes[c.programme] else { return nil }
            guard let pattern = p.sessions.first(where: { $0.number == s.session }) else { return "cohort \(c.id): \(p.id) has no session \(s.session)" }
            if let start = c.starts, pattern.halfTerm < start {
                return "cohort \(c.id) starts in \(start.rawValue); session \(s.session) is in \(pattern.halfTerm.rawValue)"
            }
            return nil
        }
    }
}
