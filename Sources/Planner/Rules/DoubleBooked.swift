import HubModel

/// Nobody is in two places at once: sessions, chairing forums and visits that share a part of a day.
struct DoubleBooked: PlanRule {
    static let id = RuleID.doubleBooked
    static let sentence = "Nobody is in two places at once: sessions, chairing forums and visits that share a part of a day."

    func check(_ f: PlanFacts) -> [String] {
        Dictionary(grouping: f.work, by: { "\($0.who)|\($0.day)" }).flatMap { _, work in
            DayParts.allParts.compactMap { part -> String? in
                let clash = work.filter { $0.parts.contains(part) }
                guard clash.count > 1 else { return nil }
                return "\(clash[0].who) on \(clash[0].day) (\(part.words)): \(clash.map(\.what).joined(separator: "; "))"
            }
        }
    }
}
