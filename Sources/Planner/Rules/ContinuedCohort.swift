import HubModel

/// A cohort that carries on one of last year's belongs to the programme that
/// continues that cohort's programme, keeps some of its schools, and is the only
/// cohort to carry it on.
struct ContinuedCohort: PlanRule {
    static let id = RuleID.continuedCohort
    static let sentence = "A cohort that carries on one of last year's belongs to the programme that continues that cohort's programme, keeps some of its schools, and is the only cohort to carry it on."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        var carriers: [String: [String]] = [:]
        let lastYear = Dictionary((f.lastYear?.cohorts ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for c in f.plan.cohorts {
            guard let from = c.continues else { continue }
            carriers[from, default: []].append(c.id)
            guard let p = f.programmes[c.programme], let q = p.continues else {
                out.append("cohort \(c.id) carries on \(from), but \(c.programme) continues no programme")
                continue
            }
            guard f.lastYear != nil else {
                out.append("cohort \(c.id) carries on \(from), but no plan of last year was given")
                continue
            }
            guard let old = lastYear[from], old.programme == q else {
                out.append("cohort \(c.id) carries on \(from), which is no \(q) cohort of last year's plan")
                continue
            }
            let schools = Set(old.schools.map(\.school))
            if !c.schools.contains(where: { schools.contains($0.school) }) {
                out.append("cohort \(c.id) carries on \(from) but has none of its schools")
            }
        }
        for (from, ids) in carriers where ids.count > 1 {
            out.append("\(from) is carried on by more than one cohort: \(ids.sorted().joined(separator: ", "))")
        }
        return out
    }
}
