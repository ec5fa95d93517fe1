import Foundation
import HubModel
import Solver

/// Late starters (docs/model.md, "Intakes"): participants whose enrolment names a later
/// intake (an ECT January or April start) join a cohort with room from that half-term,
/// or form a catch-up cohort that meets the programme's sessions from then on, whichever
/// costs less; the model chooses.
///
/// One small MIP per programme group (an authority's, or the hub's for a cross-authority
/// programme) and intake, earliest intake first, after the cohorts of those who start
/// at the beginning are formed (stage A) and before their teams (stage B), which then
/// staff every cohort for its size at the end of the year. Joining costs the late
/// starters' travel to the cohort's venue for the sessions from their intake, and any
/// facilitator place the cohort's larger size needs for those sessions; a catch-up
/// cohort costs its hire, places and travel for them. Places are priced at the
/// programme's cheapest qualified day rate, as in stage A.
struct IntakeStage {
    let ctx: PlanningContext
    let options: SolveOptions
    var hooks = SolveHooks()
    /// Called with each model before it is solved (for --export-mps).
    var exporter: ((Model) -> Void)? = nil

    struct Outcome {
        var cohorts: [CohortStage.Cohort]
        var unmet: [UnmetItem]
        var models: [ModelStats]
    }

    func run(_ formed: [CohortStage.Cohort]) throws -> Outcome {
        var out = Outcome(cohorts: formed, unmet: [], models: [])
        for p in ctx.scenario.programmes where !p.sessions.isEmpty {
            for (intake, zones) in ctx.lateZones(programme: p.id) {
                let left = unplaced(p, intake, zones, in: out.cohorts)
                let groups: [(String?, [PlanningContext.Zone])] = p.crossAuthority
                    ? [(nil, left)] : Dictionary(grouping: left, by: \.authority).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                for (authority, groupZones) in groups where !groupZones.isEmpty {
                    try place(p, intake: intake, authority: authority, zones: groupZones, into: &out)
                }
            }
        }
        return out
    }

    /// The late starters not yet in a cohort (re-planning may have kept their places).
    func unplaced(_ p: Programme, _ intake: HalfTerm, _ zones: [PlanningContext.Zone], in cohorts: [CohortStage.Cohort]) -> [PlanningContext.Zone] {
        var placed: [String: Int] = [:]
        for c in cohorts where c.programme.id == p.id {
            for j in c.joiners where j.from == intake { placed[j.school, default: 0] += j.participants }
            if c.starts == intake { for (s, n) in c.schools { placed[s, default: 0] += n } }
        }
        return zones.compactMap { z in
            var zone = z
            zone.schools = z.schools.compactMap { s, n in
                let k = min(n, placed[s] ?? 0)
                placed[s, default: 0] -= k
                return n - k > 0 ? (s, n - k) : nil
            }
            return zone.schools.isEmpty ? nil : zone
        }
    }

