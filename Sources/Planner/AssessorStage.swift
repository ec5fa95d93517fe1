import Foundation
import HubModel
import Solver

/// Appropriate Body work: each school with inductions gets one assessor for the year,
/// within every assessor's hours in each review half-term; then each review is dated
/// in the last teaching days of its half-term (its deadline is the half-term's end).
///
/// A MIP: z[s,a] = 1 when assessor a takes school s (at most one), doing all its
/// reviews, or none. Cost: hours × the assessor's rate, one visit's travel per
/// school, and `w.unmet` per induction per review left unmet. The checker accepts
/// exactly such plans (`induction-coverage`, `assessor-hours`), so the MIP's proven
/// bound is a bound on this work.
struct AssessorStage {
    let ctx: PlanningContext
    let options: SolveOptions
    var exporter: ((Model) -> Void)? = nil
    /// Seconds for the LP relaxation (its value is the part's bound when the search is skipped).
    var lpTimeLimit: Double? = nil
    var hooks = SolveHooks()
    private var s: Scenario { ctx.scenario }

    struct Outcome {
        /// Whether there was work to plan: inductions and assessors (otherwise the plan says nothing of it).
        var planned = false
        var reviews: [InductionReview] = []
        var unmet: [UnmetItem] = []
        var bound: Double = 0
        var stats: [ModelStats] = []
    }

    /// A school's work at the end of one half-term.
    private struct Need {
        let school: School
        let inductions: Int
        let halfTerm: HalfTerm
        let hours: Double
        let kind: String
    }

    func run() throws -> Outcome {
        let demand = InductionCoverage.demand(s).sorted { $0.key < $1.key }.compactMap { id, n in ctx.schoolById[id].map { ($0, n) } }
        guard !s.assessors.isEmpty, !demand.isEmpty else { return Outcome() }
        let started = Date()
        let assign = model(demand)
        exporter?(assign.model)
        let r = try solve(assign, demand)
        // The checker accepts exactly these assignments (`induction-coverage`: one assessor
        // does all of a school's reviews, or all are unmet), so GLPK's proven bound holds.
        var out = Outcome(planned: true, bound: r.bound ?? 0, stats: [ModelStats(assign.model, r, built: started)])
        let reviews = s.appropriateBody.reviews
        var needs: [(Need, Assessor)] = []
        for (si, (school, n)) in demand.enumerated() {
            let ai = s.assessors.indices.first { r.value(assign.z[si][$0]) > 0.5 }
            for review in reviews {
                let need = Need(school: school, inductions: n, halfTerm: review.halfTerm, hours: review.hours, kind: review.kind)
                if let ai { needs.append((need, s.assessors[ai])); continue }
                out.unmet.append(UnmetItem(.inductionReviews(school: school.id, halfTerm: review.halfTerm), amount: Double(n),
                                           reason: .assessorsOutOfHours(halfTerm: review.halfTerm, hours: Double(n) * review.hours)))
            }
        }
        date(needs, into: &out)
        return out
    }

    /// The most columns whose start is searched from even when it is within the later gap of the LP's
    /// bound. GLPK's root cuts prove the reference's optimum (2,220 columns) in 0.2 s, and take 3.5–4 s
    /// on L's 19k, past the stage's limit, to raise the bound by nothing. A size, not a clock, decides,
    /// so a busy machine makes the same plan.
    static let searchedUpTo = 10_000

    /// The LP relaxation, a start it leads and local search improves, and GLPK's branch-and-cut
    /// from there unless the start is already within the gap GLPK would stop at of the LP's bound
    /// (the later gap, for a model of more than ``searchedUpTo`` columns). On L (930
    /// schools, 19k columns) cheapest-first started 2.5% above the bound and GLPK found
    /// nothing better in 2 s, while its root cuts alone overran the limit to 5 s.
    private func solve(_ assign: (model: Model, z: [[Variable]], none: [Variable]), _ demand: [(School, Int)]) throws -> SolveResult {
        // The LP gives the part's bound, so it has the small models' time, not the search's.
        let lp = try? hooks.solve(assign.model.relaxation(), SolveOptions(timeLimit: lpTimeLimit))
        var assigned = greedy(demand, lp: lp?.status.hasSolution == true ? lp?.values : nil, z: assign.z)
        improve(&assigned, demand)
        var start = Array(repeating: 0.0, count: assign.model.variables.count)
        for (si, a) in assigned.enumerated() { start[(a.map { assign.z[si][$0] } ?? assign.none[si]).index] = 1 }
        let startCost = assign.model.objective.value(at: start)
        // The start is kept, without a search, when it is within the later gap of the bound.
        let enough = assign.model.variables.count > Self.searchedUpTo ? max(options.laterGap?.gap ?? 0, options.relativeGap) : options.relativeGap
        if var r = lp, r.status == .optimal, let bound = r.objective, startCost - bound <= enough * startCost {
            r.isMIP = true
            r.stopReason = .gapReached
            r.values = start
            r.duals = []
            r.objective = startCost
            r.bound = bound
            return r
        }
        var solveOptions = options
        solveOptions.start = start
        var r = try hooks.solve(assign.model, solveOptions)
        if r.status == .noSolution {
            // Out of time before GLPK took the start (a loaded machine: its root LP alone is 0.7 s on L):
            // the start stands, with the best bound known (0 is one: every cost is at least 0).
            let known = [lp?.status == .optimal ? lp?.objective : nil, r.bound].compactMap { $0 }
            r.status = .feasible
            r.values = start
            r.objective = startCost
            r.bound = min(startCost, max(0, known.max() ?? 0))
        }
        guard r.status.hasSolution else { throw PlannerError.stageFailed("assessors: GLPK returned \(r.status.rawValue)") }
        return r
    }

