import Foundation
import HubModel
import Solver

/// Stage A: forms each programme's cohorts and picks their home venues.
///
/// One small MIP per programme (and per authority where cohorts may not mix
/// authorities): integer participants x[z,v] from zone z to venue v, integer
/// cohorts y[v] and an open flag o[v] per venue, with the tight linking
/// x[z,v] ≤ n_z·o[v]. Its cost is a valid lower bound of the same terms in
/// any plan (docs/model.md), so its bound feeds the plan's bound. For a
/// programme that carries on last year's cohorts, the newcomers may also take
/// the continued cohorts' free places (``FreePlaces``), decided in the same model.
struct CohortStage {
    let ctx: PlanningContext
    let options: SolveOptions
    /// Called with each model before it is solved (for --export-mps).
    var exporter: ((Model) -> Void)? = nil
    /// When re-planning: programmes whose previous cohorts still fit keep them.
    var baseline: Baseline? = nil
    var hooks = SolveHooks()
    /// Group key → how many facilitators its cohorts can have (after a team stage
    /// that could not staff them all).
    var placeCaps: [String: PlaceCap] = [:]
    /// Group key → at least this many cohorts (tried where an event could not gather them all).
    var cohortFloors: [String: Int] = [:]
    /// Cohorts carried on from last year's plan: their programmes form new cohorts for joiners only.
    var continuation: Continuation.Outcome? = nil

    /// The facilitator places a group's cohorts can be given: in all, and in one
    /// cohort (a cohort's places need different people).
    struct PlaceCap: Equatable {
        var total: Int
        var perCohort: Int
    }

    /// The key of a programme's group of cohorts: one authority's, or the hub's.
    static func groupKey(_ p: Programme, authority: String?) -> String { "\(p.id)|\(p.crossAuthority ? "*" : authority ?? "*")" }

    /// A cohort before facilitators and dates.
    struct Cohort {
        var id: String
        /// Its programme; a catch-up cohort's has only the sessions from its start.
        var programme: Programme
        var authority: String
        var venue: Venue?
        /// Its starters, (school, participants).
        var schools: [(String, Int)]
        /// Everyone by the end of the year, late joiners included: rooms and teams are sized for it.
        var size: Int { schools.reduce(0) { $0 + $1.1 } + joiners.reduce(0) { $0 + $1.participants } }
        /// Authorities of its participants (whose teaching days it must respect).
        var authorities: [String]
        /// Late starters who join it from their intake (``IntakeStage``).
        var joiners: [(school: String, participants: Int, from: HalfTerm)] = []
        /// A catch-up cohort's first half-term (nil: the programme's).
        var starts: HalfTerm? = nil

        /// Its participants by school at a session in a half-term: the starters, and the joiners from their intake.
        func places(at ht: HalfTerm) -> [(String, Int)] {
            schools + joiners.filter { $0.from <= ht }.map { ($0.school, $0.participants) }
        }

        /// `n` more starters from a school.
        mutating func addStarters(_ school: String, _ n: Int) {
            if let i = schools.firstIndex(where: { $0.0 == school }) { schools[i].1 += n } else { schools.append((school, n)) }
        }

        /// Those at a session in a half-term.
        func size(at ht: HalfTerm) -> Int {
            schools.reduce(0) { $0 + $1.1 } + joiners.filter { $0.from <= ht }.reduce(0) { $0 + $1.participants }
        }
    }

    struct Outcome {
        var cohorts: [Cohort]
        var unmet: [UnmetItem]
        var objective: Double
        var models: [ModelStats]
        /// Continued cohort id → the newcomers who join it, (school, participants).
        var joined: [String: [(String, Int)]] = [:]
    }

    /// A continued cohort's free places: up to the programme's largest cohort and its room.
    /// Newcomers who join it travel to its venue, and each `participantsPerFacilitator`
    /// beyond what its members already need costs a place.
    struct FreePlaces {
        var cohort: String
        var venue: Venue?
        var members: Int
        var room: Int

