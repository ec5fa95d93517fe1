import Foundation
import HubModel
import Solver

/// A lower bound on the cost of cohorts, venues and facilitators that holds for
/// every plan the PlanChecker accepts (docs/model.md, "The bound").
///
/// One model of cohorts, venues and facilitator sessions decided together, with
/// every constraint a checked plan must meet and no more: per programme group
/// (the programme, in one authority or hub-wide), x[z,v] participants of zone z
/// at venue v, y[v] cohorts and P[v] facilitator places per session there
/// (P ≥ y, P ≥ Σx/ppf), u[z] unmet; per kind of session (half-term, length,
/// mode), the cohort-sessions each facilitator runs, covering the places, at
/// most one place of a cohort's session each, within every facilitator's days
/// per half-term and per year and one session a teaching day. Sessions are
/// covered one by one, not by year-long teams, so plans with substitutes are
/// covered too.
///
/// Two bounds come from it, and the larger counts:
/// - its LP relaxation, with each facilitator trip priced from below in two
///   parts (f's shortest trip to the group's venues, plus the venue's least
///   extra trip), which keeps the LP small enough for GLPK's simplex;
/// - a Lagrangian bound: the facilitators' limits and the imbalance rows priced
///   at the LP's duals, so that the model falls apart into one small MIP per
///   group — whole cohorts, places and participants, and every trip exact —
///   solved on all cores. For any prices ≥ 0 (imbalance prices at most its
///   weight) the sum of the groups' proven bounds, less the priced limits, is a
///   lower bound; the LP's duals make it at least as good as the LP's own
///   (up to the parts the LP priced from below).
struct JointBound {
    let ctx: PlanningContext
    /// Whole cohorts, places and participants in the whole model (branch-and-cut; its proven bound counts).
    var integer: Bool = false
    var options = SolveOptions(timeLimit: 5, relativeGap: 1e-4)
    /// Called with the whole model before it is solved (for --export-mps).
    var exporter: ((Model) -> Void)? = nil

    /// One kind of session of a programme: sessions alike in half-term, facilitator days and mode.
    private struct SessionKind {
        let halfTerm: HalfTerm
        let days: Double
        let online: Bool
        let count: Int
    }

    /// Where a group's cohorts can meet: a venue (in-person programmes) or nowhere (online only).
    private struct Site {
        let venue: Venue?
        let capacity: Int
    }

    /// A programme's participants that may share cohorts: one authority's, or the hub's.
    private struct Group {
        let programme: Programme
        let zones: [PlanningContext.Zone]
        let tag: String
        /// CohortStage.groupKey of the group.
        let key: String
        let sites: [Site]
        let kinds: [SessionKind]
        /// Facilitator indices qualified for the programme.
        let qualified: [Int]
        /// The group's late starters (``IntakeStage``), zone by zone with their intake.
        var late: [(intake: HalfTerm, zone: PlanningContext.Zone)] = []
    }

    /// A facilitator's share of the cover: cohort-sessions of one kind.
    private struct Work {
        let facilitator: Int
        let kind: SessionKind
        let variable: Variable
    }

    /// What a facilitator's work costs above its day rate and trips: the
    /// Lagrangian prices of their limits, per day and per session.
    private struct Prices {
        var perDay: [[Double]]      // [facilitator][half-term]: year + half-term limit + imbalance
        var perSession: [[Double]] // [facilitator][half-term]: one session a teaching day
        var constant: Double       // − Σ price × limit
    }

    /// An event's people and room are shared by the cohorts it gathers, so what one cohort
    /// pays for it is not known here: events are left out of the kinds (and of hire and
    /// travel below), which can only lower the bound (docs/model.md, "Events").
    private static func kinds(_ p: Programme) -> [SessionKind] {
        let groups = Dictionary(grouping: p.sessions.filter { !$0.isEvent }) { "\($0.halfTerm.index)|\($0.facilitatorDays)|\($0.mode == .online)" }
        return groups.keys.sorted().map { key in
            let s = groups[key]!
            return SessionKind(halfTerm: s[0].halfTerm, days: s[0].facilitatorDays, online: s[0].mode == .online, count: s.count)
        }
    }

    private func groups() -> [Group] {
        let s = ctx.scenario
        var out: [Group] = []
        for p in s.programmes where !p.sessions.isEmpty {
            let zones = ctx.zones(programme: p.id)
            guard !zones.isEmpty else { continue }
            let byGroup: [[PlanningContext.Zone]] = p.crossAuthority
                ? [zones] : Dictionary(grouping: zones, by: \.authority).sorted { $0.key < $1.key }.map(\.value)
            // A programme whose only in-person sessions are events needs no venue of its cohorts' own.
            let sites: [Site] = p.sessions.contains(where: { $0.mode == .inPerson && !$0.isEvent })
                ? s.venues.filter { $0.largestRoom >= p.cohortMin }.map { Site(venue: $0, capacity: min(p.cohortMax, $0.largestRoom)) }
                : [Site(venue: nil, capacity: p.cohortMax)]
            let qualified = s.facilitators.indices.filter { s.facilitators[$0].qualifications.contains(p.id) }
            let late = ctx.lateZones(programme: p.id)
            for (gi, zones) in byGroup.enumerated() {
                var g = Group(programme: p, zones: zones, tag: "\(p.id)_\(gi)", key: CohortStage.groupKey(p, authority: zones[0].authority),
                              sites: sites, kinds: Self.kinds(p), qualified: qualified)
                g.late = late.flatMap { t in
                    t.zones.filter { p.crossAuthority || $0.authority == zones[0].authority }.map { (intake: t.intake, zone: $0) }
                }
                out.append(g)
            }
        }
        return out
    }