    /// One group's late starters of one intake: joined to cohorts, in catch-up cohorts, or unmet.
    func place(_ p: Programme, intake: HalfTerm, authority: String?, zones: [PlanningContext.Zone], into out: inout Outcome) throws {
        let w = ctx.scenario.weights, maxTravel = ctx.scenario.solver.maxTravelMinutes
        let later = p.startingIn(intake)
        let inPerson = Double(later.sessions.filter { $0.mode == .inPerson }.count)
        let days = later.sessions.reduce(0) { $0 + $1.facilitatorDays }
        let release = DateCosts.release(later.sessions, w)
        let rate = ctx.cheapestRate(p)
        let placeCost = days * rate * w.staffDays
        let ppf = Double(max(1, p.participantsPerFacilitator))
        func minutes(_ z: PlanningContext.Zone, _ v: Venue?) -> Double { v.map { z.location.travelMinutes(to: $0.location) } ?? 0 }

        let existing = out.cohorts.indices.filter { i in
            let c = out.cohorts[i]
            return c.programme.id == p.id && (authority == nil || c.authority == authority) && (c.starts ?? .ht1) <= intake
        }
        let sites: [Venue?] = later.needsVenue ? ctx.scenario.venues.filter { $0.largestRoom >= p.cohortMin } : [nil]
        let started = Date()
        var m = Model(name: "intake_\(p.id)_\(authority ?? "hub")_\(intake.rawValue)")
        var objective = LinearExpression()
        var served: [LinearExpression] = Array(repeating: LinearExpression(), count: zones.count)
        // Joining: j[zone][cohort].
        var join: [[Variable?]] = Array(repeating: Array(repeating: nil, count: existing.count), count: zones.count)
        // Later intakes too few for a catch-up cohort of their own will need seats: kept[i] of
        // later zone i's are kept in cohorts with room or in the catch-up cohorts formed now.
        let keep = laterWhoMustJoin(p, after: intake, authority: authority, in: out.cohorts)
        var kept: [LinearExpression] = Array(repeating: LinearExpression(), count: keep.count)
        func keepSeats(at venue: Venue?, upTo room: Int, label: String, in m: inout Model, _ objective: inout LinearExpression) -> LinearExpression {
            var seats = LinearExpression()
            for (i, l) in keep.enumerated() where minutes(l.zone, venue) <= maxTravel {
                let v = m.addVariable("k_\(i)_\(label)", lower: 0, upper: Double(min(l.zone.participants, room)), kind: .integer)
                seats.add(1, v)
                kept[i].add(1, v)
                objective.add(minutes(l.zone, venue) * l.inPerson * w.participantTravelPerMinute + l.release, v)
            }
            return seats
        }
        for (k, ci) in existing.enumerated() {
            let c = out.cohorts[ci]
            let room = min(p.cohortMax, c.venue?.largestRoom ?? p.cohortMax) - c.size
            guard room > 0 else { continue }
            var joined = LinearExpression()
            for (i, z) in zones.enumerated() where minutes(z, c.venue) <= maxTravel {
                let v = m.addVariable("j_\(i)_\(k)", lower: 0, upper: Double(min(z.participants, room)), kind: .integer)
                join[i][k] = v
                joined.add(1, v)
                served[i].add(1, v)
                objective.add(minutes(z, c.venue) * inPerson * w.participantTravelPerMinute + release, v)
            }
            let seats = keepSeats(at: c.venue, upTo: room, label: "c\(k)", in: &m, &objective)
            guard !joined.terms.isEmpty || !seats.terms.isEmpty else { continue }
            var taken = joined
            taken.add(seats)
            m.add(taken <= Double(room), name: "room_\(k)")
            guard !joined.terms.isEmpty else { continue }
            // Places beyond the cohort's own, for the sessions from the intake.
            let extra = m.addVariable("e_\(k)", lower: 0, kind: .integer)
            m.add(extra - (1 / ppf) * joined >= Double(c.size) / ppf - Double(p.facilitatorsNeeded(for: c.size)), name: "places_\(k)")
            objective.add(placeCost, extra)
        }
        // Catch-up cohorts: y[site] of them, x[zone][site] participants.
        var catchUp: [Variable] = []
        var x: [[Variable?]] = Array(repeating: Array(repeating: nil, count: sites.count), count: zones.count)
        let total = zones.reduce(0) { $0 + $1.participants }
        for (j, site) in sites.enumerated() {
            let cap = min(p.cohortMax, site?.largestRoom ?? p.cohortMax)
            let y = m.addVariable("y_\(j)", lower: 0, upper: Double(total / max(1, p.cohortMin) + 1), kind: .integer)
            let places = m.addVariable("q_\(j)", lower: 0, kind: .integer)
            catchUp.append(y)
            var here = LinearExpression()
            for (i, z) in zones.enumerated() where minutes(z, site) <= maxTravel {
                let v = m.addVariable("x_\(i)_\(j)", lower: 0, upper: Double(z.participants), kind: .integer)
                x[i][j] = v
                here.add(1, v)
                served[i].add(1, v)
                objective.add(minutes(z, site) * inPerson * w.participantTravelPerMinute + release, v)
            }
            var taken = here
            taken.add(keepSeats(at: site, upTo: cap, label: "s\(j)", in: &m, &objective))
            m.add(taken - Double(cap) * y <= 0, name: "cap_\(j)")
            m.add(here - Double(p.cohortMin) * y >= 0, name: "min_\(j)")
            m.add(places - y >= 0, name: "one_\(j)")
            m.add(places - (1 / ppf) * here >= 0, name: "ppf_\(j)")
            objective.add((site?.dayCost ?? 0) * inPerson * w.venueHire, y)
            objective.add(placeCost, places)
        }
        var unmet: [Variable] = []
        for (i, z) in zones.enumerated() {
            let u = m.addVariable("u_\(i)", lower: 0, upper: Double(z.participants), kind: .integer)
            unmet.append(u)
            m.add(served[i] + u == Double(z.participants), name: "late_\(i)")
            objective.add(w.unmet, u)
        }
        for (i, l) in keep.enumerated() {
            let u = m.addVariable("ku_\(i)", lower: 0, upper: Double(l.zone.participants), kind: .integer)
            m.add(kept[i] + u == Double(l.zone.participants), name: "keep_\(i)")
            objective.add(w.unmet, u)
        }
        m.setObjective(.minimize, objective)
        exporter?(m)
        let r = try hooks.solvePatiently(m, options)
        guard r.status.hasSolution else { throw PlannerError.stageFailed("late starters of \(p.id): GLPK returned \(r.status.rawValue)") }
        out.models.append(ModelStats(m, r, built: started))
        decode(r, p, intake: intake, authority: authority, zones: zones, existing: existing, join: join, sites: sites, x: x,
               catchUp: catchUp, unmet: unmet, into: &out)
    }

