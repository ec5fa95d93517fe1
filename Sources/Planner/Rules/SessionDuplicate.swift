import HubModel

/// A cohort has each session of its programme at most once.
struct SessionDuplicate: PlanRule {
    static let id = RuleID.sessionDuplicate
    static let sentence = "A cohort has each session of its programme at most once."

    func check(_ f: PlanFacts) -> [String] {
        let counts = Dictionary(grouping: f.plan.sessions, by: { "\($0.cohort)|\($0.session)" })
        return Set(counts.filter { $0.value.count > 1 }.map { $0.value[0].cohort }).sorted().map { "cohort \($0) has a session number twice" }
    }
}
