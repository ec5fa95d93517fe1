import HubModel

/// The figures a what-if table shows for one plan.
public struct PlanKPIs: Codable, Sendable, Equatable {
    public var variant: String
    public var status: PlanStatus
    public var gap: Double
    public var objective: Double
    public var costs: [CostTerm: Double]
    public var participantsServed: Int
    public var unmetItems: Int
    public var unmetAmount: Double
    public var facilitatorUtilisationMean: Double
    public var facilitatorUtilisationMax: Double
    public var venueDays: Int
    /// Participant travel, one way, summed over participants and in-person sessions.
    public var travelMinutes: Double

    public init(variant: String, plan: Plan, scenario: Scenario) {
        self.variant = variant
        status = plan.status
        gap = plan.gap
        objective = plan.objective
        costs = plan.costs
        participantsServed = plan.cohorts.reduce(0) { $0 + $1.participants }
        unmetItems = plan.unmet.count
        unmetAmount = plan.unmet.reduce(0) { $0 + $1.amount }
        let shares = plan.utilisation.filter { $0.kind == .facilitator && $0.available > 0 }.map { $0.used / $0.available }
        facilitatorUtilisationMean = shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count)
        facilitatorUtilisationMax = shares.max() ?? 0
        venueDays = Set(plan.sessions.compactMap { s in s.venue.map { "\($0)|\(s.date)" } } + plan.forums.map { "\($0.venue)|\($0.date)" }).count
        let w = scenario.weights.participantTravelPerMinute
        travelMinutes = w > 0 ? (plan.costs[.participantTravel] ?? 0) / w : 0
    }

    /// Rows of (label, value per plan) for a side-by-side table.
    public static func table(_ all: [PlanKPIs]) -> [(String, [String])] {
        func money(_ x: Double) -> String { "£" + String(format: "%.0f", x) }
        var rows: [(String, [String])] = [
            ("status", all.map(\.status.rawValue)), ("gap", all.map { String(format: "%.2f%%", $0.gap * 100) }),
            ("total cost", all.map { money($0.objective) }),
        ]
        for t in CostTerm.allCases { rows.append(("  " + t.words, all.map { money($0.costs[t] ?? 0) })) }
        rows += [
            ("participants served", all.map { String($0.participantsServed) }),
            ("unmet items", all.map { String($0.unmetItems) }),
            ("unmet amount", all.map { String(format: "%.0f", $0.unmetAmount) }),
            ("facilitator use, mean", all.map { String(format: "%.0f%%", $0.facilitatorUtilisationMean * 100) }),
            ("facilitator use, max", all.map { String(format: "%.0f%%", $0.facilitatorUtilisationMax * 100) }),
            ("venue days", all.map { String($0.venueDays) }),
            ("travel minutes", all.map { String(format: "%.0f", $0.travelMinutes) }),
        ]
        return rows
    }
}