    private var available: [[Int]] {
        ctx.scenario.facilitators.map { f in HalfTerm.allCases.map { ctx.availableDays(facilitator: f.id, $0) } }
    }

    /// Adds one group's cohorts, places and facilitator cover to a model.
    ///
    /// - Parameters:
    ///   - exactTrips: one cover per venue with every trip exact (a group's own
    ///     model); otherwise one cover for the group with trips priced from below.
    ///   - prices: added to each facilitator's work (the Lagrangian's); nil for none.
    /// - Returns: the facilitators' work, for their limits.
    private func add(_ g: Group, to m: inout Model, objective: inout LinearExpression, whole: Bool, exactTrips: Bool,
                     prices: Prices?, available: [[Int]]) -> (work: [Work], places: LinearExpression) {
        let s = ctx.scenario, w = s.weights, p = g.programme
        let facilitators = s.facilitators
        let kind: VariableKind = whole ? .integer : .continuous
        let inPerson = Double(p.sessions.filter { $0.mode == .inPerson && !$0.isEvent }.count)
        // Supply cover is the same for every participant served, wherever they meet.
        let release = DateCosts.release(p.sessions, w)
        let total = g.zones.reduce(0) { $0 + $1.participants }
        let severalPerCohort = p.participantsPerFacilitator < p.cohortMax
        // Whoever is served goes to every in-person event the group's own model does not place
        // (``addEvents``), at the nearest venue at best.
        let events = p.sessions.filter(\.isEvent)
        let nearest = g.zones.map { z in s.venues.map { z.location.travelMinutes(to: $0.location) }.min() ?? 0 }
        let unplaced = Double(events.filter { $0.mode == .inPerson && !Self.isOneEvent($0, of: p) }.count)
        let eventTravel = nearest.map { unplaced * $0 * w.participantTravelPerMinute }
        var placed = Array(repeating: LinearExpression(), count: g.zones.count)
        var allCohorts = LinearExpression(), allPlaces = LinearExpression()
        var used: [(site: Site, cohorts: Variable, places: Variable)] = []
        var rooms = LinearExpression(), starters = LinearExpression()
        for (j, site) in g.sites.enumerated() {
            let reach = g.zones.indices.filter { i in
                site.venue.map { g.zones[i].location.travelMinutes(to: $0.location) <= s.solver.maxTravelMinutes } ?? true
            }
            guard !reach.isEmpty else { continue }
            let y = m.addVariable("y_\(g.tag)_\(j)", lower: 0, upper: Double(total / p.cohortMin + 1), kind: kind)
            let places = m.addVariable("P_\(g.tag)_\(j)", lower: 0, kind: kind)
            used.append((site, y, places))
            allCohorts.add(1, y)
            allPlaces.add(1, places)
            var here = LinearExpression()
            for i in reach {
                let z = g.zones[i]
                let x = m.addVariable("x_\(g.tag)_\(i)_\(j)", lower: 0, upper: Double(z.participants))
                here.add(1, x)
                placed[i].add(1, x)
                // Disaggregated linking: tight, and many rows. The whole-number models keep it; the
                // LP, whose duals are all it is for once the groups' models are solved, goes without
                // (reference: LP 0.41 s instead of 1.18 s, the same Lagrangian bound to the penny).
                if whole { m.add(x - Double(min(z.participants, site.capacity)) * y <= 0) }
                if let v = site.venue { objective.add(z.location.travelMinutes(to: v.location) * inPerson * w.participantTravelPerMinute, x) }
                if release > 0 { objective.add(release, x) }
                if eventTravel[i] > 0 { objective.add(eventTravel[i], x) }
            }
            m.add(here - Double(site.capacity) * y <= 0)
            rooms.add(Double(site.capacity), y)
            starters.add(here)
            m.add(here - Double(p.cohortMin) * y >= 0)
            m.add(places - y >= 0)
            m.add(places - (1 / Double(p.participantsPerFacilitator)) * here >= 0)
            if let v = site.venue { objective.add(inPerson * v.dayCost * w.venueHire, y) }
        }

        func price(_ fi: Int, _ k: SessionKind) -> Double {
            guard let prices else { return 0 }
            return k.days * prices.perDay[fi][k.halfTerm.index] + prices.perSession[fi][k.halfTerm.index]
        }
        var work: [Work] = []
        for k in g.kinds {
            let able = g.qualified.filter { available[$0][k.halfTerm.index] > 0 }
            if exactTrips && !k.online {
                for (site, y, places) in used {
                    let cost = able.map { fi in
                        let trip = site.venue.map { facilitators[fi].home.travelMinutes(to: $0.location) } ?? 0
                        return k.days * facilitators[fi].dayRate * w.staffDays + trip * w.staffTravelPerMinute + price(fi, k)
                    }
                    var cover = LinearExpression()
                    for q in Self.cheapestCover(cost, placesPerCohort: (site.capacity + p.participantsPerFacilitator - 1) / p.participantsPerFacilitator) {
                        let n = m.addVariable(lower: 0)
                        cover.add(1, n)
                        work.append(Work(facilitator: able[q], kind: k, variable: n))
                        // At most one place of each cohort's session, and no more work than the sessions (bounded prices).
                        m.add(n - Double(k.count) * y <= 0)
                        objective.add(cost[q], n)
                    }
                    m.add(cover - Double(k.count) * places >= 0)
                }
                continue
            }
            // One cover for the group. A trip from f's home to venue j costs at least
            // shortest_f + extra_j: f's shortest trip to any of the group's venues, priced
            // on f's sessions, and min over f of (trip(f,j) − shortest_f), on j's places.
            let trips = able.map { fi in used.map { $0.site.venue.map { facilitators[fi].home.travelMinutes(to: $0.location) } ?? 0 } }
            let shortest = trips.map { $0.min() ?? 0 }
            var cover = LinearExpression()
            for (q, fi) in able.enumerated() {
                let n = m.addVariable(lower: 0)
                cover.add(1, n)
                work.append(Work(facilitator: fi, kind: k, variable: n))
                // Binds only where a cohort needs several facilitators (and bounds priced work).
                if severalPerCohort || prices != nil { m.add(n - Double(k.count) * allCohorts <= 0) }
                objective.add(k.days * facilitators[fi].dayRate * w.staffDays + (k.online ? 0 : shortest[q]) * w.staffTravelPerMinute
                              + price(fi, k), n)
            }
            m.add(cover - Double(k.count) * allPlaces >= 0)
            guard !k.online, !able.isEmpty else { continue }
            for (j, u) in used.enumerated() {
                let extra = able.indices.map { trips[$0][j] - shortest[$0] }.min() ?? 0
                if extra > 0 { objective.add(Double(k.count) * extra * w.staffTravelPerMinute, u.places) }
            }
        }
        work += addEvents(events, of: g, placed: placed, nearest: nearest, to: &m, objective: &objective, kind: kind) { fi, k in
            k.days * facilitators[fi].dayRate * w.staffDays + price(fi, k)
        } able: { k in g.qualified.filter { available[$0][k.halfTerm.index] > 0 } }
        // Late starters who join the group's cohorts take room in them (all the rooms together,
        // which keeps the groups' models easy), travelling to the nearest site within reach.
        var joined: [LinearExpression] = []
        var everyone = starters
        for (i, l) in g.late.enumerated() {
            let later = p.startingIn(l.intake).sessions
            let inPersonLater = Double(later.filter { $0.mode == .inPerson && !$0.isEvent }.count)
            let reach = used.compactMap { $0.site.venue.map { l.zone.location.travelMinutes(to: $0.location) } }
                .filter { $0 <= s.solver.maxTravelMinutes }
            guard !reach.isEmpty || used.contains(where: { $0.site.venue == nil }) else {
                joined.append(LinearExpression())
                continue
            }
            let x = m.addVariable("xl_\(g.tag)_\(i)", lower: 0, upper: Double(l.zone.participants))
            objective.add((reach.min() ?? 0) * inPersonLater * w.participantTravelPerMinute + DateCosts.release(later, w), x)
            everyone.add(1, x)
            joined.append(LinearExpression(x))
        }
        if !g.late.isEmpty { m.add(everyone - rooms <= 0) }
        addCatchUp(g, joined: joined, to: &m, objective: &objective)
        var unmet = LinearExpression()
        for (i, z) in g.zones.enumerated() {
            let u = m.addVariable("u_\(g.tag)_\(i)", lower: 0, upper: Double(z.participants), kind: kind)
            unmet.add(1, u)
            objective.add(w.unmet, u)
            m.add(placed[i] + u == Double(z.participants))
        }
        // Chvátal–Gomory cuts (whole cohorts and places; u ≥ u/cmax, u ≥ u/ppf); late starters
        // who do not join are whole participants too, so they round the same way.
        let late = g.late.reduce(0) { $0 + $1.zone.participants }
        m.add(allCohorts + unmet - joined.reduce(LinearExpression(), +) >= Double((total + late + p.cohortMax - 1) / p.cohortMax - late))
        m.add(allPlaces + unmet >= Double((total + p.participantsPerFacilitator - 1) / p.participantsPerFacilitator))
        return (work, allPlaces)
    }

