import HubModel

/// Every session of every cohort is planned or listed as unmet.
struct SessionMissing: PlanRule {
    static let id = RuleID.sessionMissing
    static let sentence = "Every session of every cohort is planned or listed as unmet."

    func check(_ f: PlanFacts) -> [String] {
        f.unplannedSessions.compactMap { c, pat in
            f.listedUnmet({ $0 == .session(cohort: c.id, number: pat.number, halfTerm: pat.halfTerm) }) != nil ? nil
                : "cohort \(c.id): session \(pat.number) is neither planned nor listed as unmet"
        }
    }
}