        init(_ c: Cohort) {
            cohort = c.id
            venue = c.venue
            members = c.size
            room = max(0, min(c.programme.cohortMax, c.venue?.largestRoom ?? c.programme.cohortMax) - c.size)
        }
    }

    /// A programme's cohorts in one authority (or hub-wide), solved as one model.
    private struct Group {
        let programme: Programme
        let authority: String?
        let zones: [PlanningContext.Zone]
        /// Re-planning keeps this programme's previous cohorts: solve for the bound only.
        let keep: Bool
        /// Continued cohorts' free places its newcomers may take.
        var free: [FreePlaces] = []
        /// Late starters who must join its cohorts (``mustJoin``).
        var late: [LateStarters] = []
    }

    /// One zone's late starters of one intake.
    struct LateStarters {
        let intake: HalfTerm
        let zone: PlanningContext.Zone
    }

    /// What goes into the outcome, in order: cohorts kept from a previous plan, or a group's solution.
    private enum Step {
        case kept([Cohort])
        case group(Int)
    }

    func run() throws -> Outcome {
        var steps: [Step] = []
        var groups: [Group] = []
        for p in ctx.scenario.programmes where !p.sessions.isEmpty {
            let carried = continuation?.cohorts[p.id]
            let kept = carried ?? baseline?.cohorts(of: p, in: ctx) ?? []
            // Participants have started in these cohorts: keep them. Re-planning still
            // solves the group's model, for its statistics; continuing, the model forms
            // new cohorts for the joiners without a place.
            if !kept.isEmpty { steps.append(.kept(kept)) }
            let zones = carried == nil ? ctx.zones(programme: p.id) : ctx.zones(of: continuation?.newcomers[p.id] ?? [])
            guard !zones.isEmpty else { continue }
            let byAuthority: [(String?, [PlanningContext.Zone])] = p.crossAuthority
                ? [(nil, zones)]
                : Dictionary(grouping: zones, by: \.authority).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            for (authority, groupZones) in byAuthority {
                steps.append(.group(groups.count))
                let free = (carried ?? []).filter { p.crossAuthority || $0.authority == authority }.map(FreePlaces.init).filter { $0.room > 0 }
                // In person, the model keeps late starters' seats where they can reach them; online, each cohort keeps its share.
                groups.append(Group(programme: p.needsVenue ? p : roomForLateStarters(p, authority: authority, starters: groupZones),
                                    authority: authority, zones: groupZones, keep: carried == nil && !kept.isEmpty, free: free,
                                    late: p.needsVenue ? mustJoin(p, authority: authority) : []))
            }
        }
        let solved = try solveConcurrently(groups)

        var out = Outcome(cohorts: [], unmet: [], objective: 0, models: [])
        var joined: [String: [(String, Int)]] = [:]
        for step in steps {
            switch step {
            case .kept(let cohorts):
                out.cohorts += cohorts
            case .group(let g):
                let p = groups[g].programme
                let numbering = out.cohorts.filter { $0.programme.id == p.id }.map { Self.number($0.id) }.max() ?? 0
                var part = solved[g].renumbered(from: numbering).keeping(groups[g].keep)
                // Cohorts carry the scenario's programme, not the one with seats kept for late starters.
                if let original = ctx.scenario.programmes.first(where: { $0.id == p.id }) {
                    for i in part.cohorts.indices { part.cohorts[i].programme = original }
                }
                out.cohorts += part.cohorts
                out.unmet += part.unmet
                out.objective += part.objective
                out.models += part.models
                joined.merge(part.joined) { $0 + $1 }
            }
        }
        for i in out.cohorts.indices {
            for (school, n) in joined[out.cohorts[i].id] ?? [] {
                if let k = out.cohorts[i].schools.firstIndex(where: { $0.0 == school }) { out.cohorts[i].schools[k].1 += n }
                else { out.cohorts[i].schools.append((school, n)) }
                if let la = ctx.schoolById[school]?.authority, !out.cohorts[i].authorities.contains(la) {
                    out.cohorts[i].authorities = (out.cohorts[i].authorities + [la]).sorted()
                }
            }
        }
        return out
    }

