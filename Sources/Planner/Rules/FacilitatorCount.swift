import HubModel

/// A session has at least one facilitator per so many participants as its programme sets, and at least one.
struct FacilitatorCount: PlanRule {
    static let id = RuleID.facilitatorCount
    static let sentence = "A session has at least one facilitator per so many participants as its programme sets, and at least one."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            let ppf = max(1, d.programme.participantsPerFacilitator)
            let need = max(1, (d.session.participants + ppf - 1) / ppf)
            return d.session.facilitators.count >= need ? nil
                : "\(d.label): \(d.session.facilitators.count) facilitator(s) for \(d.session.participants); needs \(need)"
        }
    }
}