    /// The group's late starters who do not join its cohorts: each starts a catch-up cohort
    /// of their intake, joins one of an earlier intake, or is unmet (docs/model.md,
    /// "Intakes"). A catch-up cohort has at least the programme's smallest cohort of
    /// starters and at most its largest of everyone, and pays at least its facilitators for
    /// the sessions from its intake at the cheapest qualified day rate less the imbalance
    /// weight, and the cheapest hire for each in-person one; each of its participants the
    /// nearest venue's travel and their release.
    private func addCatchUp(_ g: Group, joined: [LinearExpression], to m: inout Model, objective: inout LinearExpression) {
        let s = ctx.scenario, w = s.weights, p = g.programme
        guard !g.late.isEmpty else { return }
        let perDay = max(0, cheapestDay(p))
        let hire = s.venues.filter { $0.largestRoom > 0 }.map(\.dayCost).min() ?? 0
        let intakes = Array(Set(g.late.map(\.intake))).sorted()
        var cohorts: [HalfTerm: Variable] = [:], starters: [HalfTerm: LinearExpression] = [:]
        var everyone = LinearExpression(), allCohorts = LinearExpression()
        for t in intakes {
            // An event's staff are shared with the cohorts it gathers: left out.
            let later = p.startingIn(t).sessions.filter { !$0.isEvent }
            let fixed = later.reduce(0) { $0 + $1.facilitatorDays * perDay }
                + Double(later.filter { $0.mode == .inPerson }.count) * hire * w.venueHire
            // No more cohorts than the intake's starters fill to the smallest size: none when they are
            // fewer (kept continuous, which keeps the groups' models quick; the bound is what counts).
            let late = g.late.filter { $0.intake == t }.reduce(0) { $0 + $1.zone.participants }
            let k = m.addVariable("ku_\(g.tag)_\(t.rawValue)", lower: 0, upper: Double(late / max(1, p.cohortMin)))
            objective.add(fixed, k)
            cohorts[t] = k
            allCohorts.add(1, k)
        }
        for (i, l) in g.late.enumerated() {
            let later = p.startingIn(l.intake).sessions
            let nearest = s.venues.map { l.zone.location.travelMinutes(to: $0.location) }.min() ?? 0
            let each = nearest * Double(later.filter { $0.mode == .inPerson && !$0.isEvent }.count) * w.participantTravelPerMinute
                + DateCosts.release(later, w)
            let start = m.addVariable("cs_\(g.tag)_\(i)", lower: 0, upper: Double(l.zone.participants))
            objective.add(each, start)
            starters[l.intake, default: LinearExpression()].add(1, start)
            everyone.add(1, start)
            var out = joined[i] + start
            if intakes.first.map({ $0 < l.intake }) == true {
                let join = m.addVariable("cj_\(g.tag)_\(i)", lower: 0, upper: Double(l.zone.participants))
                objective.add(each, join)
                everyone.add(1, join)
                out.add(1, join)
            }
            let u = m.addVariable("ul_\(g.tag)_\(i)", lower: 0, upper: Double(l.zone.participants))
            objective.add(w.unmet, u)
            out.add(1, u)
            m.add(out == Double(l.zone.participants))
        }
        for t in intakes {
            guard let k = cohorts[t] else { continue }
            let own = starters[t] ?? LinearExpression()
            m.add(own - Double(p.cohortMin) * k >= 0)
            m.add(own - Double(p.cohortMax) * k <= 0)
        }
        m.add(everyone - Double(p.cohortMax) * allCohorts <= 0)
    }

