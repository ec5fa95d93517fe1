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

    struct Outcome {
        /// cohort id → facilitator ids.
        var teams: [String: [String]]
        var unmet: [UnmetItem]
        var stats: ModelStats?
    }

    /// Facilitator days of a cohort's sessions in a half-term.
    static func days(_ p: Programme, _ ht: HalfTerm) -> Double {
        p.sessions.filter { $0.halfTerm == ht }.reduce(0) { $0 + $1.facilitatorDays }
    }

    func run(_ cohorts: [CohortStage.Cohort]) throws -> Outcome {
        let s = ctx.scenario, w = s.weights
        let facilitators = s.facilitators
        guard !cohorts.isEmpty else { return Outcome(teams: [:], unmet: [], stats: nil) }
        var available: [String: Set<HalfTerm>] = [:]
        for f in facilitators {
            available[f.id] = Set(HalfTerm.allCases.filter { ctx.availableDays(facilitator: f.id, $0) > 0 })
        }
        let modelStarted = Date()
        var m = Model(name: "facilitator_teams")
        var a: [[(Int, Variable)]] = []  // per cohort: (facilitator index, var)
        var costs: [[Double]] = []       // per cohort: each candidate's objective coefficient
        var imbalance: [Int: Variable] = [:]  // facilitator index → load above the mean
        var slack: [Variable] = []
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
            let u = m.addVariable("u_\(ci)", lower: 0, upper: Double(need), kind: .integer)
            slack.append(u)
            team.add(1, u)
            m.add(team == Double(need), name: "team_\(c.id)")
            objective.add(w.unmet * Double(c.size), u)
            a.append(row)
            costs.append(rowCosts)
        }
        let mean = totalDemand / Double(max(1, facilitators.count))
        for (fi, f) in facilitators.enumerated() where !load[fi].terms.isEmpty {
            m.add(load[fi] <= f.daysPerYear, name: "year_\(f.id)")
            for ht in HalfTerm.allCases where !loadByTerm[fi][ht.index].terms.isEmpty {
                m.add(loadByTerm[fi][ht.index] <= f.daysPerHalfTerm, name: "term_\(f.id)_\(ht.rawValue)")
            }
            let e = m.addVariable("imb_\(f.id)", lower: 0)
            imbalance[fi] = e
            m.add(e - load[fi] >= -mean, name: "imbalance_\(f.id)")
            objective.add(w.loadImbalance, e)
        }
        m.setObjective(.minimize, objective)
        exporter?(m)
        var options = options
        options.start = greedyStart(m, cohorts, a, costs, slack, imbalance, mean: mean)
        let r = try hooks.solve(m, options)
        let stats = ModelStats(m, r, built: modelStarted)
        guard r.status.hasSolution else { throw PlannerError.stageFailed("facilitator teams: GLPK returned \(r.status.rawValue)") }
        var teams: [String: [String]] = [:]
        var unmet: [UnmetItem] = []
        for (ci, c) in cohorts.enumerated() {
            teams[c.id] = a[ci].filter { r.value($0.1) > 0.5 }.map { facilitators[$0.0].id }.sorted()
            let missing = Int(r.value(slack[ci]).rounded())
            if missing > 0 {
                unmet.append(UnmetItem(what: "cohort \(c.id): facilitator places", amount: Double(missing),
                                       reason: teamReason(c, candidates: a[ci].map { facilitators[$0.0] })))
            }
        }
        return Outcome(teams: teams, unmet: unmet, stats: stats)
    }

    /// A feasible point of the team model, found greedily, for GLPK to start from, so
    /// that a time limit always ends with teams: cohorts with the fewest candidates
    /// go first and take their cheapest candidates with days left in every half-term
    /// and in the year; places nobody can fill are left to the slack.
    func greedyStart(_ m: Model, _ cohorts: [CohortStage.Cohort], _ a: [[(Int, Variable)]], _ costs: [[Double]],
                     _ slack: [Variable], _ imbalance: [Int: Variable], mean: Double) -> [Double] {
        let facilitators = ctx.scenario.facilitators
        var x = Array(repeating: 0.0, count: m.variables.count)
        var year = Array(repeating: 0.0, count: facilitators.count)
        var term = Array(repeating: Array(repeating: 0.0, count: 6), count: facilitators.count)
        let order = cohorts.indices.sorted { (a[$0].count, $0) < (a[$1].count, $1) }
        for ci in order {
            let p = cohorts[ci].programme
            let total = p.sessions.reduce(0) { $0 + $1.facilitatorDays }
            let byTerm = HalfTerm.allCases.map { Self.days(p, $0) }
            var need = p.facilitatorsNeeded(for: cohorts[ci].size)
            for k in a[ci].indices.sorted(by: { (costs[ci][$0], $0) < (costs[ci][$1], $1) }) where need > 0 {
                let (fi, v) = a[ci][k]
                let f = facilitators[fi]
                guard year[fi] + total <= f.daysPerYear + 1e-9,
                      HalfTerm.allCases.allSatisfy({ term[fi][$0.index] + byTerm[$0.index] <= f.daysPerHalfTerm + 1e-9 }) else { continue }
                x[v.index] = 1
                year[fi] += total
                for ht in HalfTerm.allCases { term[fi][ht.index] += byTerm[ht.index] }
                need -= 1
            }
            x[slack[ci].index] = Double(need)
        }
        // Each imbalance variable at its smallest feasible value.
        for (fi, e) in imbalance { x[e.index] = max(0, year[fi] - mean) }
        return x
    }

    func teamReason(_ c: CohortStage.Cohort, candidates: [Facilitator]) -> String {
        let qualified = ctx.scenario.facilitators.filter { $0.qualifications.contains(c.programme.id) }
        if qualified.isEmpty { return "\(c.authority), \(c.programme.id): no facilitator is qualified for \(c.programme.id)" }
        if candidates.isEmpty {
            return "\(c.authority), \(c.programme.id): every qualified facilitator is unavailable for a whole half-term the cohort meets in"
        }
        return "\(c.authority), \(c.programme.id): the \(qualified.count) qualified facilitator(s) have no days left in the half-terms this cohort meets"
    }
}