    /// The assignment: z[s,a] = 1 when assessor a takes school s (at most one), all of
    /// whose reviews are then done; a school with no assessor has every review unmet.
    private func model(_ demand: [(School, Int)]) -> (model: Model, z: [[Variable]], none: [Variable]) {
        let reviews = s.appropriateBody.reviews
        var m = Model(name: "assessors")
        var objective = LinearExpression()
        var load: [String: LinearExpression] = [:]
        var zs: [[Variable]] = []
        var nones: [Variable] = []
        for (school, n) in demand {
            var one = LinearExpression()
            var row: [Variable] = []
            for (ai, a) in s.assessors.enumerated() {
                let z = m.addBinary("z_\(school.id)_\(a.id)")
                one.add(1, z)
                row.append(z)
                objective.add(cost(school, inductions: n, ai), z)
                for (k, review) in reviews.enumerated() { load["\(a.id)|\(k)", default: LinearExpression()].add(Double(n) * review.hours, z) }
            }
            // Unreviewed: every induction's reviews unmet. A variable rather than a constant less
            // the z's: GLPK's relative gap is measured against the objective, constant and all.
            let none = m.addVariable("unreviewed_\(school.id)", lower: 0, upper: 1)
            one.add(1, none)
            objective.add(cost(school, inductions: n, nil), none)
            m.add(one == 1, name: "one_assessor_\(school.id)")
            nones.append(none)
            zs.append(row)
        }
        for a in s.assessors {
            for k in reviews.indices { if let e = load["\(a.id)|\(k)"] { m.add(e <= AssessorHours.limit(a), name: "hours_\(a.id)_\(k)") } }
        }
        m.setObjective(.minimize, objective)
        return (m, zs, nones)
    }

    /// What one school costs with each assessor (nil: with none), as the model prices it.
    private func cost(_ school: School, inductions n: Int, _ a: Int?) -> Double {
        let w = s.weights, reviews = s.appropriateBody.reviews
        guard let a else { return Double(n) * Double(reviews.count) * w.unmet }
        return Double(n) * reviews.reduce(0) { $0 + $1.hours } * s.assessors[a].hourlyRate * w.staffDays
            + s.assessors[a].home.travelMinutes(to: school.location) * w.staffTravelPerMinute
    }

    /// The inductions an assessor can take: the fewest their hours allow in any review half-term.
    private func capacity(_ a: Assessor) -> Double {
        s.appropriateBody.reviews.filter { $0.hours > 0 }.map { AssessorHours.limit(a) / $0.hours }.min() ?? .infinity
    }

    /// A feasible assignment, so a time limit always ends with one: schools with most
    /// inductions first, each to the assessor the LP relaxation gives most of it (when
    /// given), then the cheapest, who still has the hours (or to nobody).
    private func greedy(_ demand: [(School, Int)], lp: [Double]?, z: [[Variable]]) -> [Int?] {
        var left = s.assessors.map(capacity)
        var assigned: [Int?] = Array(repeating: nil, count: demand.count)
        for si in demand.indices.sorted(by: { (demand[$0].1, $1) > (demand[$1].1, $0) }) {
            let (school, n) = demand[si]
            let wanted = { (a: Int) in LPLead.rank(lp, z[si][a]) }
            let fits = s.assessors.indices.filter { left[$0] + 1e-9 >= Double(n) }
            guard let a = fits.min(by: { (wanted($0), cost(school, inductions: n, $0), $0) < (wanted($1), cost(school, inductions: n, $1), $1) })
            else { continue }
            left[a] -= Double(n)
            assigned[si] = a
        }
        return assigned
    }

