import HubModel

/// A school has no more participants of a programme in cohorts than it enrolled, intake by intake
/// (a late starter joins from their intake, or is in a catch-up cohort that starts then).
struct OverEnrolled: PlanRule {
    static let id = RuleID.overEnrolled
    static let sentence = "A school has no more participants of a programme in cohorts than it enrolled, intake by intake."

    func check(_ f: PlanFacts) -> [String] {
        var placed: [String: Int] = [:], enrolled: [String: Int] = [:]
        func key(_ school: String, _ programme: String, _ intake: HalfTerm?) -> String {
            "\(school), \(programme)" + (intake.map { " starting \($0.rawValue)" } ?? "")
        }
        for c in f.plan.cohorts {
            for place in c.schools { placed[key(place.school, c.programme, place.from ?? c.starts), default: 0] += place.participants }
        }
        for e in f.scenario.enrolment { enrolled[key(e.school, e.programme, e.intake), default: 0] += e.participants }
        return placed.filter { $0.value > (enrolled[$0.key] ?? 0) }.map { "\($0.key): \($0.value) placed, \(enrolled[$0.key] ?? 0) enrolled" }
    }
}
