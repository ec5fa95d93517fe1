import HubModel

/// A school has no more participants of a programme in cohorts than it enrolled.
struct OverEnrolled: PlanRule {
    static let id = RuleID.overEnrolled
    static let sentence = "A school has no more participants of a programme in cohorts than it enrolled."

    func check(_ f: PlanFacts) -> [String] {
        var placed: [String: Int] = [:], enrolled: [String: Int] = [:]
        for c in f.plan.cohorts { for place in c.schools { placed["\(place.school), \(c.programme)", default: 0] += place.participants } }
        for e in f.scenario.enrolment { enrolled["\(e.school), \(e.programme)", default: 0] += e.participants }
        return placed.filter { $0.value > (enrolled[$0.key] ?? 0) }.map { "\($0.key): \($0.value) placed, \(enrolled[$0.key] ?? 0) enrolled" }
    }
}