    /// A later intake's late starters in one zone, with what joining costs each of them.
    struct LaterZone {
        let intake: HalfTerm
        let zone: PlanningContext.Zone
        /// In-person sessions from the intake, and supply cover for all of them.
        let inPerson: Double
        let release: Double
    }

    /// The late starters of the group's later intakes who are too few for a catch-up cohort of
    /// their own (so must join one), and not yet placed: the seats an earlier intake leaves them.
    func laterWhoMustJoin(_ p: Programme, after intake: HalfTerm, authority: String?,
                          in cohorts: [CohortStage.Cohort]) -> [LaterZone] {
        ctx.lateZones(programme: p.id).filter { $0.intake > intake }.flatMap { t, zones -> [LaterZone] in
            let left = unplaced(p, t, zones.filter { p.crossAuthority || authority == nil || $0.authority == authority }, in: cohorts)
            guard left.reduce(0, { $0 + $1.participants }) < p.cohortMin else { return [] }
            let later = p.startingIn(t).sessions
            let inPerson = Double(later.filter { $0.mode == .inPerson }.count)
            return left.map { LaterZone(intake: t, zone: $0, inPerson: inPerson, release: DateCosts.release(later, ctx.scenario.weights)) }
        }
    }

    /// Puts the model's numbers into cohorts, school by school.
    func decode(_ r: SolveResult, _ p: Programme, intake: HalfTerm, authority: String?, zones: [PlanningContext.Zone], existing: [Int],
                join: [[Variable?]], sites: [Venue?], x: [[Variable?]], catchUp: [Variable], unmet: [Variable], into out: inout Outcome) {
        func whole(_ v: Variable?) -> Int { v.map { Int(r.value($0).rounded()) } ?? 0 }
        // Each zone's schools, handed out in order.
        var pools = zones.map { $0.schools }
        func take(_ n: Int, from i: Int) -> [(String, Int)] {
            var left = n, got: [(String, Int)] = []
            while left > 0, !pools[i].isEmpty {
                let (s, k) = pools[i][0]
                let t = min(k, left)
                got.append((s, t))
                left -= t
                if t == k { pools[i].removeFirst() } else { pools[i][0].1 -= t }
            }
            return got
        }
        for (k, ci) in existing.enumerated() {
            for i in zones.indices {
                for (s, n) in take(whole(join[i][k]), from: i) {
                    out.cohorts[ci].joiners.append((s, n, intake))
                    // The cohort keeps to the teaching days of its joiners' authority too.
                    if let a = ctx.schoolById[s]?.authority, !out.cohorts[ci].authorities.contains(a) { out.cohorts[ci].authorities.append(a) }
                }
            }
        }
        var number = out.cohorts.filter { $0.programme.id == p.id }.map { CohortStage.number($0.id) }.max() ?? 0
        for (j, site) in sites.enumerated() {
            let cohorts = whole(catchUp[j])
            guard cohorts > 0 else { continue }
            var members: [(String, Int)] = []
            for i in zones.indices { members += take(whole(x[i][j]), from: i) }
            // Even sizes, each within the programme's smallest and largest (the model's rows ensure it).
            let total = members.reduce(0) { $0 + $1.1 }
            for c in 0..<cohorts {
                let size = total / cohorts + (c < total % cohorts ? 1 : 0)
                var mine: [(String, Int)] = [], need = size
                while need > 0, !members.isEmpty {
                    let t = min(members[0].1, need)
                    mine.append((members[0].0, t))
                    need -= t
                    if t == members[0].1 { members.removeFirst() } else { members[0].1 -= t }
                }
                number += 1
                let area = authority ?? site?.authority ?? ctx.schoolById[mine.first?.0 ?? ""]?.authority ?? "HUB"
                let authorities = Set(mine.compactMap { ctx.schoolById[$0.0]?.authority }).sorted()
                var cohort = CohortStage.Cohort(id: String(format: "%@-%@-%02d", p.id, area, number), programme: p.startingIn(intake),
                                                authority: area, venue: site, schools: mine, authorities: authorities)
                cohort.starts = intake
                out.cohorts.append(cohort)
            }
        }
        for (i, z) in zones.enumerated() where whole(unmet[i]) > 0 {
            out.unmet.append(UnmetItem(.participants(programme: p.id, authority: z.authority, town: z.town), amount: Double(whole(unmet[i])),
                                       reason: .other("starting in \(intake.rawValue): no \(p.id) cohort within reach has room, and too few to form a catch-up cohort")))
        }
    }
}
