import HubModel

/// An online session has no venue.
struct OnlineVenue: PlanRule {
    static let id = RuleID.onlineVenue
    static let sentence = "An online session has no venue."

    func check(_ f: PlanFacts) -> [String] {
        f.deliveries.compactMap { d in
            d.pattern.mode == .online && (d.session.venue != nil || !d.session.online) ? "\(d.label) is online but has a venue" : nil
        }
    }
}
