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
    /// A lower bound on what the rest of the plan costs (advisers, Appropriate Body work):
    /// the team model's gap is the plan's to spend, so it is measured against the whole.
    var otherCosts: Double = 0

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

    /// Facilitator days of a cohort's sessions in a half-term.
    static func days(_ p: Programme, _ ht: HalfTerm) -> Double {
        p.sessions.filter { $0.halfTerm == ht }.reduce(0) { $0 + $1.facilitatorDays }
    }

    func run(_ cohorts: [CohortStage.Cohort]) throws -> Outcome {
        // Build → solve → decode.
        guard !cohorts.isEmpty else { return Outcome(cohorts: [], teams: [:], unmet: [], stats: nil) }
        let built = build(cohorts)
        let r = try solve(built)
        return decode(r, built)
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
        var load = Array(repeating: LinearExpression(), count: facilitators.count)
        var loadByTerm = Array(repeating: Array(repeating: LinearExpression(), count: 6), count: facilitators.count)
        var objective = LinearExpression()
        var totalDemand = 0.0
        for (ci, c) in cohorts.enumerated() {
            let p = c.programme
            let need = p.facilitatorsNeeded(for: c.size)
            let total = p.sessions.reduce(0) { $0 + $1.facilitatorDays }
            totalDemand += Double(need) * total
            let terms = Set(p.sessions.map(\.halfTerm))
            let inPerson = Double(p.sessions.filter { $0.mode == .inPerson }.count)
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
                    let d = Self.days(p, ht)
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
            m.add(oneWay <= 1, name: "shortfall_\(c.id)")
            m.add(team == Double(need), name: "team_\(c.id)")
            options.append(ways)
            a.append(row)
            costs.append(rowCosts)
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
        return Built(model: m, cohorts: cohorts, a: a, costs: costs, options: options, imbalance: imbalance, mean: mean, started: modelStarted)
    }

    /// GLPK from the greedy start, so a time limit always ends with teams.
    func solve(_ built: Built) throws -> SolveResult {
        exporter?(built.model)
        var solveOptions = self.options
        // The greedy start follows the LP relaxation where it can: on L, cheapest-first ends 3.2% above the
        // bound and GLPK then dives 240 nodes (9 s) before it finds better; led by the LP it starts 0.9% above.
        let lp = try? hooks.solve(built.model.relaxation(), SolveOptions(timeLimit: options.timeLimit.map { $0 / 4 }))
        let start = greedyStart(built.model, built.cohorts, built.a, built.costs, built.options, built.imbalance, mean: built.mean,
                                lp: lp?.status.hasSolution == true ? lp?.values : nil)
        solveOptions.start = start
        let startCost = built.model.objective.value(at: start)
        // The plan's gap is the goal; after five nodes (the root and a few more) the team model may stop at its share of it.
        let wider = Self.relativeGap(options.relativeGap, otherCosts: otherCosts, startCost: startCost)
        if wider > options.relativeGap { solveOptions.laterGap = SolveOptions.LaterGap(gap: wider, afterNodes: 5) }
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
        for (ci, c) in cohorts.enumerated() {
            let short = options[ci].first { r.value($0.1) > 0.5 }?.0
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
            unmet += dropped.map { UnmetItem(.participants(programme: c.programme.id, authority: $0.authority, town: $0.town),
                                             amount: Double($0.participants), reason: why) }
            if let kept {
                teams[c.id] = team
                staffed.append(kept)
            }
        }
        return Outcome(cohorts: staffed, teams: teams, unmet: unmet, stats: stats, shortGroups: shortGroups)
    }

    /// A cohort cut to `size` participants (those who travel furthest leave first),
    /// or nil when it is given up, and the participants dropped, by town.
    func shrink(_ c: CohortStage.Cohort, to size: Int) -> (CohortStage.Cohort?, [PlanningContext.Zone]) {
        func minutes(_ school: String) -> Double {
            guard let v = c.venue else { return 0 }
            return ctx.origin(ofSchool: school)?.travelMinutes(to: v.location) ?? 0
        }
        var keep = size
        var kept: [(String, Int)] = []
        var dropped: [String: PlanningContext.Zone] = [:]
        func drop(_ school: String, _ n: Int) {
            guard n > 0, let s = ctx.schoolById[school] else { return }
            let key = "\(s.authority)/\(s.town)"
            var z = dropped[key] ?? PlanningContext.Zone(id: key, authority: s.authority, town: s.town, location: s.location, schools: [])
            z.schools.append((school, n))
            dropped[key] = z
        }
        for (school, n) in c.schools.sorted(by: { (minutes($0.0), $0.0) < (minutes($1.0), $1.0) }) {
            let k = min(n, keep)
            keep -= k
            if k > 0 { kept.append((school, k)) }
            drop(school, n - k)
        }
        // Late joiners keep what seats the starters leave, and leave first.
        var joiners: [(school: String, participants: Int, from: HalfTerm)] = []
        for j in c.joiners {
            let k = min(j.participants, keep)
            keep -= k
            if k > 0 { joiners.append((j.school, k, j.from)) }
            drop(j.school, j.participants - k)
        }
        let zones = dropped.values.sorted { $0.id < $1.id }
        guard size > 0 else { return (nil, zones) }
        var smaller = c
        smaller.schools = c.schools.compactMap { place in kept.first { $0.0 == place.0 } }
        smaller.joiners = joiners
        return (smaller, zones)
    }

    /// A feasible point of the team model, found greedily, for GLPK to start from, so
    /// that a time limit always ends with teams: cohorts with the fewest candidates
    /// go first and take their cheapest candidates with days left in every half-term
    /// and in the year; places nobody can fill are left to the slack.
    func greedyStart(_ m: Model, _ cohorts: [CohortStage.Cohort], _ a: [[(Int, Variable)]], _ costs: [[Double]],
                     _ shortfalls: [[(Shortfall, Variable)]], _ imbalance: [Int: Variable], mean: Double, lp: [Double]? = nil) -> [Double] {
        let facilitators = ctx.scenario.facilitators
        var x = Array(repeating: 0.0, count: m.variables.count)
        var year = Array(repeating: 0.0, count: facilitators.count)
        var term = Array(repeating: Array(repeating: 0.0, count: 6), count: facilitators.count)
        let order = cohorts.indices.sorted { (a[$0].count, $0) < (a[$1].count, $1) }
        for ci in order {
            let p = cohorts[ci].programme
            let total = p.sessions.reduce(0) { $0 + $1.facilitatorDays }
            let byTerm = HalfTerm.allCases.map { Self.days(p, $0) }
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
        for (fi, e) in imbalance { x[e.index] = max(0, year[fi] - mean) }
        return x
    }

    /// Why nobody could fill a cohort's places: nobody is qualified, every qualified
    /// facilitator misses a whole half-term it meets in, or they have no days left.
    func shortage(_ c: CohortStage.Cohort, qualified: Int, candidates: Int) -> UnmetReason.TeamShortage {
        qualified == 0 ? .noneQualified : candidates == 0 ? .allUnavailable : .outOfDays
    }
}
