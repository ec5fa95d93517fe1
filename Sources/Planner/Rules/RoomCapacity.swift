import HubModel

/// A room seats everyone booked into it.
struct RoomCapacity: PlanRule {
    static let id = RuleID.roomCapacity
    static let sentence = "A room seats everyone booked into it."

    func check(_ f: PlanFacts) -> [String] {
        f.roomUses.compactMap { use in
            guard let room = f.venues[use.venue]?.rooms.first(where: { $0.id == use.room }), room.capacity < use.attendees else { return nil }
            return "\(use.venue) \(use.room) seats \(room.capacity); \(use.what) has \(use.attendees)"
        }
    }
}
