import Foundation
import HubModel
import Solver

/// An adviser's support days and the forums they chair fit within their days for the year.
struct AdviserCapacity: PlanRule {
    static let id = RuleID.adviserCapacity
    static let sentence = "An adviser's support days and the forums they chair fit within their days for the year."

    static func limit(_ a: ExpertAdviser) -> Double { a.capacityDays }

    static func allows(_ a: ExpertAdviser, days used: Double) -> Bool { used <= limit(a) + 1e-9 }

    /// The rule's row in a model: the adviser's support days, `load`, within their capacity.
    @discardableResult
    static func row(_ load: LinearExpression, _ a: ExpertAdviser, in m: inout Model) -> ConstraintRef {
        m.add(load <= limit(a), name: "\(id.rawValue)[\(a.id)]")
    }

    func check(_ f: PlanFacts) -> [String] {
        var days: [String: Double] = [:]
        var chairing: [String: Double] = [:]
        for a in f.plan.adviserAssignments where f.schools[a.school] != nil { days[a.adviser, default: 0] += a.days }
        // Chairing takes a half or whole day, as a session does.
        for m in f.plan.forums { chairing[m.chair, default: 0] += StaffDays(hours: m.hours).days }
        return f.scenario.advisers.compactMap { a in
            let support = days[a.id] ?? 0, chair = chairing[a.id] ?? 0
            guard !Self.allows(a, days: support + chair) else { return nil }
            return "\(a.id) gives \(support.formatted()) support days and \(chair.formatted()) chairing forums; capacity \(a.capacityDays.formatted())"
        }
    }
}
