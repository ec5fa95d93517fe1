import HubModel

/// A facilitator delivers only programmes they are qualified for.
struct Qualification: PlanRule {
    static let id = RuleID.qualification
    static let sentence = "A facilitator delivers only programmes they are qualified for."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.flatMap { d in
            d.session.facilitators.compactMap { id in
                guard let x = f.facilitators[id], !x.qualifications.contains(d.programme.id) else { return nil }
                return "\(id) is not qualified for \(d.programme.id) (\(d.label))"
            }
        }
    }
}
