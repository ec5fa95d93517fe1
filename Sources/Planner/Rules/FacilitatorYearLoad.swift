import HubModel
import Solver

/// A facilitator works no more days in the year than they have.
struct FacilitatorYearLoad: PlanRule {
    static let id = RuleID.facilitatorYearLoad
    static let sentence = "A facilitator works no more days in the year than they have."

    static func limit(_ f: Facilitator) -> Double { f.daysPerYear }

    /// Whether `used` days fit the facilitator's year: the test the greedy start and the dating pass make.
    static func allows(_ f: Facilitator, days used: Double) -> Bool { used <= limit(f) + 1e-9 }

    /// The rule's row in a model: the facilitator's days in the year, `load`, within the limit.
    @discardableResult
    static func row(_ load: LinearExpression, _ f: Facilitator, in m: inout Model) -> ConstraintRef {
        m.add(load <= limit(f), name: "\(id.rawValue)[\(f.id)]")
    }

    func check(_ f: PlanFacts) -> [String] {
        var load: [String: Double] = [:]
        for d in f.bookings.map(\.delivery) { for id in d.session.facilitators { load[id, default: 0] += d.pattern.facilitatorDays } }
        return f.scenario.facilitators.compactMap { x in
            guard let used = load[x.id], !Self.allows(x, days: used) else { return nil }
            return "\(x.id) works \(used) days; available \(x.daysPerYear) in the year"
        }
    }
}