    /// The group's late starters too few, intake by intake, for a catch-up cohort of their own
    /// (``IntakeStage``): they must join a cohort, so the cohort model keeps their seats.
    func mustJoin(_ p: Programme, authority: String?) -> [LateStarters] {
        ctx.lateZones(programme: p.id).flatMap { t, zones -> [LateStarters] in
            let mine = zones.filter { authority == nil || $0.authority == authority }
            return mine.reduce(0) { $0 + $1.participants } < p.cohortMin ? mine.map { LateStarters(intake: t, zone: $0) } : []
        }
    }

    /// The programme as its starters' cohorts are formed: when late starters will come who
    /// are too few for a catch-up cohort of their own (``IntakeStage``), each cohort keeps
    /// seats for its share of them, so that they can join. Where an intake brings enough for
    /// a catch-up cohort, the intake model chooses between joining and catching up.
    func roomForLateStarters(_ p: Programme, authority: String?, starters: [PlanningContext.Zone]) -> Programme {
        let late = ctx.lateZones(programme: p.id).map { intake in
            intake.zones.filter { authority == nil || $0.authority == authority }.reduce(0) { $0 + $1.participants }
        }.filter { $0 < p.cohortMin }.reduce(0, +)
        let n = starters.reduce(0) { $0 + $1.participants }
        guard late > 0, n > 0 else { return p }
        let cohorts = (n + p.cohortMax - 1) / p.cohortMax
        var q = p
        q.cohortMax = max(p.cohortMin, p.cohortMax - min((late + cohorts - 1) / cohorts, p.cohortMax - p.cohortMin))
        // Never so few seats that the starters no longer make whole cohorts: 22 starters with
        // 9 late ones in cohorts of 12 to 28 keep one cohort of 22, not two of 11 (the oracle
        // sweep's E124, whose two cohorts of 11 broke the rule).
        let most = max(1, n / p.cohortMin)
        q.cohortMax = min(p.cohortMax, max(q.cohortMax, (n + most - 1) / most))
        return q
    }

    /// The number a cohort's id ends in (ECT2-WAR-05 → 5); 0 for none.
    static func number(_ id: String) -> Int { id.split(separator: "-").last.flatMap { Int($0) } ?? 0 }

    /// Every group's model, on all cores: the models are independent, and each
    /// GLPK problem lives on one thread.
    private func solveConcurrently(_ groups: [Group]) throws -> [Outcome] {
        let results = Slots<Result<Outcome, Error>>(count: groups.count)
        // plan() only reads the stage (the exporter and the progress hook are thread-safe).
        let shared = Unchecked(value: (stage: self, groups: groups))
        DispatchQueue.concurrentPerform(iterations: groups.count) { i in
            let (stage, groups) = shared.value
            let g = groups[i]
            let key = Self.groupKey(g.programme, authority: g.authority)
            results.set(i, Result {
                try stage.plan(g.programme, authority: g.authority, zones: g.zones, numbering: 0, placeCap: stage.placeCaps[key],
                               free: g.free, late: g.late, atLeast: stage.cohortFloors[key])
            })
        }
        return try results.values.map { try $0!.get() }
    }


    /// One programme (and authority): cohorts, their venues and their facilitator
    /// places, each place priced at the programme's cheapest qualified day rate.
    ///
    /// - Parameter placeCap: at most this many facilitator places, in all and per
    ///   cohort (when the team stage found fewer qualified people or days than the
    ///   cohorts needed); nil for no cap.
    func plan(_ p: Programme, authority: String?, zones: [PlanningContext.Zone], numbering: Int,
              placeCap: PlaceCap? = nil, free: [FreePlaces] = [], late: [LateStarters] = [], atLeast: Int? = nil) throws -> Outcome {
        let label = authority.map { "\(p.id) \($0)" } ?? p.id
        if !p.sessions.contains(where: { $0.mode == .inPerson }) {
            return onlineOnly(p, authority: authority, zones: zones, numbering: numbering, rate: ctx.cheapestRate(p),
                              days: p.sessions.reduce(0) { $0 + $1.facilitatorDays }, placeCap: placeCap, free: free, atLeast: atLeast)
        }
        // Build → solve → decode.
        let built = build(p, label: label, zones: zones, placeCap: placeCap, free: free, late: late, atLeast: atLeast)
        if placeCap == nil { exporter?(built.model) }
        let r = try solve(built, label: label)
        return decode(r, built, authority: authority, numbering: numbering)
    }

