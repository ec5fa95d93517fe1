import Foundation
import HubModel
import Solver

/// Gives every Focus School one expert adviser for the year (continuity) and every
/// forum meeting a chair and venue, within advisers' capacity and coverage.
///
/// A MIP: b[s,a] = 1 when adviser a supports school s; z[k,a] = 1 when a chairs
/// meeting k (at the cheapest venue for them); unmet support days and meetings
/// are penalised slack. Cost: day rates, travel, hire and the leads' travel.
struct AdviserStage {
    let ctx: PlanningContext
    let options: SolveOptions
    var exporter: ((Model) -> Void)? = nil
    var hooks = SolveHooks()
    /// When re-planning: school → its previous adviser.
    var previousAdviser: [String: String] = [:]

    struct Outcome {
        var primary: [String: String]   // school → adviser
        /// Forum meeting (``ForumMeeting/key``) → the pair chosen for it.
        var forums: [String: ForumMeeting.Pair] = [:]
        var unmet: [UnmetItem]
        var objective: Double
        var bound: Double
        var stats: ModelStats?

        /// Each adviser's support days, as assigned.
        func supportDays(_ ctx: PlanningContext) -> [String: Double] {
            var days: [String: Double] = [:]
            for n in ctx.scenario.focusSchools { if let a = primary[n.school] { days[a, default: 0] += Double(AdviserStage.totalDays(n)) } }
            return days
        }
    }

    static func totalDays(_ n: FocusSchoolNeed) -> Int { HalfTerm.allCases.reduce(0) { $0 + n.days(in: $1) } }

    func run() throws -> Outcome {
        let needs = ctx.scenario.focusSchools.filter { Self.totalDays($0) > 0 && ctx.schoolById[$0.school] != nil }
        let meetings = Self.chairOptions(ctx)
        guard !needs.isEmpty || !meetings.isEmpty else { return Outcome(primary: [:], unmet: [], objective: 0, bound: 0, stats: nil) }
        let built = build(needs, meetings)
        exporter?(built.model)
        let r = try hooks.solve(built.model, options)
        guard r.status.hasSolution else { throw PlannerError.stageFailed("adviser assignment: GLPK returned \(r.status.rawValue)") }
        return decode(r, built)
    }

    /// The advisers' model and what decoding it needs.
    struct Built {
        var model: Model
        let needs: [FocusSchoolNeed]
        let meetings: [ForumMeeting]
        /// Per school: (adviser index, b[s,a]).
        let b: [[(Int, Variable)]]
        /// Per meeting: (pair, z[k,a]).
        let chairs: [[(ForumMeeting.Pair, Variable)]]
        let started: Date
    }

    func build(_ needs: [FocusSchoolNeed], _ meetings: [ForumMeeting]) -> Built {
        let s = ctx.scenario, w = s.weights
        let modelStarted = Date()
        var m = Model(name: "adviser_assignment")
        var b: [[(Int, Variable)]] = []
        var slack: [Variable] = []
        var load = Array(repeating: LinearExpression(), count: s.advisers.count)
        var objective = LinearExpression()
        for n in needs {
            let school = ctx.schoolById[n.school]!
            let days = Double(Self.totalDays(n))
            var one = LinearExpression()
            var row: [(Int, Variable)] = []
            for (ai, a) in s.advisers.enumerated() where a.authorities.contains(school.authority) {
                let v = m.addBinary("b_\(n.school)_\(a.id)")
                row.append((ai, v))
                one.add(1, v)
                load[ai].add(days, v)
                let keepBonus = previousAdviser[n.school] == a.id ? w.brokenContinuity : 0
                objective.add(days * a.dayRate * w.staffDays + days * a.home.travelMinutes(to: school.location) * w.staffTravelPerMinute - keepBonus, v)
            }
            let u = m.addBinary("u_\(n.school)")
            slack.append(u)
            one.add(1, u)
            m.add(one == 1, name: "support_\(n.school)")
            objective.add(days * w.unmet, u)
            b.append(row)
        }
        // Every school needs at least the smallest school's days, so an adviser can
        // take at most ⌊capacity / smallest⌋ schools: a valid cut that closes most
        // of the LP gap of this bin-packing-like model.
        let smallest = Double(needs.map { Self.totalDays($0) }.min() ?? 1)
        // Each meeting: one chair (at their cheapest venue), or unmet; chairing takes the chair's days.
        var chairs: [[(ForumMeeting.Pair, Variable)]] = []
        for (k, meeting) in meetings.enumerated() {
            var one = LinearExpression()
            var options: [(ForumMeeting.Pair, Variable)] = []
            for pair in meeting.pairs {
                let z = m.addBinary("z_\(k)_\(pair.chair.id)")
                one.add(1, z)
                objective.add(pair.cost, z)
                if let ai = s.advisers.firstIndex(where: { $0.id == pair.chair.id }) { load[ai].add(meeting.chairDays, z) }
                options.append((pair, z))
            }
            let u = m.addBinary("unmet_forum_\(k)")
            one.add(1, u)
            objective.add(w.unmet, u)
            m.add(one == 1, name: "forum_\(meeting.key)")
            chairs.append(options)
        }
        for (ai, a) in s.advisers.enumerated() where !load[ai].terms.isEmpty {
            AdviserCapacity.row(load[ai], a, in: &m)
            let count = LinearExpression(sum: b.flatMap { $0 }.filter { $0.0 == ai }.map(\.1))
            if !count.terms.isEmpty { m.add(count <= (AdviserCapacity.limit(a) / smallest).rounded(.down), name: "schools_\(a.id)") }
        }
        m.setObjective(.minimize, objective)
        return Built(model: m, needs: needs, meetings: meetings, b: b, chairs: chairs, started: modelStarted)
    }

