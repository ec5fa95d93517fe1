import Foundation
import HubModel
import Solver

/// Stage B: gives every cohort a year-long facilitator team.
///
/// One MIP over all cohorts: a[c,f] = 1 when facilitator f is on cohort c's
/// team, within each facilitator's days per half-term and per year, with
/// unfilled team places as penalised slack. Cost: day rates, travel to the
/// cohort's venue, and days above the mean load.
struct FacilitatorStage {
    let ctx: PlanningContext
    let options: SolveOptions
    var exporter: ((Model) -> Void)? = nil
    var hooks = SolveHooks()
    /// When re-planning: cohort id → its previous team, kept unless that costs more than the change penalty.
    var previousTeams: [String: [String]] = [:]
    /// When re-planning: event id → who staffed it, kept on its crew in the same way.
    var previousCrews: [String: Set<String>] = [:]
    /// A lower bound on what the rest of the plan costs (advisers, Appropriate Body work):
    /// the team model's gap is the plan's to spend, so it is measured against the whole.
    var otherCosts: Double = 0
    /// Events whose cohorts are expected to gather (``EventGathering/expected(_:_:)``): their
    /// teams do not work the event's session; a crew reserved here does, once for all of them.
    var events: [EventGathering.Group] = []

    struct Outcome {
        /// The cohorts as staffed: a cohort whose team could not be filled is made
        /// smaller (fewer places) or given up, its participants listed as unmet.
        var cohorts: [CohortStage.Cohort]
        /// cohort id → facilitator ids.
        var teams: [String: [String]]
        var unmet: [UnmetItem]
        var stats: ModelStats?
        /// Groups (CohortStage.groupKey) with a cohort made smaller or given up for want of facilitators.
        var shortGroups: Set<String> = []
        var shortOfFacilitators: Bool { !shortGroups.isEmpty }
        /// The events planned to gather, with their reserved crews.
        var crews = EventCrews()
    }

    /// Events planned to gather: each cohort's team leaves the event's session to the event's
    /// crew, whose days are reserved with the teams' (docs/model.md, "Events").
    struct EventCrews {
        /// Event id → its pattern and the facilitators reserved for it.
        var crews: [String: (pattern: SessionPattern, crew: [String])] = [:]
        /// Cohort id → the event (id, pattern) its team does not work.
        var gathered: [String: (event: String, pattern: SessionPattern)] = [:]

        /// A programme's sessions that a cohort's team works: all but `event`, the session its cohort gathers for.
        static func worked(_ p: Programme, without event: SessionPattern?) -> [SessionPattern] {
            p.sessions.filter { $0.number != event?.number }
        }

        /// The sessions of a cohort that its team works.
        func worked(_ c: CohortStage.Cohort) -> [SessionPattern] { Self.worked(c.programme, without: gathered[c.id]?.pattern) }

        /// Facilitator days of a cohort's sessions in a half-term that its team works.
        func teamDays(_ c: CohortStage.Cohort, _ ht: HalfTerm) -> Double {
            worked(c).filter { $0.halfTerm == ht }.reduce(0) { $0 + $1.facilitatorDays }
        }

        /// The days reserved for crews, (facilitator, half-term, days), but those of `except` (event ids).
        func crewLoads(except: Set<String> = []) -> [(facilitator: String, halfTerm: HalfTerm, days: Double)] {
            crews.filter { !except.contains($0.key) }.flatMap { _, e in e.crew.map { ($0, e.pattern.halfTerm, e.pattern.facilitatorDays) } }
        }

        /// Events planned to gather whose cohorts, those in the plan, did not all gather.
        func missed(in plan: Plan) -> Set<String> {
            let held = Set(plan.sessions.filter { $0.event != nil }.map { "\($0.cohort)|\($0.session)" })
            let planned = Set(plan.cohorts.map(\.id))
            return Set(gathered.filter { planned.contains($0.key) && !held.contains("\($0.key)|\($0.value.pattern.number)") }.map(\.value.event))
        }
    }

    /// A way to staff a cohort with fewer places than its size needs: keep
    /// `places` places and `kept` participants (none: the cohort is given up).
    struct Shortfall {
        let missing: Int
        let places: Int
        let kept: Int
    }

