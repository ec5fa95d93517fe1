import HubModel

/// Participants a short team could not keep take the seats other cohorts of their group
/// have left under their own teams, before they are counted unmet.
///
/// Stage A sizes cohorts before anyone knows who staffs them; when stage B cuts one to
/// what its team can take, a sister cohort may still have a seat its team could teach
/// (the oracle sweep's E76: ECT1 online in Wigan as cohorts of 22 and 19, the first cut to
/// 20 by its team of two, while the second's team of two had a seat free; one more
/// participant unmet than the optimum, 3.4% of the plan). A seat is taken only where it
/// is within the cohort's largest size, its venue's largest room and its team's
/// participants per facilitator, within reach of the participant's town, and cheaper than
/// leaving them unmet. Cohorts whose event is planned to gather are left as they are:
/// one more participant there could need one more of the event's crew.
struct CutSeating {
    let ctx: PlanningContext

    /// Participants a cut dropped: starters (`from` nil) or late starters from their intake.
    struct Dropped {
        var school: String
        var participants: Int
        var from: HalfTerm?
    }

    /// Seats what it can of `dropped` (cut from `cut`) in `cohorts`; returns the rest.
    func seat(_ dropped: [Dropped], cutFrom cut: CohortStage.Cohort, in cohorts: inout [CohortStage.Cohort],
              teams: [String: [String]], gathered: Set<String>) -> [Dropped] {
        var rest: [Dropped] = []
        for d in dropped {
            var left = d.participants
            while left > 0, let k = cheapest(for: d, cutFrom: cut, in: cohorts, teams: teams, gathered: gathered) {
                let n = min(left, seatsFree(cohorts[k], team: teams[cohorts[k].id]?.count ?? 0))
                add(n, of: d, to: &cohorts[k])
                left -= n
            }
            if left > 0 { rest.append(Dropped(school: d.school, participants: left, from: d.from)) }
        }
        return rest
    }

    /// Seats a cohort has under its team, its largest size and its venue's largest room.
    func seatsFree(_ c: CohortStage.Cohort, team: Int) -> Int {
        let p = c.programme
        let largest = min(p.cohortMax, c.venue?.largestRoom ?? p.cohortMax, team * max(1, p.participantsPerFacilitator))
        return max(0, largest - c.size)
    }

    /// The cohort where a seat for `d` costs least, if any costs less than leaving them unmet.
    func cheapest(for d: Dropped, cutFrom cut: CohortStage.Cohort, in cohorts: [CohortStage.Cohort],
                  teams: [String: [String]], gathered: Set<String>) -> Int? {
        guard let school = ctx.schoolById[d.school], let origin = ctx.origin(ofSchool: d.school) else { return nil }
        let w = ctx.scenario.weights, maxTravel = ctx.scenario.solver.maxTravelMinutes
        let joins = d.from ?? .ht1
        var best: (cost: Double, index: Int)?
        for (k, c) in cohorts.enumerated() where c.id != cut.id && c.programme.id == cut.programme.id && !gathered.contains(c.id) {
            // Its group: the same authority's (or any whose teaching days it keeps, when cross-authority).
            guard c.programme.crossAuthority ? c.authorities.contains(school.authority) : c.authority == school.authority else { continue }
            // A starter joins a cohort that meets from the start; a late starter, one that meets by their intake.
            guard d.from == nil ? c.starts == nil : (c.starts ?? .ht1) <= joins else { continue }
            guard seatsFree(c, team: teams[c.id]?.count ?? 0) > 0 else { continue }
            let attended = c.programme.sessions.filter { $0.halfTerm >= joins }
            let minutes = c.venue.map { origin.travelMinutes(to: $0.location) } ?? 0
            guard minutes <= maxTravel else { continue }
            let inPerson = Double(attended.filter { $0.mode == .inPerson }.count)
            let cost = minutes * inPerson * w.participantTravelPerMinute + DateCosts.release(attended, w)
            guard cost < w.unmet, cost < best?.cost ?? .infinity else { continue }
            best = (cost, k)
        }
        return best?.index
    }

    /// `n` of `d`'s participants into cohort `c`: a starter among its schools, a late starter among its joiners.
    func add(_ n: Int, of d: Dropped, to c: inout CohortStage.Cohort) {
        guard n > 0 else { return }
        if let from = d.from, from > (c.starts ?? .ht1) {
            c.joiners.append((d.school, n, from))
        } else {
            c.addStarters(d.school, n)
        }
    }
}