    /// Whether a group (a programme's participants in one authority, or the hub's when it
    /// crosses authorities) meets an event of the pattern once: its scope is the group's.
    static func isOneEvent(_ e: SessionPattern, of p: Programme) -> Bool {
        switch e.gathers {
        case .authority: !p.crossAuthority
        case .hub: p.crossAuthority
        case nil: false
        }
    }

    /// The people and rooms of the events that gather a group's cohorts, from below
    /// (docs/model.md, "Events"). Of those served, b[i] of zone i meet apart (each pays
    /// ``ObjectiveWeights/eventApart`` and the nearest venue's travel) and the rest
    /// gather. Where the group meets the event once, e[v] says where: the gathered pay
    /// travel and hire at v, which is everyone's travel to v and its hire, less the most
    /// that those not there (apart or unmet) could have cost; a venue whose largest room
    /// seats fewer than the group needs as many away. Facilitators: one per N gathered
    /// (the event's number) and one at least when all gather, and one per N apart (the
    /// larger of the event's and the programme's numbers), each day at the cheapest
    /// qualified day rate less the imbalance weight, since a day at an event may even out
    /// the loads the joint model sees by as much. An event of several per group (a
    /// cross-authority programme gathered by authority) counts the cheapest hire once
    /// while anyone is served, and its travel in ``add``; a hub-wide event of a
    /// programme whose groups are authorities is shared by groups: each counts its crew in
    /// proportion to those it gathers (continuous), and none its hire or travel.
    private func addEvents(_ events: [SessionPattern], of g: Group, placed: [LinearExpression], nearest: [Double],
                           to m: inout Model, objective: inout LinearExpression, kind: VariableKind,
                           dayCost: (Int, SessionKind) -> Double, able: (SessionKind) -> [Int]) -> [Work] {
        let s = ctx.scenario, w = s.weights, p = g.programme
        let total = g.zones.reduce(0) { $0 + $1.participants }
        guard total > 0 else { return [] }
        var work: [Work] = []
        let served = placed.reduce(LinearExpression(), +)
        let perDay = cheapestDay(p)
        let rooms = s.venues.filter { $0.largestRoom > 0 }
        let hire = rooms.map { $0.dayCost * w.venueHire }
        for e in events {
            let tag = "\(g.tag)_\(e.number)"
            let inPerson = e.mode == .inPerson && !rooms.isEmpty
            // The hub's event of a programme whose groups are authorities: its crew serves every group.
            let shared = e.gathers == .hub && !p.crossAuthority
            // Apart: what each pays at least, and the facilitators they need. Their travel to the
            // session is counted here only where the group's own model does not count everyone's
            // (``add``: `eventTravel`), lest it be counted twice.
            var apart = LinearExpression(), apartOf: [Variable] = []
            for (i, z) in g.zones.enumerated() {
                let b = m.addVariable("ev_apart_\(tag)_\(i)", lower: 0, upper: Double(z.participants))
                m.add(b - placed[i] <= 0)
                let travel = inPerson && Self.isOneEvent(e, of: p) ? nearest[i] * w.participantTravelPerMinute : 0
                objective.add(w.eventApart + travel, b)
                apart.add(1, b)
                apartOf.append(b)
            }
            let gathered = served - apart
            // The gathered's facilitators: one per N, one at least when all gather; each qualified
            // facilitator once, at their day rate and shortest trip, within their limits (their work).
            let session = SessionKind(halfTerm: e.halfTerm, days: e.facilitatorDays, online: e.mode == .online, count: 1)
            var cover = LinearExpression()
            for fi in able(session) {
                let trip = inPerson ? (rooms.map { s.facilitators[fi].home.travelMinutes(to: $0.location) }.min() ?? 0) : 0
                let n = m.addVariable(lower: 0, upper: 1)
                cover.add(1, n)
                objective.add(dayCost(fi, session) + trip * w.staffTravelPerMinute, n)
                work.append(Work(facilitator: fi, kind: session, variable: n))
            }
            // Whole facilitators in the whole-number models: ⌈gathered/N⌉, and one once anyone gathers.
            // A shared crew only in proportion: a plan's crew of C for all groups' G gathered gives
            // each group C·gathered/G ≥ gathered/N of each member's day, and each member one day in all.
            let per = Double(max(1, e.perFacilitator ?? p.participantsPerFacilitator))
            let crew = m.addVariable("ev_crew_\(tag)", lower: 0, kind: shared ? .continuous : kind)
            m.add(crew - (1 / per) * gathered >= 0)
            if !shared { m.add(crew - (1 / Double(total)) * gathered >= 0) }
            m.add(cover - crew >= 0)
            // The apart's: one per N (the larger number), each a session of a qualified facilitator's
            // within their limits, at their day rate and shortest trip. Each apart cohort's team works
            // the session; priced but not in the limits, a facilitator with too few days for the
            // programme and its event could still serve it here (oracle case E6: £7,387 against £126,934).
            // Where no one qualified is free that half-term, as before: priced at the cheapest rate less the
            // imbalance weight, and in no one's limits.
            let perApart = Double(max(1, e.perFacilitator ?? 1, p.participantsPerFacilitator))
            if perDay > 0 && !g.qualified.isEmpty && able(session).isEmpty {
                let staff = m.addVariable("ev_staff_apart_\(tag)", lower: 0)
                m.add(staff - (1 / perApart) * apart >= 0)
                objective.add(e.facilitatorDays * perDay, staff)
            } else if !g.qualified.isEmpty {
                var staff = LinearExpression()
                for fi in able(session) {
                    let trip = inPerson ? (rooms.map { s.facilitators[fi].home.travelMinutes(to: $0.location) }.min() ?? 0) : 0
                    let n = m.addVariable(lower: 0)
                    staff.add(1, n)
                    objective.add(dayCost(fi, session) + trip * w.staffTravelPerMinute, n)
                    work.append(Work(facilitator: fi, kind: session, variable: n))
                }
                // Whole facilitators in the whole-number models, as for the crew: one at least once anyone is apart.
                let needed = m.addVariable("ev_staff_apart_\(tag)", lower: 0, kind: kind)
                m.add(needed - (1 / perApart) * apart >= 0)
                m.add(needed - (1 / Double(total)) * apart >= 0)
                m.add(staff - needed >= 0)
            }
            // A shared event's hire and the gathered's travel are the groups' together: none counts them.
            guard inPerson, !shared else { continue }
            guard Self.isOneEvent(e, of: p) else {
                let held = m.addVariable("ev_held_\(tag)", lower: 0)
                m.add(held - (1 / Double(total)) * served >= 0)
                objective.add(hire.min() ?? 0, held)
                continue
            }
            // Not there: everyone not gathered, N − Σ gathered = Σ (N[i] − placed[i] + b[i]).
            var away = LinearExpression(constant: Double(total))
            away.add(gathered, times: -1)
            var choice = LinearExpression(), costAt = LinearExpression(), tooSmall = LinearExpression()
            for (j, v) in rooms.enumerated() {
                let at = m.addVariable("ev_at_\(tag)_\(j)", lower: 0, upper: 1)
                choice.add(1, at)
                let travel = g.zones.reduce(0.0) { $0 + Double($1.participants) * $1.location.travelMinutes(to: v.location) }
                costAt.add(travel * w.participantTravelPerMinute + hire[j], at)
                if v.largestRoom < total { tooSmall.add(Double(total - v.largestRoom), at) }
            }
            m.add(choice == 1)
            if !tooSmall.terms.isEmpty { m.add(away - tooSmall >= 0) }
            // What each one not there saves at most: their travel to the farthest room, and their share of the dearest hire.
            var saved = LinearExpression()
            for (i, z) in g.zones.enumerated() {
                let most = (rooms.map { z.location.travelMinutes(to: $0.location) }.max() ?? 0) * w.participantTravelPerMinute
                    + (hire.max() ?? 0) / Double(total)
                saved.constant += most * Double(z.participants)
                saved.add(placed[i], times: -most)
                saved.add(most, apartOf[i])
            }
            let paid = m.addVariable("ev_paid_\(tag)", lower: 0)
            m.add(paid - costAt + saved >= 0)
            objective.add(1, paid)
        }
        return work
    }

