import HubModel

/// A school with inductions has one assessor for the year, who reviews all of them at
/// the end of every review half-term; or every one of its reviews is listed unmet.
struct InductionCoverage: PlanRule {
    static let id = RuleID.inductionCoverage
    static let sentence = "A school with inductions has one assessor for the year, who reviews all of them at the end of every review half-term; or every one of its reviews is listed unmet."

    /// Inductions per school: its participants on appropriate-body programmes.
    static func demand(_ s: Scenario) -> [String: Int] {
        let ab = Set(s.programmes.filter { $0.kind == .appropriateBody }.map(\.id))
        var n: [String: Int] = [:]
        for e in s.enrolment where ab.contains(e.programme) && e.participants > 0 { n[e.school, default: 0] += e.participants }
        return n
    }

    func check(_ f: PlanFacts) -> [String] {
        // Without assessors the Appropriate Body's work is not planned (the loader warns).
        guard !f.scenario.assessors.isEmpty else { return [] }
        var out: [String] = []
        let reviews = f.plan.inductionReviews ?? []
        var done: [String: Int] = [:], assessors: [String: Set<String>] = [:]
        for r in reviews {
            done["\(r.school)|\(r.halfTerm.rawValue)", default: 0] += r.inductions
            assessors[r.school, default: []].insert(r.assessor)
        }
        var unmet: [String: Double] = [:]
        for u in f.plan.unmet { if case let .inductionReviews(school, ht) = u.subject { unmet["\(school)|\(ht.rawValue)", default: 0] += u.amount } }
        for (school, n) in Self.demand(f.scenario).sorted(by: { $0.key < $1.key }) {
            let halfTerms = f.scenario.appropriateBody.reviews.map(\.halfTerm)
            let got = halfTerms.map { done["\(school)|\($0.rawValue)"] ?? 0 }, missing = halfTerms.map { unmet["\(school)|\($0.rawValue)"] ?? 0 }
            let allDone = got.allSatisfy { $0 == n } && missing.allSatisfy { $0 == 0 }
            let noneDone = got.allSatisfy { $0 == 0 } && missing.allSatisfy { $0 == Double(n) }
            if !allDone && !noneDone {
                let words = zip(halfTerms, zip(got, missing)).map { "\($0.rawValue): \($1.0) reviewed, \(String(format: "%g", $1.1)) unmet" }
                out.append("\(school) has \(n) inductions, to be all reviewed or all listed unmet; " + words.joined(separator: "; "))
            }
            if let a = assessors[school], a.count > 1 { out.append("\(school)'s inductions are reviewed by \(a.count) assessors: \(a.sorted().joined(separator: ", "))") }
        }
        return out
    }
}
