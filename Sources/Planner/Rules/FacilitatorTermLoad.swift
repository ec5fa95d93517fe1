import HubModel
import Solver

/// A facilitator works no more days in a half-term than they have per half-term.
struct FacilitatorTermLoad: PlanRule {
    static let id = RuleID.facilitatorTermLoad
    static let sentence = "A facilitator works no more days in a half-term than they have per half-term."

    static func limit(_ f: Facilitator) -> Double { f.daysPerHalfTerm }

    /// Whether `used` days fit the facilitator's half-term: the test the greedy start and the dating pass make.
    static func allows(_ f: Facilitator, days used: Double) -> Bool { used <= limit(f) + 1e-9 }

    /// The rule's row in a model: the facilitator's days in one half-term, `load`, within the limit.
    @discardableResult
    static func row(_ load: LinearExpression, _ f: Facilitator, _ ht: HalfTerm, in m: inout Model) -> ConstraintRef {
        m.add(load <= limit(f), name: "\(id.rawValue)[\(f.id),\(ht.rawValue)]")
    }

    func check(_ f: PlanFacts) -> [String] {
        var load: [String: Double] = [:]
        for d in f.bookings.map(\.delivery) {
            for id in d.session.facilitators { load["\(id)|\(d.pattern.halfTerm.rawValue)", default: 0] += d.pattern.facilitatorDays }
        }
        return f.scenario.facilitators.flatMap { x in
            HalfTerm.allCases.compactMap { ht in
                guard let used = load["\(x.id)|\(ht.rawValue)"], !Self.allows(x, days: used) else { return nil }
                return "\(x.id) works \(used) days in \(ht.rawValue); available \(x.daysPerHalfTerm)"
            }
        }
    }
}