    /// The facilitators a venue's cover needs in a group's own model: every one whose
    /// work costs less than nothing, and the `placesPerCohort` cheapest of the rest.
    ///
    /// Exact, not a relaxation: each runs at most one place of every cohort's session
    /// (m·y sessions of a kind), and a venue needs at most ⌈capacity/ppf⌉·y places, so
    /// the cheapest ⌈capacity/ppf⌉ can take all the work any solution gives the others,
    /// at no greater cost (the work is continuous). On L the groups' models shrink from
    /// 154,096 columns to 26,965 and take 3.2 s instead of 7.3 s, with the same bound.
    ///
    /// - Parameters:
    ///   - cost: per able facilitator, the cost of one session of the kind at the venue.
    ///   - placesPerCohort: ⌈capacity/ppf⌉, the most places a cohort at the venue needs.
    /// - Returns: indices into `cost`, in their order.
    static func cheapestCover(_ cost: [Double], placesPerCohort: Int) -> [Int] {
        let paid = cost.indices.filter { cost[$0] >= 0 }.sorted { (cost[$0], $0) < (cost[$1], $1) }
        let kept = Set(cost.indices.filter { cost[$0] < 0 } + paid.prefix(max(1, placesPerCohort)))
        return cost.indices.filter(kept.contains)
    }

