import HubModel

/// An authority's forum is chaired by an adviser who covers that authority.
struct ForumChair: PlanRule {
    static let id = RuleID.forumChair
    static let sentence = "An authority's forum is chaired by an adviser who covers that authority."

    func check(_ f: PlanFacts) -> [String] {
        f.forumMeetings.filter { $0.series.scope == .authority }.flatMap { m in
            f.held(m).compactMap { held in
                guard let chair = f.advisers[held.chair], !m.authorities.allSatisfy({ chair.authorities.contains($0) }) else { return nil }
                return "\(chair.id) does not cover \(m.scope)"
            }
        }
    }
}