    /// The smaller cohorts a cohort can become when `missing` of its places cannot be
    /// filled: the most participants `places` facilitators can take, if that is a cohort.
    static func shortfalls(_ c: CohortStage.Cohort) -> [Shortfall] {
        let p = c.programme, need = p.facilitatorsNeeded(for: c.size)
        return (1...max(1, need)).map { missing in
            let places = need - missing
            let kept = places == 0 ? 0 : min(c.size, places * p.participantsPerFacilitator)
            return kept >= p.cohortMin || places == 0 ? Shortfall(missing: missing, places: places, kept: kept)
                                                      : Shortfall(missing: need, places: 0, kept: 0)
        }
    }

    func run(_ cohorts: [CohortStage.Cohort]) throws -> Outcome {
        // Build → solve → decode; an event no crew can be found for is left to its teams.
        guard !cohorts.isEmpty else { return Outcome(cohorts: [], teams: [:], unmet: [], stats: nil) }
        var stage = self
        while true {
            let built = stage.build(cohorts)
            let r = try stage.solve(built)
            let short = Set(built.crews.filter { r.value($0.short) > 0.5 }.map(\.group.id))
            guard !short.isEmpty else { return stage.decode(r, built) }
            stage.events.removeAll { short.contains($0.id) }
        }
    }

    /// The team model and what decoding it needs.
    struct Built {
        var model: Model
        let cohorts: [CohortStage.Cohort]
        /// Per cohort: (facilitator index, a[c,f]).
        let a: [[(Int, Variable)]]
        /// Per cohort: each candidate's objective coefficient (for the greedy start).
        let costs: [[Double]]
        /// Per cohort: the ways it can be smaller.
        let options: [[(Shortfall, Variable)]]
        /// Facilitator index → load above the mean.
        let imbalance: [Int: Variable]
        let mean: Double
        let started: Date
        /// Per expected event: its crew's (facilitator index, variable), each one's cost, and the places no one takes.
        var crews: [(group: EventGathering.Group, r: [(Int, Variable)], costs: [Double], short: Variable)] = []
        /// The cohorts whose teams leave an event's session to its crew.
        var planned = EventCrews()
        /// Cohort index → participants it leaves out for want of its event's crew.
        var drops: [Int: Variable] = [:]
    }

