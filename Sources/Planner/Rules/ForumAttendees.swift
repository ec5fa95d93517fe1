import HubModel

/// A forum seats the leaders of every Focus School in its scope and its extra attendees.
struct ForumAttendees: PlanRule {
    static let id = RuleID.forumAttendees
    static let sentence = "A forum seats the leaders of every Focus School in its scope and its extra attendees."

    func check(_ f: PlanFacts) -> [String] {
        f.forumMeetings.flatMap { m in
            let expected = f.scenario.focusSchools.filter { f.schools[$0.school].map { m.authorities.contains($0.authority) } ?? false }.count
                + m.series.extraAttendees
            return f.held(m).filter { $0.attendees < expected }
                .map { "forum \(m.label) seats \($0.attendees); \(expected) are expected (Focus Schools in scope and extra attendees)" }
        }
    }
}
