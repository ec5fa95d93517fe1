import HubModel

/// Every in-person session and forum has a room of its venue.
struct RoomMissing: PlanRule {
    static let id = RuleID.roomMissing
    static let sentence = "Every in-person session and forum has a room of its venue."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        for d in f.deliveries where d.pattern.mode == .inPerson {
            guard let vid = d.session.venue, let v = f.venues[vid] else { continue }
            if !v.rooms.contains(where: { $0.id == d.session.room }) { out.append("\(d.label): no room of \(vid)") }
        }
        for m in f.plan.forums {
            guard let v = f.venues[m.venue], !v.rooms.contains(where: { $0.id == m.room }) else { continue }
            out.append("forum \(m.forum) \(m.scope): no room '\(m.room)' at \(v.id)")
        }
        return out
    }
}
