import HubModel

/// An authority's forum meets at a venue in that authority.
struct ForumVenue: PlanRule {
    static let id = RuleID.forumVenue
    static let sentence = "An authority's forum meets at a venue in that authority."

    func check(_ f: PlanFacts) -> [String] {
        f.forumMeetings.filter { $0.series.scope == .authority }.flatMap { m in
            f.held(m).compactMap { held in
                guard let v = f.venues[held.venue], v.authority != m.scope else { return nil }
                return "forum \(m.series.id) \(m.scope) meets at \(v.id) in \(v.authority)"
            }
        }
    }
}