    /// A group's model and what decoding it needs.
    struct Built {
        var model: Model
        let programme: Programme
        let zones: [PlanningContext.Zone]
        let venues: [Venue]
        let placeCap: PlaceCap?
        /// x[zone][venue]: participants sent (nil where the venue is out of reach).
        let x: [[Variable?]]
        let free: [FreePlaces]
        /// joins[zone][k]: newcomers who take free places in `free[k]` (nil where out of reach).
        let joins: [[Variable?]]
        /// Cohorts opened per venue.
        let y: [Variable]
        let unmetVars: [Variable]
        let started: Date
    }

    /// - Parameter atLeast: at least this many cohorts, where the starters can fill them to their smallest size.
    func build(_ p: Programme, label: String, zones: [PlanningContext.Zone], placeCap: PlaceCap?, free: [FreePlaces] = [],
               late: [LateStarters] = [], atLeast: Int? = nil) -> Built {
        let w = ctx.scenario.weights
        let inPerson = p.sessions.filter { $0.mode == .inPerson }.count
        let facilitatorDays = p.sessions.reduce(0) { $0 + $1.facilitatorDays }
        let rates = ctx.placeRates(p)
        let total = zones.reduce(0) { $0 + $1.participants }
        let maxTravel = ctx.scenario.solver.maxTravelMinutes
        let venues = ctx.scenario.venues.filter { $0.largestRoom >= p.cohortMin }
        let modelStarted = Date()
        var m = Model(name: "cohorts_\(label.replacingOccurrences(of: " ", with: "_"))\(placeCap == nil ? "" : "_capped")")
        var x: [[Variable?]] = Array(repeating: Array(repeating: nil, count: venues.count), count: zones.count)
        var y: [Variable] = [], fac: [Variable] = []
        var objective = LinearExpression()
        // Late starters who must join: seats kept for them at venues they reach (r), or unmet.
        var kept: [LinearExpression] = Array(repeating: LinearExpression(), count: late.count)
        let lateTotal = late.reduce(0) { $0 + $1.zone.participants }
        for (j, v) in venues.enumerated() {
            let cap = largest(p, room: v.largestRoom, placeCap)
            let maxCohorts = Double(total / p.cohortMin + 1)
            y.append(m.addVariable("y_\(v.id)", lower: 0, upper: maxCohorts, kind: .integer))
            // Whole places: a cohort of n needs ⌈n/ppf⌉ facilitators, so a venue's cohorts need at least ⌈Σx/ppf⌉.
            fac.append(m.addVariable("fac_\(v.id)", lower: 0, kind: .integer))
            var assigned = LinearExpression()
            for (i, z) in zones.enumerated() {
                let t = z.location.travelMinutes(to: v.location)
                guard t <= maxTravel else { continue }
                let xv = m.addVariable("x_\(i)_\(v.id)", lower: 0, upper: Double(z.participants), kind: .integer)
                x[i][j] = xv
                assigned.add(1, xv)
                // Disaggregated linking (docs/model.md): a zone sends at most min(n_z, cap)
                // participants per cohort opened, which keeps the LP bound close.
                m.add(xv - Double(min(z.participants, cap)) * y[j] <= 0, name: "link_\(i)_\(v.id)")
                objective.add(t * Double(inPerson) * w.participantTravelPerMinute, xv)
            }
            var seated = assigned
            for (l, k) in late.enumerated() {
                let t = k.zone.location.travelMinutes(to: v.location)
                guard t <= maxTravel else { continue }
                let r = m.addVariable("r_\(l)_\(v.id)", lower: 0, upper: Double(k.zone.participants), kind: .integer)
                seated.add(1, r)
                kept[l].add(1, r)
                m.add(r - Double(min(k.zone.participants, cap)) * y[j] <= 0, name: "rlink_\(l)_\(v.id)")
                let sessions = Double(p.startingIn(k.intake).sessions.filter { $0.mode == .inPerson }.count)
                objective.add(t * sessions * w.participantTravelPerMinute, r)
            }
            // Starters fill a cohort to its smallest size; the cohort, late starters too, is within its largest and staffed for it.
            m.add(seated - Double(cap) * y[j] <= 0, name: "cap_\(v.id)")
            m.add(assigned - Double(p.cohortMin) * y[j] >= 0, name: "min_\(v.id)")
            // Each cohort needs the places of its smallest size at least, and one per ppf participants.
            m.add(fac[j] - Double(p.facilitatorsNeeded(for: p.cohortMin)) * y[j] >= 0, name: "facc_\(v.id)")
            m.add(fac[j] - (1.0 / Double(p.participantsPerFacilitator)) * seated >= 0, name: "facp_\(v.id)")
            // Each cohort's first place at the first rate, every further place at the next (fac ≥ y).
            objective.add(Double(inPerson) * v.dayCost * w.venueHire + facilitatorDays * (rates.first - rates.more) * w.staffDays, y[j])
            objective.add(facilitatorDays * rates.more * w.staffDays, fac[j])
        }
        if let placeCap { m.add(LinearExpression(sum: fac) <= Double(placeCap.total), name: "place_cap") }
        if let atLeast, atLeast * p.cohortMin <= total { m.add(LinearExpression(sum: y) >= Double(atLeast), name: "cohort_floor") }
        // Continued cohorts' free places: newcomers within reach of the cohort's venue may take them,
        // paying a place for each ppf beyond the places its members need: ppf·(base + extra) ≥ members + joined.
        var joins: [[Variable?]] = Array(repeating: Array(repeating: nil, count: free.count), count: zones.count)
        var room = 0
        for (k, f) in free.enumerated() {
            guard let v = f.venue else { continue }
            var joined = LinearExpression()
            for (i, z) in zones.enumerated() {
                let t = z.location.travelMinutes(to: v.location)
                guard t <= maxTravel else { continue }
                let xv = m.addVariable("join_\(i)_\(k)", lower: 0, upper: Double(min(z.participants, f.room)), kind: .integer)
                joins[i][k] = xv
                joined.add(1, xv)
                objective.add(t * Double(inPerson) * w.participantTravelPerMinute, xv)
            }
            guard !joined.terms.isEmpty else { continue }
            room += f.room
            m.add(joined <= Double(f.room), name: "room_\(k)")
            let extra = m.addVariable("extra_\(k)", lower: 0, kind: .integer)
            let slack = p.facilitatorsNeeded(for: f.members) * p.participantsPerFacilitator - f.members
            m.add(Double(p.participantsPerFacilitator) * extra - joined >= Double(-slack), name: "extra_\(k)")
            objective.add(facilitatorDays * rates.more * w.staffDays, extra)
        }
        var unmetVars: [Variable] = []
        for (i, z) in zones.enumerated() {
            let u = m.addVariable("u_\(i)", lower: 0, upper: Double(z.participants), kind: .integer)
            unmetVars.append(u)
            var e = LinearExpression(u)
            for j in venues.indices { if let xv = x[i][j] { e.add(1, xv) } }
            for k in free.indices { if let xv = joins[i][k] { e.add(1, xv) } }
            m.add(e == Double(z.participants), name: "demand_\(i)")
            objective.add(w.unmet, u)
        }
        var cohortsOrUnmet = LinearExpression(sum: y)
        for (l, k) in late.enumerated() {
            let u = m.addVariable("ru_\(l)", lower: 0, upper: Double(k.zone.participants), kind: .integer)
            m.add(kept[l] + u == Double(k.zone.participants), name: "late_\(l)")
            objective.add(w.unmet, u)
            cohortsOrUnmet.add(1, u)
        }
        // Chvátal–Gomory cut: Σy·cmax + Σu ≥ N + late − (free places), and u ≥ u/cmax, give Σy + Σu ≥ ⌈(N + late − room)/cmax⌉.
        for u in unmetVars { cohortsOrUnmet.add(1, u) }
        m.add(cohortsOrUnmet >= Double((max(0, total + lateTotal - room) + p.cohortMax - 1) / p.cohortMax), name: "cohort_count")
        m.setObjective(.minimize, objective)
        return Built(model: m, programme: p, zones: zones, venues: venues, placeCap: placeCap, x: x, free: free, joins: joins, y: y,
                     unmetVars: unmetVars, started: modelStarted)
    }