    func build(_ cohorts: [CohortStage.Cohort]) -> Built {
        let s = ctx.scenario, w = s.weights
        let facilitators = s.facilitators
        var available: [String: Set<HalfTerm>] = [:]
        for f in facilitators {
            available[f.id] = Set(HalfTerm.allCases.filter { ctx.availableDays(facilitator: f.id, $0) > 0 })
        }
        let modelStarted = Date()
        var m = Model(name: "facilitator_teams")
        var a: [[(Int, Variable)]] = []  // per cohort: (facilitator index, var)
        var costs: [[Double]] = []       // per cohort: each candidate's objective coefficient
        var imbalance: [Int: Variable] = [:]  // facilitator index → load above the mean
        var options: [[(Shortfall, Variable)]] = []  // per cohort: ways to be smaller
        var drops: [Int: Variable] = [:]  // cohort index → participants left out for want of an event's crew
        var load = Array(repeating: LinearExpression(), count: facilitators.count)
        var loadByTerm = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: facilitators.count)
        var objective = LinearExpression()
        var totalDemand = 0.0
        let planned = plannedCrews(cohorts)
        for (ci, c) in cohorts.enumerated() {
            let p = c.programme
            let need = p.facilitatorsNeeded(for: c.size)
            // The team works every session but the event's when its cohort gathers.
            let worked = planned.worked(c)
            let total = worked.reduce(0) { $0 + $1.facilitatorDays }
            totalDemand += Double(need) * total
            // Free in every half-term its team works: not the event's, when its crew works that
            // (the oracle sweep's G94: the mentors' team could be the one away for HT1's event).
            let terms = Set(worked.map(\.halfTerm))
            let inPerson = Double(worked.filter { $0.mode == .inPerson }.count)
            var row: [(Int, Variable)] = []
            var rowCosts: [Double] = []
            var team = LinearExpression()
            for (fi, f) in facilitators.enumerated() where f.qualifications.contains(p.id) && terms.isSubset(of: available[f.id] ?? []) {
                let v = m.addBinary("a_\(ci)_\(f.id)")
                row.append((fi, v))
                team.add(1, v)
                let travel = c.venue.map { f.home.travelMinutes(to: $0.location) } ?? 0
                // Keeping a previous team member saves the change penalty.
                let keepBonus = previousTeams[c.id]?.contains(f.id) == true ? w.brokenContinuity : 0
                let cost = total * f.dayRate * w.staffDays + inPerson * travel * w.staffTravelPerMinute - keepBonus
                objective.add(cost, v)
                rowCosts.append(cost)
                load[fi].add(total, v)
                for ht in HalfTerm.allCases {
                    let d = planned.teamDays(c, ht)
                    if d > 0 { loadByTerm[fi][ht.index].add(d, v) }
                }
            }
            // Places nobody can fill: the cohort is made smaller, or given up. Either way its
            // dropped participants are unmet, less what they would have cost in travel and hire.
            var ways: [(Shortfall, Variable)] = []
            var oneWay = LinearExpression()
            let perParticipant = c.venue.map { v in
                c.schools.reduce(0.0) { $0 + Double($1.1) * (ctx.origin(ofSchool: $1.0)?.travelMinutes(to: v.location) ?? 0) }
                    * inPerson * w.participantTravelPerMinute / Double(max(1, c.size))
            } ?? 0
            let hire = (c.venue?.dayCost ?? 0) * inPerson * w.venueHire
            for short in Self.shortfalls(c) where !ways.contains(where: { $0.0.missing == short.missing }) {
                let z = m.addBinary("short_\(ci)_\(short.missing)")
                ways.append((short, z))
                oneWay.add(1, z)
                team.add(Double(short.missing), z)
                let dropped = Double(c.size - short.kept)
                objective.add(dropped * (w.unmet - perParticipant) - (short.kept == 0 ? hire : 0), z)
            }
            // A cohort whose event's crew is short may keep its places and leave some participants
            // unmet instead (down to its smallest size), when no shortfall makes it smaller already.
            if planned.gathered[c.id] != nil && c.size > p.cohortMin {
                let d = m.addVariable("drop_\(ci)", lower: 0, upper: Double(c.size - p.cohortMin), kind: .integer)
                objective.add(w.unmet - perParticipant, d)
                m.add(LinearExpression(d) + Double(c.size - p.cohortMin) * oneWay <= Double(c.size - p.cohortMin), name: "drop_\(c.id)")
                drops[ci] = d
            }
            m.add(oneWay <= 1, name: "shortfall_\(c.id)")
            m.add(team == Double(need), name: "team_\(c.id)")
            options.append(ways)
            a.append(row)
            costs.append(rowCosts)
        }
        // Each event's crew: qualified and free in its half-term, one per so many of the
        // participants its cohorts keep; places no one takes cost more than any plan.
        let index = Dictionary(cohorts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var crews: [(group: EventGathering.Group, r: [(Int, Variable)], costs: [Double], short: Variable)] = []
        for g in events where planned.crews[g.id] != nil {
            let pat = g.pattern, ht = pat.halfTerm
            let per = Double(max(1, pat.perFacilitator ?? g.programme.participantsPerFacilitator))
            // The venue is chosen later: the nearest that seats them prices the trip.
            let venues = ctx.scenario.venues.filter { $0.largestRoom >= g.participants }
            var crew = LinearExpression(), row: [(Int, Variable)] = [], rowCosts: [Double] = []
            // Everyone qualified and free in its half-term: the cheapest few alone (six more than it
            // needs) made L's team model 5.4 s instead of 10.9 s but the plans dearer (L 1.29% → 1.66%,
            // M 0.58% → 0.93%): who has days left matters more than who is cheapest.
            for (fi, f) in facilitators.enumerated() where f.qualifications.contains(g.programme.id) && ctx.availableDays(facilitator: f.id, ht) > 0 {
                let v = m.addBinary("crew_\(crews.count)_\(f.id)")
                let trip = pat.mode == .inPerson ? (venues.map { f.home.travelMinutes(to: $0.location) }.min() ?? 0) : 0
                // Keeping who staffed it before saves the change penalty, as for teams.
                let keepBonus = previousCrews[g.id]?.contains(f.id) == true ? w.brokenContinuity : 0
                let cost = pat.facilitatorDays * f.dayRate * w.staffDays + trip * w.staffTravelPerMinute - keepBonus
                objective.add(cost, v)
                load[fi].add(pat.facilitatorDays, v)
                loadByTerm[fi][ht.index].add(pat.facilitatorDays, v)
                crew.add(per, v)
                row.append((fi, v))
                rowCosts.append(cost)
            }
            let short = m.addVariable("crew_short_\(crews.count)", lower: 0, kind: .integer)
            crew.add(per, short)
            objective.add(w.unmet * Double(g.participants + 1), short)
            totalDemand += Double(g.programme.facilitatorsNeeded(for: g.participants, at: pat)) * pat.facilitatorDays
            // per · (crew + short) ≥ the participants kept: a cohort made smaller keeps fewer.
            // And its Chvátal–Gomory rounding, valid as ⌈N/per⌉ − ⌈d/per⌉ ≤ ⌈(N − d)/per⌉ and
            // ⌈d/per⌉ ≤ d: crew + short + Σ ⌈dropped/per⌉ z + Σ d ≥ ⌈N/per⌉ (GLPK took 64 s on
            // L's team model without it; HiGHS 2.8 s).
            var kept = LinearExpression(), rounded = LinearExpression(sum: row.map(\.1) + [short])
            for c in g.cohorts {
                guard let ci = index[c.id] else { continue }
                let n = c.size(at: ht)
                for (way, z) in options[ci] {
                    kept.add(-Double(n - min(n, way.kept)), z)
                    rounded.add(((Double(n - min(n, way.kept))) / per).rounded(.up), z)
                }
                if let d = drops[ci] {
                    kept.add(-1, d)
                    rounded.add(1, d)
                }
            }
            m.add(crew - kept >= Double(g.participants), name: "crew_\(g.id)")
            m.add(rounded >= (Double(g.participants) / per).rounded(.up), name: "crew_count_\(g.id)")
            crews.append((g, row, rowCosts, short))
        }
        let mean = totalDemand / Double(max(1, facilitators.count))
        for (fi, f) in facilitators.enumerated() where !load[fi].terms.isEmpty {
            FacilitatorYearLoad.row(load[fi], f, in: &m)
            for ht in HalfTerm.allCases where !loadByTerm[fi][ht.index].terms.isEmpty {
                FacilitatorTermLoad.row(loadByTerm[fi][ht.index], f, ht, in: &m)
            }
            let e = m.addVariable("imb_\(f.id)", lower: 0)
            imbalance[fi] = e
            m.add(e - load[fi] >= -mean, name: "imbalance_\(f.id)")
            objective.add(w.loadImbalance, e)
        }
        m.setObjective(.minimize, objective)
        return Built(model: m, cohorts: cohorts, a: a, costs: costs, options: options, imbalance: imbalance, mean: mean, started: modelStarted,
                     crews: crews, planned: planned, drops: drops)
    }