    /// Each school's adviser (or its days unmet, with the reason) and each meeting's pair.
    func decode(_ r: SolveResult, _ built: Built) -> Outcome {
        let s = ctx.scenario, needs = built.needs, b = built.b
        let stats = ModelStats(built.model, r, built: built.started)
        var primary: [String: String] = [:]
        var unmet: [UnmetItem] = []
        for (si, n) in needs.enumerated() {
            if let chosen = b[si].first(where: { r.value($0.1) > 0.5 }) {
                primary[n.school] = s.advisers[chosen.0].id
            } else {
                let la = ctx.schoolById[n.school]!.authority
                let covering = s.advisers.filter { $0.authorities.contains(la) }
                let why: UnmetReason = covering.isEmpty ? .noAdviserCovers(authority: la)
                    : .advisersOutOfDays(authority: la, covering: covering.count, days: Self.totalDays(n))
                unmet.append(UnmetItem(.supportDays(school: n.school), amount: Double(Self.totalDays(n)), reason: why))
            }
        }
        var forums: [String: ForumMeeting.Pair] = [:]
        for (k, meeting) in built.meetings.enumerated() {
            if let pick = built.chairs[k].first(where: { r.value($0.1) > 0.5 }) { forums[meeting.key] = pick.0 }
        }
        return Outcome(primary: primary, forums: forums, unmet: unmet, objective: r.objective ?? 0, bound: r.bound ?? 0, stats: stats)
    }

    /// Each forum meeting with, per chair the checker allows, their cheapest venue,
    /// when that costs less than leaving the meeting unmet (the venue does not
    /// touch anyone's days, so no other venue can be better for that chair).
    static func chairOptions(_ ctx: PlanningContext) -> [ForumMeeting] {
        let unmet = ctx.scenario.weights.unmet
        return ForumMeeting.all(ctx).map { meeting in
            var seen: Set<String> = []
            let best = meeting.pairs.filter { $0.cost < unmet && seen.insert($0.chair.id).inserted }
            return ForumMeeting(series: meeting.series, scope: meeting.scope, authorities: meeting.authorities, halfTerm: meeting.halfTerm,
                                schools: meeting.schools, pairs: best)
        }
    }

    /// A lower bound on the advisers' and forums' cost in any plan the checker accepts.
    ///
    /// A plan either keeps every school with one adviser — then the assignment
    /// MIP's proven bound (`continuity`) holds — or shares at least one school
    /// between advisers, paying `brokenContinuity` at least once on top of the
    /// LP relaxation of the model where sharing is allowed. The smaller of the two holds.
    func bound(continuity: Double) throws -> (bound: Double, stats: ModelStats) {
        let shared = try sharedBound(options: SolveOptions(timeLimit: 10))
        return (min(continuity, shared.bound + ctx.scenario.weights.brokenContinuity), shared.stats)
    }

    /// The LP relaxation of the advisers' model where a school may be shared by
    /// several advisers (each extra one costs `brokenContinuity`) and part of its
    /// days may be unmet: d[s,a] days (at most one a visit, so travel is priced
    /// per day), b[s,a] whether a supports s.
    private func sharedBound(options: SolveOptions) throws -> (bound: Double, stats: ModelStats) {
        let s = ctx.scenario, w = s.weights
        let started = Date()
        var m = Model(name: "adviser_bound")
        var objective = LinearExpression()
        var load = Array(repeating: LinearExpression(), count: s.advisers.count)
        for n in s.focusSchools where Self.totalDays(n) > 0 {
            guard let school = ctx.schoolById[n.school] else { continue }
            let days = Double(Self.totalDays(n))
            var given = LinearExpression(), supporters = LinearExpression()
            for (ai, a) in s.advisers.enumerated() where a.authorities.contains(school.authority) {
                let d = m.addVariable(lower: 0, upper: days)
                let b = m.addVariable(lower: 0, upper: 1)
                m.add(d - days * b <= 0)
                given.add(1, d)
                supporters.add(1, b)
                load[ai].add(1, d)
                objective.add(a.dayRate * w.staffDays + a.home.travelMinutes(to: school.location) * w.staffTravelPerMinute, d)
            }
            let unmet = m.addVariable(lower: 0, upper: days)
            objective.add(w.unmet, unmet)
            m.add(given + unmet >= days)
            let extra = m.addVariable(lower: 0)
            m.add(extra - supporters >= -1)
            objective.add(w.brokenContinuity, extra)
        }
        // Forum meetings, as in the assignment model, relaxed.
        for meeting in Self.chairOptions(ctx) {
            var one = LinearExpression()
            for pair in meeting.pairs {
                let z = m.addVariable(lower: 0, upper: 1)
                one.add(1, z)
                objective.add(pair.cost, z)
                if let ai = s.advisers.firstIndex(where: { $0.id == pair.chair.id }) { load[ai].add(meeting.chairDays, z) }
            }
            let u = m.addVariable(lower: 0, upper: 1)
            one.add(1, u)
            objective.add(w.unmet, u)
            m.add(one == 1)
        }
        for (ai, a) in s.advisers.enumerated() where !load[ai].terms.isEmpty { AdviserCapacity.row(load[ai], a, in: &m) }
        m.setObjective(.minimize, objective)
        let r = try hooks.solve(m, options)
        let stats = ModelStats(m, r, built: started)
        guard let b = r.bound, r.status != .infeasible, r.status != .unbounded else { return (0, stats) }
        return (max(0, b - 1e-7 * abs(b) - 1e-6), stats)
    }
}