    func solve(_ built: Built, label: String) throws -> SolveResult {
        let m = built.model
        let r = try hooks.solvePatiently(m, options)
        guard r.status.hasSolution else {
            throw PlannerError.stageFailed("cohorts for \(label): GLPK returned \(r.status.rawValue)")
        }
        return r
    }

    /// Splits each venue's participants into its cohorts, sized for the fewest places; the rest are unmet, with the reason.
    func decode(_ r: SolveResult, _ built: Built, authority: String?, numbering: Int) -> Outcome {
        let p = built.programme, zones = built.zones, venues = built.venues, placeCap = built.placeCap
        let x = built.x, y = built.y, unmetVars = built.unmetVars
        let total = zones.reduce(0) { $0 + $1.participants }
        let maxTravel = ctx.scenario.solver.maxTravelMinutes
        let stats = ModelStats(built.model, r, built: built.started)
        var cohorts: [Cohort] = []
        var unmet: [UnmetItem] = []
        var taken: [String: Int] = [:]  // participants of each (zone, school) placed so far
        // The zone's next `count` participants, school by school.
        func take(_ z: PlanningContext.Zone, _ count: Int) -> [(String, Int)] {
            var flows: [(String, Int)] = [], take = count
            for (school, n) in z.schools where take > 0 {
                let already = taken[z.id + school] ?? 0
                let k = min(n - already, take)
                if k > 0 {
                    flows.append((school, k))
                    taken[z.id + school] = already + k
                    take -= k
                }
            }
            return flows
        }
        var joined: [String: [(String, Int)]] = [:]
        for (k, f) in built.free.enumerated() {
            for (i, z) in zones.enumerated() {
                guard let xv = built.joins[i][k] else { continue }
                let n = Int(r.value(xv).rounded())
                if n > 0 { joined[f.cohort, default: []] += take(z, n) }
            }
        }
        for (j, v) in venues.enumerated() {
            let count = Int(r.value(y[j]).rounded())
            guard count > 0 else { continue }
            var flows: [(String, Int)] = []
            var authorities: Set<String> = []
            for (i, z) in zones.enumerated() {
                guard let xv = x[i][j] else { continue }
                let n = Int(r.value(xv).rounded())
                if n > 0 { authorities.insert(z.authority) }
                flows += take(z, n)
            }
            let sizes = CohortSizes(programme: p, capacity: largest(p, room: v.largestRoom, placeCap))
                .split(flows.reduce(0) { $0 + $1.1 }, into: count)
            for part in split(flows, sizes: sizes) {
                let id = "\(p.id)-\(authority ?? v.authority)-\(numbering + cohorts.count + 1 < 10 ? "0" : "")\(numbering + cohorts.count + 1)"
                cohorts.append(Cohort(id: id, programme: p, authority: authority ?? v.authority, venue: v, schools: part,
                                      authorities: authorities.sorted()))
            }
        }
        for (i, z) in zones.enumerated() {
            let u = Int(r.value(unmetVars[i]).rounded())
            if u > 0 {
                let why = placeCap != nil && total >= p.cohortMin
                    ? .facilitatorDaysForCohorts(authority: z.authority, programme: p.id, more: true)
                    : unmetReason(p, zone: z, venues: venues, maxTravel: maxTravel, groupTotal: total)
                unmet.append(UnmetItem(.participants(programme: p.id, authority: z.authority, town: z.town), amount: Double(u), reason: why))
            }
        }
        return Outcome(cohorts: cohorts, unmet: unmet, objective: r.objective ?? 0, models: [stats], joined: joined)
    }

