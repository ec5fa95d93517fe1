import HubModel

/// A venue is used only on the weekdays it opens.
struct VenueWeekday: PlanRule {
    static let id = RuleID.venueWeekday
    static let sentence = "A venue is used only on the weekdays it opens."

    func check(_ f: PlanFacts) -> [String] {
        f.roomUses.compactMap { use in
            guard let v = f.venues[use.venue], !v.weekdays.contains(use.day.weekday) else { return nil }
            return "\(v.id) is not open on \(use.day.weekday.rawValue) \(use.day)"
        }
    }
}
