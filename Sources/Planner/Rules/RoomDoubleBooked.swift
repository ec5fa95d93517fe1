import HubModel

/// A room holds one session or forum a day.
struct RoomDoubleBooked: PlanRule {
    static let id = RuleID.roomDoubleBooked
    static let sentence = "A room holds one session or forum a day."

    func check(_ f: PlanFacts) -> [String] {
        Dictionary(grouping: f.roomUses, by: { "\($0.venue) \($0.room) on \($0.day)" }).filter { $0.value.count > 1 }
            .map { key, uses in "\(key): \(uses.map(\.what).joined(separator: "; "))" }
    }
}