    /// Local search: a school moves to a cheaper assessor with the hours, or two schools
    /// swap assessors, while either saves money. A pass is quadratic in the schools, so the search
    /// stops after `pairs` swap checks: a count, not a clock, so a busy machine plans the same.
    private func improve(_ assigned: inout [Int?], _ demand: [(School, Int)], pairs: Int = 20_000_000) {
        let caps = s.assessors.map(capacity)
        let costs = demand.map { school, n in (s.assessors.indices.map { cost(school, inductions: n, $0) }, cost(school, inductions: n, nil)) }
        func c(_ si: Int, _ a: Int?) -> Double { a.map { costs[si].0[$0] } ?? costs[si].1 }
        var used = Array(repeating: 0.0, count: caps.count)
        for (si, a) in assigned.enumerated() { if let a { used[a] += Double(demand[si].1) } }
        var checked = 0
        for _ in 0..<50 {
            var better = false
            for si in demand.indices {
                let n = Double(demand[si].1)
                for b in caps.indices where b != assigned[si] && used[b] + n <= caps[b] + 1e-9 && c(si, b) < c(si, assigned[si]) - 1e-9 {
                    if let a = assigned[si] { used[a] -= n }
                    used[b] += n
                    assigned[si] = b
                    better = true
                }
            }
            for i in demand.indices {
                guard checked < pairs else { return }
                checked += demand.count - i - 1
                guard let a = assigned[i] else { continue }
                let ni = Double(demand[i].1)
                for j in (i + 1)..<demand.count {
                    guard let b = assigned[j], b != a else { continue }
                    let nj = Double(demand[j].1)
                    guard c(i, b) + c(j, a) < c(i, a) + c(j, b) - 1e-9,
                          used[a] - ni + nj <= caps[a] + 1e-9, used[b] - nj + ni <= caps[b] + 1e-9 else { continue }
                    used[a] += nj - ni
                    used[b] += ni - nj
                    assigned[i] = b
                    assigned[j] = a
                    better = true
                    break
                }
            }
            if !better { return }
        }
    }

    /// Dates each school's reviews in their half-terms' windows: as few days as the day's
    /// hours allow, each on the assessor's fullest available day that still fits (the latest
    /// of equals, when schools' submissions are in). Schools with most hours go first. A school whose
    /// reviews cannot all be dated has none (one assessor does all of them, or none does).
    private func date(_ needs: [(Need, Assessor)], into out: inout Outcome) {
        let perDay = s.appropriateBody.hoursPerDay
        var busy: [String: Double] = [:]
        let bySchool = Dictionary(grouping: needs, by: { $0.0.school.id })
        let order = bySchool.keys.sorted { a, b in
            let ha = bySchool[a]!.reduce(0) { $0 + $1.0.hours * Double($1.0.inductions) }
            let hb = bySchool[b]!.reduce(0) { $0 + $1.0.hours * Double($1.0.inductions) }
            return (ha, a) > (hb, b)
        }
        for school in order {
            let work = bySchool[school]!
            var placed: [InductionReview] = []
            var failed: (Need, Assessor)?
            for (need, a) in work where failed == nil {
                let window = ReviewDeadline.window(s, authority: need.school.authority, need.halfTerm).filter { !s.isUnavailable(a.id, on: $0) }
                let perChunk = max(1, Int((perDay / max(need.hours, 1e-9)).rounded(.down)))
                var left = need.inductions
                while left > 0 {
                    // The most inductions one day can still take: the fullest day that fits them (packing
                    // days leaves whole days free for larger schools), the latest of equals.
                    var k = min(left, perChunk)
                    var day: Day?
                    while k > 0 && day == nil {
                        let hours = Double(k) * need.hours
                        day = window.filter { (busy["\(a.id)|\($0)"] ?? 0) + hours <= perDay + 1e-9 }
                            .max { ((busy["\(a.id)|\($0)"] ?? 0), $0) < ((busy["\(a.id)|\($1)"] ?? 0), $1) }
                        if day == nil { k -= 1 }
                    }
                    guard let day else { break }
                    let hours = Double(k) * need.hours
                    busy["\(a.id)|\(day)", default: 0] += hours
                    placed.append(InductionReview(school: school, assessor: a.id, halfTerm: need.halfTerm, date: day, inductions: k, hours: hours,
                                                  kind: need.kind))
                    left -= k
                }
                if left > 0 { failed = (need, a) }
            }
            guard let (stuck, a) = failed else { out.reviews += placed; continue }
            for p in placed { busy["\(p.assessor)|\(p.date)", default: 0] -= p.hours }
            let deadline = s.calendar.halfTerms[stuck.school.authority]?[stuck.halfTerm]?.last
            let why: UnmetReason = deadline.map { .noDayBeforeDeadline(assessor: a.id, halfTerm: stuck.halfTerm, deadline: $0) }
                ?? .other("no teaching days in \(stuck.halfTerm.rawValue)")
            for (need, _) in work {
                out.unmet.append(UnmetItem(.inductionReviews(school: school, halfTerm: need.halfTerm), amount: Double(need.inductions), reason: why))
            }
        }
        out.reviews.sort { ($0.date, $0.assessor, $0.school) < ($1.date, $1.assessor, $1.school) }
    }
}