    /// Cohorts of a programme whose sessions are all online: no venue, sized for the fewest places.
    func onlineOnly(_ p: Programme, authority: String?, zones: [PlanningContext.Zone], numbering: Int, rate: Double,
                    days: Double, placeCap: PlaceCap? = nil, free: [FreePlaces] = [], atLeast: Int? = nil) -> Outcome {
        var flows = zones.flatMap(\.schools)
        let w = ctx.scenario.weights
        // Newcomers to a continuing programme first take the free places that cost least.
        let joining = OnlineJoining(programme: p, free: free, placeCost: days * rate * w.staffDays, unmet: w.unmet)
        let (joined, rest) = joining.join(flows)
        flows = rest
        var total = flows.reduce(0) { $0 + $1.1 }
        var dropped: [(String, Int)] = []
        // Serve only as many as whole cohorts within their sizes can take (and, capped, their
        // places): 22 in cohorts of 12 to 19 are one cohort of 19, not two of 11.
        let servable = CohortSizes(programme: p, capacity: largest(p, room: p.cohortMax, placeCap))
            .mostServed(total, places: placeCap?.total ?? Int.max)
        if servable < total && total >= p.cohortMin {
            (flows, dropped) = Self.trim(flows, to: servable)
            total = servable
        }
        let what = UnmetSubject.participants(programme: p.id, authority: authority, town: nil)
        if total < p.cohortMin {
            let all = total + dropped.reduce(0) { $0 + $1.1 }
            let why: UnmetReason = placeCap != nil && all >= p.cohortMin
                ? .facilitatorDaysForCohorts(authority: nil, programme: nil, more: false)
                : .tooFewForOnlineCohort(enrolled: all, cohortMin: p.cohortMin)
            return Outcome(cohorts: [], unmet: all > 0 ? [UnmetItem(what, amount: Double(all), reason: why)] : [],
                           objective: Double(all) * w.unmet, models: [], joined: joined)
        }
        let biggest = largest(p, room: p.cohortMax, placeCap)
        let sizing = CohortSizes(programme: p, capacity: biggest)
        let fewest = (total + biggest - 1) / biggest
        // Online, more and smaller cohorts cost nothing but their places: they may need fewer
        // places (ppf 10: 75 in three cohorts of 25 need 9, in 20/20/20/15 need 8), or fewer
        // second places, each a different person's. Never more cohorts than places.
        let rates = ctx.placeRates(p)
        let fewestPlaces = sizing.split(total, into: fewest).map(sizing.places).reduce(0, +)
        var count = fewest
        var best = Double(count) * rates.first + Double(fewestPlaces - count) * rates.more
        let most = min(total / p.cohortMin, fewestPlaces)
        if most > fewest {
            for c in (fewest + 1)...most {
                let places = sizing.split(total, into: c).map(sizing.places).reduce(0, +)
                let cost = Double(c) * rates.first + Double(places - c) * rates.more
                if places <= (placeCap?.total ?? Int.max) && cost < best - 1e-9 { (count, best) = (c, cost) }
            }
        }
        count = atLeast.map { max(count, min($0, total / p.cohortMin)) } ?? count
        let auths = Array(Set(zones.map(\.authority))).sorted()
        let sizes = sizing.split(total, into: count)
        let cohorts = split(flows, sizes: sizes).enumerated().map { k, part in
            Cohort(id: "\(p.id)-\(authority ?? "HUB")-\(numbering + k + 1 < 10 ? "0" : "")\(numbering + k + 1)", programme: p,
                   authority: authority ?? auths.first ?? "", venue: nil, schools: part, authorities: auths)
        }
        let facilitators = cohorts.reduce(0) { $0 + p.facilitatorsNeeded(for: $1.size) }
        let left = dropped.reduce(0) { $0 + $1.1 }
        let why: UnmetReason = placeCap != nil
            ? .facilitatorDaysForCohorts(authority: nil, programme: nil, more: true)
            : .fewerThanSmallestCohort(programme: p.id, enrolled: left, area: "beyond whole cohorts of \(p.cohortMin)–\(biggest)", cohortMin: p.cohortMin)
        let unmet = left > 0 ? [UnmetItem(what, amount: Double(left), reason: why)] : []
        let staffing = (Double(cohorts.count) * rates.first + Double(facilitators - cohorts.count) * rates.more) * days * w.staffDays
        return Outcome(cohorts: cohorts, unmet: unmet, objective: staffing + Double(left) * w.unmet,
                       models: [], joined: joined)
    }