    /// The expected events' cohorts, each leaving the event's session to a crew (crews not yet chosen).
    func plannedCrews(_ cohorts: [CohortStage.Cohort]) -> EventCrews {
        var out = EventCrews()
        let ids = Set(cohorts.map(\.id))
        for g in events where g.cohorts.allSatisfy({ ids.contains($0.id) }) {
            out.crews[g.id] = (g.pattern, [])
            for c in g.cohorts { out.gathered[c.id] = (g.id, g.pattern) }
        }
        return out
    }

    /// GLPK from the greedy start, so a time limit always ends with teams.
    func solve(_ built: Built) throws -> SolveResult {
        exporter?(built.model)
        var solveOptions = self.options
        // The greedy start follows the LP relaxation where it can: on L, cheapest-first ends 3.2% above the
        // bound and GLPK then dives 240 nodes (9 s) before it finds better; led by the LP it starts 0.9% above.
        let lp = try? hooks.solve(built.model.relaxation(), SolveOptions(timeLimit: options.timeLimit.map { $0 / 4 }))
        let start = greedyStart(built, lp: lp?.status.hasSolution == true ? lp?.values : nil)
        solveOptions.start = start
        let startCost = built.model.objective.value(at: start)
        // The plan's gap is the goal; after some nodes the team model may stop at its share of it:
        // about 200,000 columns' worth (M's 936 columns: 213 nodes, 0.1 s; L's 7,959: 25), five at least.
        let wider = Self.relativeGap(options.relativeGap, otherCosts: otherCosts, startCost: startCost)
        let nodes = max(5, 200_000 / max(1, built.model.variables.count))
        if wider > options.relativeGap { solveOptions.laterGap = SolveOptions.LaterGap(gap: wider, afterNodes: nodes) }
        var r = try hooks.solve(built.model, solveOptions)
        if r.status == .noSolution {
            // Stopped or out of time before GLPK took the start (its root LP unfinished on a loaded
            // machine): the start is feasible by construction, so it stands.
            r.status = .feasible
            r.values = start
            r.objective = startCost
            r.bound = nil
        }
        guard r.status.hasSolution else { throw PlannerError.stageFailed("facilitator teams: GLPK returned \(r.status.rawValue)") }
        return r
    }

