import Foundation
import HubModel
import Solver

/// A lower bound on the cost of cohorts, venues and facilitators that holds for
/// every plan the PlanChecker accepts (docs/model.md, "The bound").
///
/// One model of cohorts, venues and facilitator days decided together, with
/// every constraint a checked plan must meet and no more: per programme group
/// (the programme, in one authority or hub-wide), x[z,v] participants of zone z
/// at venue v, y[v] cohorts and P[v] facilitator places per session there
/// (P ≥ y, P ≥ Σx/ppf), u[z] unmet; per kind of session (half-term, length,
/// mode), w[k,v,f] cohort-sessions that facilitator f runs, covering P places,
/// at most one per cohort, within f's days per half-term and per year and one
/// session a teaching day. Sessions are covered one by one, not by year-long
/// teams, so plans with substitutes are covered too. Facilitator trips are
/// priced at their shortest, to any venue the group can use. Its LP relaxation
/// is solved by GLPK. (With whole cohorts and places, branch-and-cut raised the
/// reference scenario's bound by only £109, 0.06%, in 7 s against the LP's 2 s.)
struct JointBound {
    let ctx: PlanningContext
    /// Whole cohorts, places and participants; the bound is then GLPK's best proven bound.
    var integer: Bool = false
    var options = SolveOptions(timeLimit: 5, relativeGap: 1e-4)
    /// Called with the model before it is solved (for --export-mps).
    var exporter: ((Model) -> Void)? = nil

    /// One kind of session of a programme: sessions alike in half-term, facilitator days and mode.
    private struct SessionKind {
        let halfTerm: HalfTerm
        let days: Double
        let online: Bool
        let count: Int
    }

    private static func kinds(_ p: Programme) -> [SessionKind] {
        let groups = Dictionary(grouping: p.sessions) { "\($0.halfTerm.index)|\($0.facilitatorDays)|\($0.mode == .online)" }
        return groups.keys.sorted().map { key in
            let s = groups[key]!
            return SessionKind(halfTerm: s[0].halfTerm, days: s[0].facilitatorDays, online: s[0].mode == .online, count: s.count)
        }
    }

    /// Where a group's cohorts can meet: a venue (in-person programmes) or nowhere (online only).
    private struct Site {
        let venue: Venue?
        let capacity: Int
    }

