import HubModel

/// What a re-plan changed, in the planner's words.
public struct PlanChange: Codable, Sendable, Equatable {
    public var kind: Kind
    public var what: String
    public var before: String
    public var after: String

    /// What changed.
    public enum Kind: String, Codable, Sendable {
        case session, forum, adviser, cohort
    }

    /// Every difference between two plans, sessions first.
    public static func between(_ old: Plan, _ new: Plan) -> [PlanChange] {
        var out: [PlanChange] = []
        let before = Dictionary(old.sessions.map { ("\($0.cohort) session \($0.session)", $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.sessions.map { ("\($0.cohort) session \($0.session)", $0) }, uniquingKeysWith: { a, _ in a })
        func describe(_ s: PlanSession) -> String {
            "\(s.date) \(s.venue ?? "online")\(s.room.map { " \($0)" } ?? "") [\(s.facilitators.joined(separator: ", "))]"
        }
        for key in Set(before.keys).union(after.keys).sorted() {
            switch (before[key], after[key]) {
            case let (a?, b?) where a.date != b.date || a.venue != b.venue || a.room != b.room || a.facilitators != b.facilitators:
                var parts: [String] = []
                if a.date != b.date { parts.append("new date") }
                if a.venue != b.venue { parts.append("new venue") } else if a.room != b.room { parts.append("new room") }
                if a.facilitators != b.facilitators { parts.append("new facilitators") }
                out.append(PlanChange(kind: .session, what: "\(key): " + parts.joined(separator: ", "), before: describe(a), after: describe(b)))
            case let (a?, nil): out.append(PlanChange(kind: .session, what: "\(key): no longer planned", before: describe(a), after: "unmet"))
            case let (nil, b?): out.append(PlanChange(kind: .session, what: "\(key): newly planned", before: "-", after: describe(b)))
            default: break
            }
        }
        let fb = Dictionary(old.forums.map { ("\($0.forum) \($0.scope) \($0.halfTerm)", $0) }, uniquingKeysWith: { a, _ in a })
        for f in new.forums {
            let key = "\(f.forum) \(f.scope) \(f.halfTerm)"
            if let o = fb[key], o.date != f.date || o.venue != f.venue || o.chair != f.chair {
                out.append(PlanChange(kind: .forum, what: key, before: "\(o.date) \(o.venue) chair \(o.chair)", after: "\(f.date) \(f.venue) chair \(f.chair)"))
            }
        }
        func advisers(_ p: Plan) -> [String: String] {
            Dictionary(p.adviserAssignments.map { ($0.school, $0.adviser) }, uniquingKeysWith: { a, _ in a })
        }
        let ab = advisers(old), aa = advisers(new)
        for (school, adviser) in aa.sorted(by: { $0.key < $1.key }) where ab[school] != nil && ab[school] != adviser {
            out.append(PlanChange(kind: .adviser, what: "Focus School \(school)", before: ab[school]!, after: adviser))
        }
        let vb = Dictionary(old.adviserAssignments.map { ("\($0.school)|\($0.date?.description ?? "")", $0) }, uniquingKeysWith: { a, _ in a })
        let moved = new.adviserAssignments.filter { vb["\($0.school)|\($0.date?.description ?? "")"] == nil }.count
        if moved > 0 { out.append(PlanChange(kind: .adviser, what: "support days on new dates", before: "", after: "\(moved)")) }
        let cb = Set(old.cohorts.map(\.id)), ca = Set(new.cohorts.map(\.id))
        for id in ca.subtracting(cb).sorted() { out.append(PlanChange(kind: .cohort, what: "\(id): new cohort", before: "-", after: "formed")) }
        for id in cb.subtracting(ca).sorted() { out.append(PlanChange(kind: .cohort, what: "\(id): dissolved", before: "existed", after: "-")) }
        return out
    }
}