    /// The team model's gap, relative to its own objective, that leaves the plan within
    /// `planGap` of the whole: GLPK stops when best − bound ≤ r · best, and best ≤ the
    /// start's cost, so r = planGap · (1 + others / start) keeps best − bound ≤
    /// planGap · (best + others). On L (teams £0.2M of £0.77M) GLPK spent 9–129 s closing
    /// the last quarter-percent of the teams alone, worth under 0.1% of the plan.
    static func relativeGap(_ planGap: Double, otherCosts: Double, startCost: Double) -> Double {
        guard startCost > 0, otherCosts > 0 else { return planGap }
        return planGap * (1 + otherCosts / startCost)
    }

    /// Teams from the solution; cohorts made smaller or given up where places stayed empty.
    func decode(_ r: SolveResult, _ built: Built) -> Outcome {
        let facilitators = ctx.scenario.facilitators
        let cohorts = built.cohorts, a = built.a, options = built.options
        let stats = ModelStats(built.model, r, built: built.started)
        var teams: [String: [String]] = [:]
        var unmet: [UnmetItem] = []
        var staffed: [CohortStage.Cohort] = []
        var shortGroups: Set<String> = []
        var cuts: [(CohortStage.Cohort, UnmetReason, [CutSeating.Dropped])] = []
        for (ci, c) in cohorts.enumerated() {
            let left = built.drops[ci].map { Int(r.value($0).rounded()) } ?? 0
            let short = options[ci].first { r.value($0.1) > 0.5 }?.0
                ?? (left > 0 ? Shortfall(missing: 0, places: c.programme.facilitatorsNeeded(for: c.size), kept: c.size - left) : nil)
            let team = a[ci].filter { r.value($0.1) > 0.5 }.map { facilitators[$0.0].id }.sorted()
            guard let short else {
                teams[c.id] = team
                staffed.append(c)
                continue
            }
            shortGroups.insert(CohortStage.groupKey(c.programme, authority: c.authority))
            let qualified = ctx.scenario.facilitators.filter { $0.qualifications.contains(c.programme.id) }.count
            let why = UnmetReason.teamShort(authority: c.authority, programme: c.programme.id,
                                            shortage: shortage(c, qualified: qualified, candidates: a[ci].count),
                                            qualified: qualified, cohort: c.id, kept: short.kept)
            let (kept, dropped) = shrink(c, to: short.kept)
            cuts.append((c, why, dropped))
            if let kept {
                teams[c.id] = team
                staffed.append(kept)
            }
        }
        var crews = plannedCrews(cohorts)
        for e in built.crews {
            crews.crews[e.group.id] = (e.group.pattern, e.r.filter { r.value($0.1) > 0.5 }.map { facilitators[$0.0].id }.sorted())
        }
        // Those cut take seats their group's other cohorts have free under their teams; the rest are unmet.
        let seating = CutSeating(ctx: ctx), gathered = Set(crews.gathered.keys)
        for (c, why, dropped) in cuts {
            let rest = seating.seat(dropped, cutFrom: c, in: &staffed, teams: teams, gathered: gathered)
            unmet += ctx.zones(of: rest.map { ($0.school, $0.participants) }).map {
                UnmetItem(.participants(programme: c.programme.id, authority: $0.authority, town: $0.town),
                          amount: Double($0.participants), reason: why)
            }
        }
        return Outcome(cohorts: staffed, teams: teams, unmet: unmet, stats: stats, shortGroups: shortGroups, crews: crews)
    }

    /// A cohort cut to `size` participants (those who travel furthest leave first),
    /// or nil when it is given up, and the participants dropped.
    func shrink(_ c: CohortStage.Cohort, to size: Int) -> (CohortStage.Cohort?, [CutSeating.Dropped]) {
        func minutes(_ school: String) -> Double {
            guard let v = c.venue else { return 0 }
            return ctx.origin(ofSchool: school)?.travelMinutes(to: v.location) ?? 0
        }
        var keep = size
        var kept: [(String, Int)] = []
        var dropped: [CutSeating.Dropped] = []
        for (school, n) in c.schools.sorted(by: { (minutes($0.0), $0.0) < (minutes($1.0), $1.0) }) {
            let k = min(n, keep)
            keep -= k
            if k > 0 { kept.append((school, k)) }
            // A catch-up cohort's starters are its intake's late starters.
            if n > k { dropped.append(.init(school: school, participants: n - k, from: c.starts)) }
        }
        // Late joiners keep what seats the starters leave, and leave first.
        var joiners: [(school: String, participants: Int, from: HalfTerm)] = []
        for j in c.joiners {
            let k = min(j.participants, keep)
            keep -= k
            if k > 0 { joiners.append((j.school, k, j.from)) }
            if j.participants > k { dropped.append(.init(school: j.school, participants: j.participants - k, from: j.from)) }
        }
        guard size > 0 else { return (nil, dropped) }
        var smaller = c
        smaller.schools = c.schools.compactMap { place in kept.first { $0.0 == place.0 } }
        smaller.joiners = joiners
        return (smaller, dropped)
    }

