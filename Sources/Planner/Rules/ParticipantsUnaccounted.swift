import Foundation
import HubModel

/// Every participant enrolled on a programme with sessions is in a cohort or counted as unmet.
struct ParticipantsUnaccounted: PlanRule {
    static let id = RuleID.participantsUnaccounted
    static let sentence = "Every participant enrolled on a programme with sessions is in a cohort or counted as unmet."

    func check(_ f: PlanFacts) -> [String] {
        f.scenario.programmes.filter { !$0.sessions.isEmpty }.compactMap { p in
            let wanted = f.scenario.enrolment.filter { $0.programme == p.id }.reduce(0) { $0 + $1.participants }
            let inCohorts = f.plan.cohorts.filter { $0.programme == p.id }.reduce(0) { $0 + $1.participants }
            let listed = f.listedUnmet { $0.participantsOf == p.id } ?? 0
            guard Double(wanted - inCohorts) > listed + 1e-9 else { return nil }
            return "\(p.id): \(wanted) enrolled, \(inCohorts) in cohorts and \(listed.formatted()) listed as unmet"
        }
    }
}
