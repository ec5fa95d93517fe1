import HubModel

/// Nobody is in two places at once: sessions, chairing forums and visits that share a part of a day.
struct DoubleBooked: PlanRule {
    static let id = RuleID.doubleBooked
    static let sentence = "Nobody is in two places at once: sessions, chairing forums and visits that share a part of a day."

    func check(_ f: PlanFacts) -> [String] {
        f.clashes(f.work, by: { "\($0.who) on \($0.day)" }, parts: \.parts).map { key, part, work in
            "\(key) (\(part.words)): \(work.map(\.what).joined(separator: "; "))"
        }
    }
}