    /// The largest cohort of the programme a room seats and its facilitators can staff.
    func largest(_ p: Programme, room: Int, _ cap: PlaceCap?) -> Int {
        min(p.cohortMax, room, cap.map { max(1, $0.perCohort) * p.participantsPerFacilitator } ?? Int.max)
    }

    /// Keeps the first `n` participants of the flows; returns (kept, dropped).
    static func trim(_ flows: [(String, Int)], to n: Int) -> ([(String, Int)], [(String, Int)]) {
        var kept: [(String, Int)] = [], dropped: [(String, Int)] = [], room = n
        for (school, k) in flows {
            let take = min(k, room)
            if take > 0 { kept.append((school, take)) }
            if k - take > 0 { dropped.append((school, k - take)) }
            room -= take
        }
        return (kept, dropped)
    }

    /// Fills cohorts of the given sizes with (school, participants) flows, in order.
    func split(_ flows: [(String, Int)], sizes: [Int]) -> [[(String, Int)]] {
        let count = sizes.count
        var parts: [[(String, Int)]] = Array(repeating: [], count: count)
        var k = 0, room = sizes.first ?? 0
        for (school, n) in flows {
            var left = n
            while left > 0 && k < count {
                let take = min(left, room)
                if take > 0 { parts[k].append((school, take)) }
                left -= take
                room -= take
                if room == 0 { k += 1; room = k < count ? sizes[k] : 0 }
            }
        }
        return parts
    }

