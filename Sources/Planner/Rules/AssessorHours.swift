import HubModel

/// An assessor works at most their hours in each half-term, and at most the day's hours
/// on any day, and only on days they are available.
struct AssessorHours: PlanRule {
    static let id = RuleID.assessorHours
    static let sentence = "An assessor works at most their hours in each half-term, at most the day's hours on any day, and only on days they are available."

    /// The hours an assessor has in a half-term.
    static func limit(_ a: Assessor) -> Double { a.hoursPerHalfTerm }

    func check(_ f: PlanFacts) -> [String] {
        let reviews = f.plan.inductionReviews ?? []
        let byId = Dictionary(f.scenario.assessors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var term: [String: Double] = [:], day: [String: Double] = [:]
        var out: [String] = []
        for r in reviews {
            guard let a = byId[r.assessor] else { out.append("\(r.school)'s reviews name an unknown assessor '\(r.assessor)'"); continue }
            term["\(a.id)|\(r.halfTerm.rawValue)", default: 0] += r.hours
            day["\(a.id)|\(r.date)", default: 0] += r.hours
            if f.scenario.isUnavailable(a.id, on: r.date) { out.append("\(a.id) reviews \(r.school)'s inductions on \(r.date), when unavailable") }
        }
        for (key, hours) in term.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|").map(String.init)
            if let a = byId[parts[0]], hours > Self.limit(a) + 1e-9 { out.append("\(a.id) works \(String(format: "%g", hours)) hours in \(parts[1]); has \(String(format: "%g", Self.limit(a)))") }
        }
        let perDay = f.scenario.appropriateBody.hoursPerDay
        for (key, hours) in day.sorted(by: { $0.key < $1.key }) where hours > perDay + 1e-9 {
            out.append("\(key.replacingOccurrences(of: "|", with: " on ")): \(String(format: "%g", hours)) hours of reviews; a day holds \(String(format: "%g", perDay))")
        }
        return out
    }
}