    func solve() throws -> (bound: Double, stats: ModelStats) {
        let s = ctx.scenario, w = s.weights
        let started = Date()
        var m = Model(name: integer ? "joint_bound_mip" : "joint_bound")
        var objective = LinearExpression()
        let facilitators = s.facilitators
        var yearLoad = Array(repeating: LinearExpression(), count: facilitators.count)
        var termLoad = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: facilitators.count)
        var termCount = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: facilitators.count)
        let available = facilitators.map { f in HalfTerm.allCases.map { ctx.availableDays(facilitator: f.id, $0) } }
        let kind: VariableKind = integer ? .integer : .continuous

        for p in s.programmes where !p.sessions.isEmpty {
            let zones = ctx.zones(programme: p.id)
            guard !zones.isEmpty else { continue }
            let groups: [[PlanningContext.Zone]] = p.crossAuthority
                ? [zones] : Dictionary(grouping: zones, by: \.authority).sorted { $0.key < $1.key }.map(\.value)
            let sessionKinds = Self.kinds(p)
            let inPerson = Double(p.sessions.filter { $0.mode == .inPerson }.count)
            let qualified = facilitators.indices.filter { facilitators[$0].qualifications.contains(p.id) }
            let sites: [Site] = p.needsVenue
                ? s.venues.filter { $0.largestRoom >= p.cohortMin }.map { Site(venue: $0, capacity: min(p.cohortMax, $0.largestRoom)) }
                : [Site(venue: nil, capacity: p.cohortMax)]
            let maxTravel = s.solver.maxTravelMinutes

            for (gi, group) in groups.enumerated() {
                let tag = "\(p.id)_\(gi)"
                let total = group.reduce(0) { $0 + $1.participants }
                var placed = Array(repeating: LinearExpression(), count: group.count)
                var allCohorts = LinearExpression(), allPlaces = LinearExpression()
                var sitesUsed: [Site] = []
                for (j, site) in sites.enumerated() {
                    let reach = group.indices.filter { i in site.venue.map { group[i].location.travelMinutes(to: $0.location) <= maxTravel } ?? true }
                    guard !reach.isEmpty else { continue }
                    sitesUsed.append(site)
                    let y = m.addVariable("y_\(tag)_\(j)", lower: 0, upper: Double(total / p.cohortMin + 1), kind: kind)
                    let places = m.addVariable("P_\(tag)_\(j)", lower: 0, kind: kind)
                    allCohorts.add(1, y)
                    allPlaces.add(1, places)
                    var here = LinearExpression()
                    for i in reach {
                        let z = group[i]
                        let x = m.addVariable("x_\(tag)_\(i)_\(j)", lower: 0, upper: Double(z.participants))
                        here.add(1, x)
                        placed[i].add(1, x)
                        m.add(x - Double(min(z.participants, site.capacity)) * y <= 0)
                        if let v = site.venue {
                            objective.add(z.location.travelMinutes(to: v.location) * inPerson * w.participantTravelPerMinute, x)
                        }
                    }
                    m.add(here - Double(site.capacity) * y <= 0)
                    m.add(here - Double(p.cohortMin) * y >= 0)
                    m.add(places - y >= 0)
                    m.add(places - (1 / Double(p.participantsPerFacilitator)) * here >= 0)
                    if let v = site.venue { objective.add(inPerson * v.dayCost * w.venueHire, y) }
                }
                // Facilitators cover the group's places session by session, one place of a
                // cohort's session each; a trip is priced at its shortest, to any site the group can use.
                for sk in sessionKinds {
                    var cover = LinearExpression()
                    for fi in qualified where available[fi][sk.halfTerm.index] > 0 {
                        let f = facilitators[fi]
                        let n = m.addVariable(lower: 0)
                        cover.add(1, n)
                        // Binds only where a cohort needs several facilitators.
                        if p.participantsPerFacilitator < p.cohortMax { m.add(n - Double(sk.count) * allCohorts <= 0) }
                        let trip = sk.online ? 0 : sitesUsed.compactMap { $0.venue.map { f.home.travelMinutes(to: $0.location) } }.min() ?? 0
                        objective.add(sk.days * f.dayRate * w.staffDays + trip * w.staffTravelPerMinute, n)
                        yearLoad[fi].add(sk.days, n)
                        termLoad[fi][sk.halfTerm.index].add(sk.days, n)
                        termCount[fi][sk.halfTerm.index].add(1, n)
                    }
                    m.add(cover - Double(sk.count) * allPlaces >= 0)
                }
                var unmet = LinearExpression()
                for (i, z) in group.enumerated() {
                    let u = m.addVariable("u_\(tag)_\(i)", lower: 0, upper: Double(z.participants), kind: kind)
                    unmet.add(1, u)
                    objective.add(w.unmet, u)
                    m.add(placed[i] + u == Double(z.participants))
                }
                // Chvátal–Gomory cuts (whole cohorts and places; u ≥ u/cmax, u ≥ u/ppf).
                m.add(allCohorts + unmet >= Double((total + p.cohortMax - 1) / p.cohortMax))
                m.add(allPlaces + unmet >= Double((total + p.participantsPerFacilitator - 1) / p.participantsPerFacilitator))
            }
        }

        // Imbalance is priced only when no plan can lower it by leaving work out
        // more cheaply than the work costs (docs/model.md): every day costs at least its weight.
        let cheapest = facilitators.map(\.dayRate).min() ?? 0
        let imbalance = cheapest * w.staffDays >= w.loadImbalance ? w.loadImbalance : 0
        var everyLoad = LinearExpression()
        for fi in facilitators.indices { everyLoad.add(yearLoad[fi]) }
        for (fi, f) in facilitators.enumerated() where !yearLoad[fi].terms.isEmpty {
            m.add(yearLoad[fi] <= f.daysPerYear)
            for ht in HalfTerm.allCases where !termLoad[fi][ht.index].terms.isEmpty {
                m.add(termLoad[fi][ht.index] <= f.daysPerHalfTerm)
                m.add(termCount[fi][ht.index] <= Double(available[fi][ht.index]))
            }
            if imbalance > 0 {
                let e = m.addVariable("imb_\(f.id)", lower: 0)
                m.add(e - yearLoad[fi] + (1 / Double(facilitators.count)) * everyLoad >= 0)
                objective.add(imbalance, e)
            }
        }
        m.setObjective(.minimize, objective)
        exporter?(m)
        let r = try GLPKSolver.solve(m, options: options)
        let stats = ModelStats(m, r, built: started)
        // Only a proven bound counts; the LP's is shaved by a hair for floating-point error.
        guard let b = r.bound, r.status != .infeasible, r.status != .unbounded else { return (0, stats) }
        return (max(0, b - 1e-7 * abs(b) - 1e-6), stats)
    }
}
