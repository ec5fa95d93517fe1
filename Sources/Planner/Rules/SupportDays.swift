import HubModel

/// A Focus School gets its support days in each half-term (its audit days too, in HT1), or the shortfall is listed as unmet.
struct SupportDays: PlanRule {
    static let id = RuleID.supportDays
    static let sentence = "A Focus School gets its support days in each half-term (its audit days too, in HT1), or the shortfall is listed as unmet."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        for need in f.scenario.focusSchools {
            for ht in HalfTerm.allCases {
                let needed = Double(need.days(in: ht))
                let given = f.plan.adviserAssignments.filter { $0.school == need.school && $0.halfTerm == ht }.reduce(0) { $0 + $1.days }
                let listed = f.listedUnmet { subject in
                    switch subject {
                    case .supportDays(need.school): true
                    case let .supportDay(school, _, h): school == need.school && h == ht
                    default: false
                    }
                }
                if given + 1e-9 < needed && listed == nil {
                    out.append("\(need.school) gets \(given) of \(needed) support days in \(ht.rawValue), and the shortfall is not listed as unmet")
                }
            }
        }
        return out
    }
}
