import HubModel

/// An event's cohorts meet together: one date, time, room and team for all of them, unless the plan says why they could not.
struct EventGathered: PlanRule {
    static let id = RuleID.eventGathered
    static let sentence = "An event's cohorts meet together: one date, time, room and team for all of them, unless the plan says why they could not."

    func check(_ f: PlanFacts) -> [String] {
        var out: [String] = []
        let apart = Set((f.plan.events ?? []).filter { $0.notGathered != nil }.map(\.id))
        // Each pattern that gathers: the sessions of its cohorts in one scope carry the scope's event.
        for p in f.scenario.programmes {
            for pat in p.sessions {
                guard let gathering = pat.gathers else { continue }
                for d in f.deliveries where d.programme.id == p.id && d.pattern.number == pat.number {
                    let expected = PlanEvent.id(programme: p.id, session: pat.number, scope: scope(of: d.cohort, p, gathering, f))
                    // Held apart only when the plan says why; never at another scope's event.
                    let fine = d.session.event == expected || (d.session.event == nil && apart.contains(expected))
                    if !fine {
                        out.append("\(d.label) should be part of event \(expected), not \(d.session.event.map { "event \($0)" } ?? "on its own")")
                    }
                }
            }
        }
        // Each event: one date, time, venue, room and team; only for a pattern that gathers.
        let byEvent = Dictionary(grouping: f.deliveries.filter { $0.session.event != nil }, by: { $0.session.event ?? "" })
        for (id, held) in byEvent.sorted(by: { $0.key < $1.key }) {
            if let d = held.first(where: { $0.pattern.gathers == nil }) {
                out.append("\(d.label) is marked as event \(id), but its session does not gather cohorts")
            }
            func differ<T: Hashable>(_ what: String, _ value: (PlanSession) -> T) {
                if Set(held.map { value($0.session) }).count > 1 { out.append("event \(id): its cohorts' sessions differ in \(what)") }
            }
            differ("programme or session") { "\($0.programme) \($0.session)" }
            differ("date") { $0.date }
            differ("time") { "\($0.start) \($0.hours)" }
            differ("venue or room") { "\($0.venue ?? "-") \($0.room ?? "-")" }
            differ("facilitators") { Set($0.facilitators) }
        }
        return out
    }

    /// The scope of a cohort's event, from its schools (a cross-authority cohort: its venue's authority), not its label.
    func scope(of c: PlanCohort, _ p: Programme, _ gathering: Gathering, _ f: PlanFacts) -> String {
        guard gathering == .authority else { return "hub" }
        if p.crossAuthority { return c.venue.flatMap { f.venues[$0]?.authority } ?? c.authority }
        return f.authorities(of: c).first ?? c.authority
    }
}
