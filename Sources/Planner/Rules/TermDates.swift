import HubModel

/// Sessions, forums and visits fall on teaching days of their half-term in every authority they serve: not the first or last day of term, a weekend or a closure.
struct TermDates: PlanRule {
    static let id = RuleID.termDates
    static let sentence = "Sessions, forums and visits fall on teaching days of their half-term in every authority they serve: not the first or last day of term, a weekend or a closure."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        for d in f.deliveries {
            for la in f.authorities(of: d.cohort) {
                if let why = f.notTeaching(d.session.date, authority: la, halfTerm: d.pattern.halfTerm) {
                    out.append("\(d.label) on \(d.session.date): \(why) in \(la)")
                }
            }
        }
        for meeting in f.forumMeetings {
            for m in f.held(meeting) {
                for la in meeting.authorities {
                    if let why = f.notTeaching(m.date, authority: la, halfTerm: meeting.halfTerm) {
                        out.append("forum \(meeting.series.id) \(meeting.scope) on \(m.date): \(why) in \(la)")
                    }
                }
            }
        }
        for a in f.plan.adviserAssignments {
            guard let day = a.date, let school = f.schools[a.school], f.advisers[a.adviser] != nil else { continue }
            if let why = f.notTeaching(day, authority: school.authority, halfTerm: a.halfTerm) {
                out.append("\(a.adviser) at \(school.id) on \(day): \(why)")
            }
        }
        return out
    }
}
