import HubModel

/// Reviews are done on a teaching day of the school's authority among the last
/// teaching days of their half-term (the window), so none is after its deadline,
/// the half-term's end.
struct ReviewDeadline: PlanRule {
    static let id = RuleID.reviewDeadline
    static let sentence = "Reviews are done on a teaching day of the school's authority among the last teaching days of their half-term, so none is after its deadline."

    /// The days reviews of a school in an authority may be done at the end of a half-term.
    static func window(_ s: Scenario, authority: String, _ ht: HalfTerm) -> [Day] {
        Array(s.calendar.teachingDays(authority: authority, halfTerm: ht).suffix(s.appropriateBody.windowDays))
    }

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        let reviewed = Set(f.scenario.appropriateBody.reviews.map(\.halfTerm))
        for r in f.plan.inductionReviews ?? [] {
            guard let school = f.schools[r.school] else { out.append("reviews name an unknown school '\(r.school)'"); continue }
            guard reviewed.contains(r.halfTerm) else { out.append("\(r.school) has reviews in \(r.halfTerm.rawValue), which has none"); continue }
            if !Self.window(f.scenario, authority: school.authority, r.halfTerm).contains(r.date) {
                out.append("\(r.school)'s \(r.kind) on \(r.date) is not in the last \(f.scenario.appropriateBody.windowDays) teaching days of \(r.halfTerm.rawValue) in \(school.authority)")
            }
        }
        return out
    }
}
