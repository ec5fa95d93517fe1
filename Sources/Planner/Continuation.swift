import HubModel

/// This year's cohorts of the programmes that carry on last year's (ECT2
/// continues ECT1, mentors' year 2 continues year 1).
///
/// Each of last year's cohorts goes on with its members still enrolled, at its
/// venue while that still seats and reaches them, and is offered its team again
/// (the team model's continuity reward). Joiners (the newcomers) are left to the
/// cohort model, which decides who takes a continued cohort's free places and who
/// forms new cohorts (``CohortStage/FreePlaces``). A continued cohort may fall
/// below the programme's smallest cohort: its members started together, and a hub
/// keeps them together.
struct Continuation {
    let ctx: PlanningContext
    let previous: Plan

    struct Outcome {
        /// Continuing programme → its continued cohorts (possibly none, when every one was dissolved).
        var cohorts: [String: [CohortStage.Cohort]] = [:]
        /// Continuing programme → (school, participants) with no continued place, for new cohorts.
        var newcomers: [String: [(String, Int)]] = [:]
        /// Continued cohort → last year's cohort it carries on.
        var continues: [String: String] = [:]
        /// Continued cohort → last year's team.
        var teams: [String: [String]] = [:]
        /// Last year's cohorts that could not go on, and why.
        var dissolved: [(old: String, why: String)] = []

        /// Programmes whose cohorts carry on last year's.
        var programmes: Set<String> { Set(cohorts.keys) }
    }

    func run() -> Outcome {
        var out = Outcome()
        for p in ctx.scenario.programmes where !p.sessions.isEmpty {
            guard let q = p.continues else { continue }
            let old = previous.cohorts.filter { $0.programme == q }.sorted { $0.id < $1.id }
            guard !old.isEmpty else { continue }
            carry(p, from: old, into: &out)
        }
        return out
    }

    /// Last year's cohort `id` under the continuing programme's name: ECT1-WAR-05 → ECT2-WAR-05.
    static func continuedId(_ id: String, from q: String, to p: String) -> String {
        id.hasPrefix(q + "-") ? p + id.dropFirst(q.count) : "\(p)-\(id)"
    }

    private func carry(_ p: Programme, from old: [PlanCohort], into out: inout Outcome) {
        var left: [String: Int] = [:]
        for e in ctx.scenario.enrolment where e.programme == p.id && e.participants > 0 { left[e.school, default: 0] += e.participants }
        var carried: [CohortStage.Cohort] = []
        for c in old {
            var members: [(String, Int)] = []
            for s in c.schools {
                let k = min(s.participants, left[s.school] ?? 0)
                if k > 0 { members.append((s.school, k)); left[s.school]! -= k }
            }
            guard !members.isEmpty else {
                out.dissolved.append((c.id, "none of its members is enrolled this year"))
                continue
            }
            let authorities = Set(members.compactMap { ctx.schoolById[$0.0]?.authority })
            let venue = p.needsVenue ? home(for: members, was: c.venue) : nil
            let why: String? = !p.crossAuthority && authorities.count > 1 ? "its members come from more than one authority"
                : p.needsVenue && venue == nil ? "no venue seats its members within the travel limit" : nil
            if let why {
                for (s, k) in members { left[s, default: 0] += k }
                out.dissolved.append((c.id, why))
                continue
            }
            let capacity = min(p.cohortMax, venue?.largestRoom ?? p.cohortMax)
            let (kept, over) = CohortStage.trim(members, to: capacity)
            for (s, k) in over { left[s, default: 0] += k }
            let id = Self.continuedId(c.id, from: p.continues ?? "", to: p.id)
            let authority = p.crossAuthority ? (venue?.authority ?? c.authority) : authorities.first ?? c.authority
            carried.append(CohortStage.Cohort(id: id, programme: p, authority: authority, venue: venue, schools: kept,
                                              authorities: authorities.sorted()))
            out.continues[id] = c.id
            out.teams[id] = c.facilitators
        }
        out.cohorts[p.id] = carried
        out.newcomers[p.id] = left.filter { $0.value > 0 }.sorted { ($0.value, $0.key) > ($1.value, $1.key) }.map { ($0.key, $0.value) }
    }

    /// The cohort's venue: last year's while it still seats them all within the travel limit,
    /// otherwise the one that does with the least travel.
    private func home(for members: [(String, Int)], was: String?) -> Venue? {
        let size = members.reduce(0) { $0 + $1.1 }
        func travel(_ v: Venue) -> Double? {
            guard v.largestRoom >= size else { return nil }
            var total = 0.0
            for (s, k) in members {
                guard let t = ctx.origin(ofSchool: s)?.travelMinutes(to: v.location), t <= ctx.scenario.solver.maxTravelMinutes else { return nil }
                total += t * Double(k)
            }
            return total
        }
        if let was, let v = ctx.venueById[was], travel(v) != nil { return v }
        return ctx.scenario.venues.compactMap { v in travel(v).map { (v, $0) } }.min { ($0.1, $0.0.id) < ($1.1, $1.0.id) }?.0
    }
}
