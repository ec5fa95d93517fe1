import HubModel

/// A forum series meets once per scope and half-term.
struct ForumDuplicate: PlanRule {
    static let id = RuleID.forumDuplicate
    static let sentence = "A forum series meets once per scope and half-term."

    func check(_ f: PlanFacts) -> [String] {
        f.forumMeetings.compactMap { m in
            let n = f.held(m).count
            return n > 1 ? "\(m.label) meets \(n) times" : nil
        }
    }
}