    func unmetReason(_ p: Programme, zone: PlanningContext.Zone, venues: [Venue], maxTravel: Double, groupTotal: Int) -> UnmetReason {
        let reachable = venues.filter { zone.location.travelMinutes(to: $0.location) <= maxTravel }
        if venues.isEmpty { return .noRoomForSmallestCohort(programme: p.id, cohortMin: p.cohortMin) }
        if groupTotal < p.cohortMin {
            return .fewerThanSmallestCohort(programme: p.id, enrolled: groupTotal, area: p.crossAuthority ? "in the hub" : "in \(zone.authority)",
                                            cohortMin: p.cohortMin)
        }
        if reachable.isEmpty {
            let nearest = venues.map { zone.location.travelMinutes(to: $0.location) }.min() ?? 0
            return .noVenueWithinReach(programme: p.id, cohortMin: p.cohortMin, maxTravel: Int(maxTravel), town: zone.town, nearest: Int(nearest))
        }
        return .tooFewWithinReach(programme: p.id, town: zone.town, cohortMin: p.cohortMin)
    }
}

extension CohortStage.Outcome {
    /// With `kept`, the previous cohorts stay: this outcome adds only its bound.
    /// The cohorts numbered on from `numbering` (their ids end in -01, -02, … as solved).
    func renumbered(from numbering: Int) -> CohortStage.Outcome {
        var o = self
        for k in o.cohorts.indices {
            let id = o.cohorts[k].id
            guard let dash = id.lastIndex(of: "-") else { continue }
            let n = numbering + k + 1
            o.cohorts[k].id = "\(id[..<dash])-\(n < 10 ? "0" : "")\(n)"
        }
        return o
    }

    func keeping(_ kept: Bool) -> CohortStage.Outcome {
        guard kept else { return self }
        var o = self
        o.cohorts = []
        o.unmet = []
        return o
    }
}