    /// A day of the programme's cheapest qualified facilitator less the imbalance weight: what a
    /// day outside the facilitators' work costs at least, since it may even out the loads the
    /// joint model sees by as much.
    private func cheapestDay(_ p: Programme) -> Double {
        ctx.cheapestRate(p) * ctx.scenario.weights.staffDays - imbalanceWeight
    }

    /// Imbalance is priced only when no plan can lower it by leaving work out more
    /// cheaply than the work costs (docs/model.md): every day costs at least its weight.
    private var imbalanceWeight: Double {
        let w = ctx.scenario.weights
        let cheapest = ctx.scenario.facilitators.map(\.dayRate).min() ?? 0
        return cheapest * w.staffDays >= w.loadImbalance ? w.loadImbalance : 0
    }

    /// What the model found: its proven bound, the models solved for it, and — from
    /// whole cohorts with a solution — the facilitator places it gave each group
    /// (CohortStage.groupKey → places per session), a hint for forming cohorts.
    struct Outcome {
        var bound: Double
        var stats: [ModelStats]
        var places: [String: Int] = [:]
    }

    /// The bound and the models solved for it.
    func solve() throws -> Outcome {
        let s = ctx.scenario
        let started = Date()
        let facilitators = s.facilitators
        let available = self.available
        let groups = self.groups()
        var m = Model(name: integer ? "joint_bound_mip" : "joint_bound")
        var objective = LinearExpression()
        var work: [Work] = []
        var places: [String: LinearExpression] = [:]
        for g in groups {
            let added = add(g, to: &m, objective: &objective, whole: integer, exactTrips: false, prices: nil, available: available)
            work += added.work
            places[g.key] = added.places
        }
        var yearLoad = Array(repeating: LinearExpression(), count: facilitators.count)
        var termLoad = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: facilitators.count)
        var termCount = termLoad
        for x in work {
            yearLoad[x.facilitator].add(x.kind.days, x.variable)
            termLoad[x.facilitator][x.kind.halfTerm.index].add(x.kind.days, x.variable)
            termCount[x.facilitator][x.kind.halfTerm.index].add(1, x.variable)
        }
        var limits = Limits(count: facilitators.count)
        let imbalance = imbalanceWeight
        // The mean load is one variable with one defining row: written out in every facilitator's
        // imbalance row instead, it made 1.5 of the L LP's 1.6 million nonzeros.
        var mean: Variable?
        if imbalance > 0 {
            var everyLoad = LinearExpression()
            for fi in facilitators.indices { everyLoad.add(yearLoad[fi]) }
            let v = m.addVariable("mean_load", lower: 0)
            m.add(Double(facilitators.count) * v - everyLoad == 0)
            mean = v
        }
        for (fi, f) in facilitators.enumerated() where !yearLoad[fi].terms.isEmpty {
            limits.year[fi] = FacilitatorYearLoad.row(yearLoad[fi], f, in: &m)
            for ht in HalfTerm.allCases where !termLoad[fi][ht.index].terms.isEmpty {
                limits.term[fi][ht.index] = FacilitatorTermLoad.row(termLoad[fi][ht.index], f, ht, in: &m)
                limits.sessions[fi][ht.index] = m.add(termCount[fi][ht.index] <= Double(available[fi][ht.index]))
            }
            if let mean {
                let e = m.addVariable("imb_\(f.id)", lower: 0)
                limits.imbalance[fi] = m.add(e - yearLoad[fi] + mean >= 0)
                objective.add(imbalance, e)
            }
        }
        m.setObjective(.minimize, objective)
        exporter?(m)
        var lpOptions = options
        // Thousands of cheap pivots from "everyone unmet": the cheaper pricing rule pays (M 0.74 → 0.47 s, L 8.9 → 5.5 s).
        if !integer { lpOptions.pricing = .dantzig }
        let r = try GLPKSolver.solve(m, options: lpOptions)
        var stats = [ModelStats(m, r, built: started)]
        var best = r.status == .infeasible || r.status == .unbounded ? 0 : r.bound ?? 0
        if !integer {
            // Prices from the LP's duals; where the LP did not finish (a time limit), prices 0 —
            // still valid, only weaker (reference: £71,110 against £75,047 at the duals).
            // Subgradient steps from the duals were tried and lowered the bound (£75,047 → £74,918 in two).
            var multipliers = Multipliers.zero(facilitators.count, imbalance: imbalance)
            if r.status == .optimal && !r.duals.isEmpty { multipliers = limits.multipliers(r, imbalance: imbalance) }
            let roundStarted = Date()
            let l = try lagrangianBound(groups, prices: multipliers.prices(facilitators, available: available),
                                        available: available, limit: options.timeLimit.map { max(0.2, $0 / 2) })
            stats.append(ModelStats(name: "joint_bound_by_group", rows: l.stats.reduce(0) { $0 + $1.rows },
                                    columns: l.stats.reduce(0) { $0 + $1.columns }, nonZeros: l.stats.reduce(0) { $0 + $1.nonZeros },
                                    status: l.stats.allSatisfy { $0.status == "optimal" } ? "optimal" : "feasible",
                                    objective: nil, bound: l.bound, seconds: Date().timeIntervalSince(roundStarted), buildSeconds: nil))
            best = max(best, l.bound)
        }
        // Only a proven bound counts; shaved by a hair for floating-point error.
        best += lateStarters(outside: groups)
        var out = Outcome(bound: max(0, best - 1e-7 * abs(best) - 1e-6), stats: stats)
        if integer && r.status.hasSolution { out.places = places.mapValues { Int(r.value($0).rounded()) } }
        return out
    }

    /// Late starters (``IntakeStage``), outside the model: each either goes to the sessions from
    /// their intake — released for each, and travelling to each in-person one at least as far as
    /// the nearest venue — or is unmet, whichever is less. What they add to cohorts, places and
    /// events is left out, which can only lower the bound (docs/model.md, "Intakes").
    private func lateStarters(outside groups: [Group]) -> Double {
        let s = ctx.scenario, w = s.weights
        // Groups model their own late starters (``addCatchUp``).
        let modelled = Set(groups.flatMap { g in g.late.map { "\(g.programme.id)|\($0.intake.rawValue)|\($0.zone.id)" } })
        var total = 0.0
        for p in s.programmes where !p.sessions.isEmpty {
            for (intake, zones) in ctx.lateZones(programme: p.id) {
                let later = p.startingIn(intake).sessions
                let release = DateCosts.release(later, w)
                let inPerson = Double(later.filter { $0.mode == .inPerson }.count)
                for z in zones where !modelled.contains("\(p.id)|\(intake.rawValue)|\(z.id)") {
                    let nearest = s.venues.map { z.location.travelMinutes(to: $0.location) }.min() ?? 0
                    total += Double(z.participants) * min(w.unmet, release + nearest * inPerson * w.participantTravelPerMinute)
                }
            }
        }
        return total
    }

    /// The LPs (with no linking rows) of larger models than this are not followed by the
    /// whole-number model: its root LP, with the linking rows, is far harder. Measured
    /// (GLPK 5.0): M's LP has 31,300 nonzeros and its whole model ends in 5.8 s; L's LP
    /// has 135,093, and its whole model found neither a solution nor a bound in 10 s
    /// (its root LP alone ran over 10 minutes in glpsol).
    static let wholeModelNonZeroLimit = 100_000

    /// The whole-number model is solved only where the plan is more than this fraction above
    /// the bound so far. It closes the gaps that facilitators too short for whole cohorts leave
    /// (the oracle's cases: 7–87% without it, under 0.3% with it), but not the last percent or
    /// so that integrality leaves in many groups at once: in the 8 of XL's 87 hubs where it ran
    /// (1.2–1.5% short) it moved neither bound nor plan, and took 4–7 s each.
    static let wholeModelShortfall = 0.03

    /// Whether the whole-number model can do anything in seconds, judged from the
    /// size of the LP (not its time, so that the plan does not depend on the load).
    static func wholeModelIsWorthTrying(lp: Outcome) -> Bool {
        (lp.stats.first?.nonZeros ?? 0) <= wholeModelNonZeroLimit
    }

    /// The facilitators' limits in the whole model, to read their duals.
    private struct Limits {
        var year: [ConstraintRef?]
        var term: [[ConstraintRef?]]
        var sessions: [[ConstraintRef?]]
        var imbalance: [ConstraintRef?]

        init(count: Int) {
            year = Array(repeating: nil, count: count)
            term = Array(repeating: Array(repeating: nil, count: 6), count: count)
            sessions = term
            imbalance = year
        }

        /// The duals as Lagrangian multipliers, clipped to where the bound stays valid.
        func multipliers(_ r: SolveResult, imbalance weight: Double) -> Multipliers {
            func atLeastZero(_ c: ConstraintRef?) -> Double { c.map { max(0, -r.dual($0)) } ?? 0 }  // ≤ rows: dual ≤ 0
            return Multipliers(year: year.map(atLeastZero), term: term.map { $0.map(atLeastZero) },
                               sessions: sessions.map { $0.map(atLeastZero) },
                               imbalance: imbalance.map { c in c.map { min(weight, max(0, r.dual($0))) } ?? 0 }, weight: weight)
        }
    }

    /// Prices of the facilitators' limits: at least 0, imbalance prices at most its weight
    /// (where the Lagrangian bound stays valid).
    private struct Multipliers {
        var year: [Double]
        var term: [[Double]]
        var sessions: [[Double]]
        var imbalance: [Double]
        let weight: Double

        static func zero(_ count: Int, imbalance weight: Double) -> Multipliers {
            Multipliers(year: Array(repeating: 0, count: count), term: Array(repeating: Array(repeating: 0, count: 6), count: count),
                        sessions: Array(repeating: Array(repeating: 0, count: 6), count: count),
                        imbalance: Array(repeating: 0, count: count), weight: weight)
        }

        func prices(_ facilitators: [Facilitator], available: [[Int]]) -> Prices {
            let meanMu = imbalance.reduce(0, +) / Double(max(1, facilitators.count))
            var prices = Prices(perDay: [], perSession: [], constant: 0)
            for (fi, f) in facilitators.enumerated() {
                prices.constant -= year[fi] * FacilitatorYearLoad.limit(f)
                prices.perDay.append(HalfTerm.allCases.map { year[fi] + term[fi][$0.index] + imbalance[fi] - meanMu })
                prices.perSession.append(sessions[fi])
                for ht in HalfTerm.allCases {
                    prices.constant -= term[fi][ht.index] * FacilitatorTermLoad.limit(f) + sessions[fi][ht.index] * Double(available[fi][ht.index])
                }
            }
            return prices
        }
    }

    /// The sum of every group's own model, at the given prices, plus the prices' constant.
    private func lagrangianBound(_ groups: [Group], prices: Prices, available: [[Int]],
                                 limit: Double?) throws -> (bound: Double, stats: [ModelStats]) {
        let results = Slots<Result<(Double, ModelStats), Error>>(count: groups.count)
        let shared = Unchecked(value: (bound: self, groups: groups, prices: prices, available: available))
        DispatchQueue.concurrentPerform(iterations: groups.count) { i in
            let (this, groups, prices, available) = shared.value
            results.set(i, Result {
                let built = Date()
                var m = Model(name: "group_\(groups[i].tag)")
                var objective = LinearExpression()
                _ = this.add(groups[i], to: &m, objective: &objective, whole: true, exactTrips: true, prices: prices, available: available).work
                m.setObjective(.minimize, objective)
                // Without the presolver: with it, GLPK solves the root LP twice (once before the
                // MIP presolve, once after); the 37 groups of L took about a fifth longer so.
                var options = SolveOptions(timeLimit: limit, relativeGap: 1e-6, presolve: false)
                options.pricing = .dantzig  // as the LP's: XL: 87 hubs' groups and LP 91 → 78 s summed, bounds the same to 1e-6
                let r = try GLPKSolver.solve(m, options: options)
                // Every cost and price here is at least 0, so 0 bounds a group with no proof.
                let bound = r.status == .infeasible ? Double.infinity : max(0, r.bound ?? 0)
                return (bound, ModelStats(m, r, built: built))
            })
        }
        let parts = try results.values.map { try $0!.get() }
        var bound = prices.constant + parts.reduce(0) { $0 + $1.0 }
        if !bound.isFinite { bound = 0 }
        return (bound, parts.map(\.1))
    }
}
