import HubModel

/// Nobody is in two places on one day: sessions, chairing forums and visits.
struct DoubleBooked: PlanRule {
    static let id = RuleID.doubleBooked
    static let sentence = "Nobody is in two places on one day: sessions, chairing forums and visits."

    func check(_ f: PlanFacts) -> [String] {
        f.personDays.filter { $0.value.count > 1 }.map { key, what in
            let parts = key.split(separator: "|")
            return "\(parts[0]) on \(parts[1]): \(what.joined(separator: "; "))"
        }
    }
}
