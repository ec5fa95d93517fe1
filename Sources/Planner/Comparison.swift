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
}
