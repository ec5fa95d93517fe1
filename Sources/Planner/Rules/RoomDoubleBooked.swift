import HubModel

/// A room holds one session or forum at a time.
struct RoomDoubleBooked: PlanRule {
    static let id = RuleID.roomDoubleBooked
    static let sentence = "A room holds one session or forum at a time."

    func check(_ f: PlanFacts) -> [String] {
        Dictionary(grouping: f.roomUses, by: { "\($0.venue) \($0.room) on \($0.day)" }).flatMap { key, uses in
            DayParts.allParts.compactMap { part -> String? in
                let clash = uses.filter { $0.parts.contains(part) }
                guard clash.count > 1 else { return nil }
                return "\(key) (\(part.words)): \(clash.map(\.what).joined(separator: "; "))"
            }
        }
    }
}
