import HubModel

/// Every meeting of every forum series is planned or listed as unmet.
struct ForumMissing: PlanRule {
    static let id = RuleID.forumMissing
    static let sentence = "Every meeting of every forum series is planned or listed as unmet."

    func check(_ f: PlanFacts) -> [String] {
        f.forumMeetings.compactMap { m in
            let held = !f.held(m).isEmpty
            let listed = f.listedUnmet { $0 == .forum(series: m.series.id, scope: m.scope, halfTerm: m.halfTerm) } != nil
            return held || listed ? nil : "\(m.label) is neither planned nor listed as unmet"
        }
    }
}