    /// A feasible point of the team model, found greedily, for GLPK to start from, so
    /// that a time limit always ends with teams: cohorts with the fewest candidates
    /// go first and take their cheapest candidates with days left in every half-term
    /// and in the year; places nobody can fill are left to the slack.
    func greedyStart(_ built: Built, lp: [Double]? = nil) -> [Double] {
        let m = built.model, cohorts = built.cohorts, a = built.a, costs = built.costs, shortfalls = built.options
        let facilitators = ctx.scenario.facilitators
        var x = Array(repeating: 0.0, count: m.variables.count)
        var year = Array(repeating: 0.0, count: facilitators.count)
        var term = Array(repeating: Array(repeating: 0.0, count: 6), count: facilitators.count)
        // Events' crews first (a few people each): the cheapest with the day left; places no one
        // takes to the slack.
        for e in built.crews {
            let pat = e.group.pattern, d = pat.facilitatorDays, ht = pat.halfTerm.index
            var need = e.group.programme.facilitatorsNeeded(for: e.group.participants, at: pat)
            for k in e.r.indices.sorted(by: { (e.costs[$0], $0) < (e.costs[$1], $1) }) where need > 0 {
                let (fi, v) = e.r[k]
                let f = facilitators[fi]
                guard FacilitatorYearLoad.allows(f, days: year[fi] + d), FacilitatorTermLoad.allows(f, days: term[fi][ht] + d) else { continue }
                x[v.index] = 1
                year[fi] += d
                term[fi][ht] += d
                need -= 1
            }
            x[e.short.index] = Double(need)
        }
        let order = cohorts.indices.sorted { (a[$0].count, $0) < (a[$1].count, $1) }
        for ci in order {
            let p = cohorts[ci].programme
            let byTerm = HalfTerm.allCases.map { built.planned.teamDays(cohorts[ci], $0) }
            let total = byTerm.reduce(0, +)
            let places = p.facilitatorsNeeded(for: cohorts[ci].size)
            var need = places
            var taken: [(Int, Int)] = []  // (facilitator index, variable index)
            // Most wanted by the LP first (when given), then cheapest.
            let wanted = a[ci].map { LPLead.rank(lp, $0.1) }
            for k in a[ci].indices.sorted(by: { (wanted[$0], costs[ci][$0], $0) < (wanted[$1], costs[ci][$1], $1) }) where need > 0 {
                let (fi, v) = a[ci][k]
                let f = facilitators[fi]
                guard FacilitatorYearLoad.allows(f, days: year[fi] + total),
                      HalfTerm.allCases.allSatisfy({ FacilitatorTermLoad.allows(f, days: term[fi][$0.index] + byTerm[$0.index]) }) else { continue }
                x[v.index] = 1
                taken.append((fi, v.index))
                year[fi] += total
                for ht in HalfTerm.allCases { term[fi][ht.index] += byTerm[ht.index] }
                need -= 1
            }
            guard need > 0 else { continue }
            // Short: the smaller cohort the filled places can keep, or give it up and free them.
            let way = shortfalls[ci].first { $0.0.missing == need } ?? shortfalls[ci].last!
            x[way.1.index] = 1
            if way.0.places == 0 {
                for (fi, index) in taken {
                    x[index] = 0
                    year[fi] -= total
                    for ht in HalfTerm.allCases { term[fi][ht.index] -= byTerm[ht.index] }
                }
            }
        }
        // Each imbalance variable at its smallest feasible value.
        for (fi, e) in built.imbalance { x[e.index] = max(0, year[fi] - built.mean) }
        return x
    }

    /// Why nobody could fill a cohort's places: nobody is qualified, every qualified
    /// facilitator misses a whole half-term it meets in, or they have no days left.
    func shortage(_ c: CohortStage.Cohort, qualified: Int, candidates: Int) -> UnmetReason.TeamShortage {
        qualified == 0 ? .noneQualified : candidates == 0 ? .allUnavailable : .outOfDays
    }
}
