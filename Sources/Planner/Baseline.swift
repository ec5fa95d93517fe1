import HubModel

/// A previous plan to stay close to when re-planning: everything dated before
/// `freezeBefore` is kept as it was, and every other change costs a penalty
/// (the scenario's `brokenContinuity` weight per changed team member, adviser
/// or date), so a disruption moves as little as it can.
public struct Baseline: Sendable {
    public var plan: Plan
    public var freezeBefore: Day?

    public init(plan: Plan, freezeBefore: Day?) {
        self.plan = plan
        self.freezeBefore = freezeBefore
    }

    func isFrozen(_ day: Day) -> Bool {
        guard let f = freezeBefore else { return false }
        return day < f
    }

    /// The previous plan's cohorts of a programme, if they still fit the scenario:
    /// the same participants per school and venues that still exist.
    func cohorts(of p: Programme, in ctx: PlanningContext) -> [CohortStage.Cohort]? {
        let old = plan.cohorts.filter { $0.programme == p.id }
        guard !old.isEmpty else { return nil }
        // Keyed by school and intake: a late starter is placed from their intake (joining, or in a catch-up cohort).
        var placed: [String: Int] = [:]
        for c in old { for s in c.schools { placed["\(s.school)|\((s.from ?? c.starts)?.rawValue ?? "")", default: 0] += s.participants } }
        var enrolled: [String: Int] = [:]
        for e in ctx.scenario.enrolment where e.programme == p.id && e.participants > 0 {
            enrolled["\(e.school)|\(e.intake?.rawValue ?? "")", default: 0] += e.participants
        }
        guard placed == enrolled else { return nil }
        var out: [CohortStage.Cohort] = []
        for c in old {
            var venue: Venue?
            if let v = c.venue {
                guard let found = ctx.venueById[v] else { return nil }
                venue = found
            }
            let authorities = Set(c.schools.compactMap { ctx.schoolById[$0.school]?.authority }).sorted()
            var cohort = CohortStage.Cohort(id: c.id, programme: c.starts.map { p.startingIn($0) } ?? p, authority: c.authority, venue: venue,
                                            schools: c.schools.filter { $0.from == nil }.map { ($0.school, $0.participants) }, authorities: authorities)
            cohort.joiners = c.schools.compactMap { s in s.from.map { (s.school, s.participants, $0) } }
            cohort.starts = c.starts
            out.append(cohort)
        }
        return out
    }
}
