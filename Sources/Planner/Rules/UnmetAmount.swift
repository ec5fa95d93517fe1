import Foundation
import HubModel

/// Demand listed as unmet is listed in full: a session for all its cohort's participants, a forum meeting as one, a Focus School's missing support days all.
struct UnmetAmount: PlanRule {
    static let id = RuleID.unmetAmount
    static let sentence = "Demand listed as unmet is listed in full: a session for all its cohort's participants, a forum meeting as one, a Focus School's missing support days all."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        for (c, pat) in f.unplannedSessions {
            if let listed = f.listedUnmet({ $0 == .session(cohort: c.id, number: pat.number, halfTerm: pat.halfTerm) }),
               listed + 1e-9 < Double(c.participants) {
                out.append("cohort \(c.id): session \(pat.number) is listed as unmet for fewer than its \(c.participants) participants")
            }
        }
        for m in f.forumMeetings where f.held(m).isEmpty {
            if let listed = f.listedUnmet({ $0 == .forum(series: m.series.id, scope: m.scope, halfTerm: m.halfTerm) }), listed < 1 - 1e-9 {
                out.append("forum \(m.label) is listed as unmet with an amount below 1")
            }
        }
        for need in f.scenario.focusSchools {
            let needed = Double(HalfTerm.allCases.reduce(0) { $0 + need.days(in: $1) })
            let given = f.plan.adviserAssignments.filter { $0.school == need.school }.reduce(0) { $0 + $1.days }
            let listed = f.listedUnmet { $0.focusSchool == need.school } ?? 0
            if given + listed + 1e-9 < needed {
                out.append("\(need.school) gets \(given.formatted()) of \(needed.formatted()) support days, and \(listed.formatted()) are listed as unmet")
            }
        }
        return out
    }
}
