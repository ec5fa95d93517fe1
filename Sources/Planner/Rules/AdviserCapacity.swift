import HubModel
import Solver

/// An adviser gives no more support days in the year than their capacity.
struct AdviserCapacity: PlanRule {
    static let id = RuleID.adviserCapacity
    static let sentence = "An adviser gives no more support days in the year than their capacity."

    static func limit(_ a: ExpertAdviser) -> Double { a.capacityDays }

    static func allows(_ a: ExpertAdviser, days used: Double) -> Bool { used <= limit(a) + 1e-9 }

    /// The rule's row in a model: the adviser's support days, `load`, within their capacity.
    @discardableResult
    static func row(_ load: LinearExpression, _ a: ExpertAdviser, in m: inout Model) -> ConstraintRef {
        m.add(load <= limit(a), name: "\(id.rawValue)[\(a.id)]")
    }

    func check(_ f: PlanFacts) -> [String] {
        var days: [String: Double] = [:]
        for a in f.plan.adviserAssignments where f.schools[a.school] != nil { days[a.adviser, default: 0] += a.days }
        return f.scenario.advisers.compactMap { a in
            guard let used = days[a.id], !Self.allows(a, days: used) else { return nil }
            return "\(a.id) gives \(used) support days; capacity \(a.capacityDays)"
        }
    }
}
