import HubModel

/// A venue is not used on a day it is unavailable.
struct VenueAvailability: PlanRule {
    static let id = RuleID.venueAvailability
    static let sentence = "A venue is not used on a day it is unavailable."

    func check(_ f: PlanFacts) -> [String] {
        f.roomUses.compactMap { use in
            f.venues[use.venue] != nil && f.unavailable(use.venue, use.day) ? "\(use.venue) is unavailable on \(use.day)" : nil
        }
    }
}
