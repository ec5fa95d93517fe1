import HubModel

/// A room holds one session or forum at a time.
struct RoomDoubleBooked: PlanRule {
    static let id = RuleID.roomDoubleBooked
    static let sentence = "A room holds one session or forum at a time."

    func check(_ f: PlanFacts) -> [String] {
        f.clashes(f.roomUses, by: { "\($0.venue) \($0.room) on \($0.day)" }, parts: \.parts).map { key, part, uses in
            "\(key) (\(part.words)): \(uses.map(\.what).joined(separator: "; "))"
        }
    }
}
