import HubModel

/// An in-person session meets at a venue of the scenario.
struct VenueMissing: PlanRule {
    static let id = RuleID.venueMissing
    static let sentence = "An in-person session meets at a venue of the scenario."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            d.pattern.mode == .inPerson && d.session.venue.flatMap({ f.venues[$0] }) == nil ? "\(d.label) meets in person without a venue" : nil
        }
    }
}
