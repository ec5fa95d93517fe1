import Foundation
import HubModel
import Solver

/// What every GLPK solve of a plan shares: the stop request and the progress report.
struct SolveHooks {
    var stop: StopToken?
    var progress: (@Sendable (String, SolveProgress) -> Void)?

    func solve(_ m: Model, _ options: SolveOptions) throws -> SolveResult {
        let name = m.name
        guard let report = progress else { return try GLPKSolver.solve(m, options: options, stop: stop) }
        let forward: @Sendable (SolveProgress) -> Void = { p in report(name, p) }
        return try GLPKSolver.solve(m, options: options, stop: stop, progress: forward)
    }
}

/// Turns a scenario into a year plan (docs/model.md describes the model).
public struct Planner {
    public struct Settings: Sendable {
        /// Seconds for the whole plan.
        public var timeLimit: Double
        /// Relative gap at which the plan counts as optimal, and each MIP stops.
        public var gap: Double
        /// Ends branch-and-cut early (Ctrl-C) with the best plan so far.
        public var stop: StopToken?
        /// Branch-and-cut progress: model name, incumbent, bound.
        public var progress: (@Sendable (String, SolveProgress) -> Void)?
        /// When set, every model is also written here as free MPS (`NAME.mps`).
        public var exportDirectory: URL?
        /// When set, re-plan: keep what is frozen and change as little as possible.
        public var baseline: Baseline?

        public init(timeLimit: Double, gap: Double, stop: StopToken? = nil,
                    progress: (@Sendable (String, SolveProgress) -> Void)? = nil) {
            self.timeLimit = timeLimit
            self.gap = gap
            self.stop = stop
            self.progress = progress
        }

        public init(scenario: Scenario) { self.init(timeLimit: scenario.solver.timeLimit, gap: scenario.solver.gap) }
    }

    public let scenario: Scenario
    public let settings: Settings

    public init(scenario: Scenario, settings: Settings) {
        self.scenario = scenario
        self.settings = settings
    }

    public func plan() throws -> Plan {
        let start = Date()
        let ctx = PlanningContext(scenario)
        let budget = TimeBudget(seconds: settings.timeLimit, cohorts: ctx.scenario.enrolment.count, started: start)
        let small = SolveOptions(timeLimit: budget.forSmallModels(), relativeGap: 1e-6)

        // The cohort models are solved on several threads, so the exporter may be too.
        let exportErrors = ExportErrors()
        let exporter: ((Model) -> Void)? = settings.exportDirectory.map { dir in
            { model in
                do { try model.write(to: dir.appendingPathComponent("\(model.name).mps").path, format: .freeMPS) }
                catch { exportErrors.add("\(error)") }
            }
        }
        // Only the team model runs long enough to be worth stopping; the small
        // models (milliseconds each) always finish, so a stopped plan is whole.
        let hooks = SolveHooks(stop: nil, progress: settings.progress)
        let stoppable = SolveHooks(stop: settings.stop, progress: settings.progress)
        let baseline = settings.baseline
        let cohortStage = CohortStage(ctx: ctx, options: small, exporter: exporter, baseline: baseline, hooks: hooks)
        // Cuts matter here: on the L instance GLPK stalls at a 0.7% gap after 100 s
        // without them and reaches 0.2% in 6 s with them (benchmarks/README.md).
        let teamOptions = SolveOptions(timeLimit: budget.forTeams(), relativeGap: settings.gap / 2,
                                       cuts: [.gomory, .mir, .cover, .clique])
        let previousTeams = Dictionary((baseline?.plan.cohorts ?? []).map { ($0.id, $0.facilitators) }, uniquingKeysWith: { x, _ in x })
        func staff(_ cohorts: [CohortStage.Cohort], _ options: SolveOptions) throws -> FacilitatorStage.Outcome {
            do {
                return try FacilitatorStage(ctx: ctx, options: options, exporter: exporter, hooks: stoppable, previousTeams: previousTeams).run(cohorts)
            } catch PlannerError.stageFailed(_) where settings.stop?.isStopped == true {
                // Stopped before any solution: take the first one GLPK finds instead.
                var quick = options
                quick.timeLimit = 1
                quick.relativeGap = 0.5
                return try FacilitatorStage(ctx: ctx, options: quick, hooks: hooks, previousTeams: previousTeams).run(cohorts)
            }
        }
        let a = try cohortStage.run()
        let b = try staff(a.cohorts, teamOptions)
        let advisers = try AdviserStage(ctx: ctx, options: SolveOptions(timeLimit: budget.forSmallModels(), relativeGap: 1e-6),
                                        exporter: exporter, hooks: hooks,
                                        previousAdviser: Dictionary((baseline?.plan.adviserAssignments ?? []).map { ($0.school, $0.adviser) },
                                                                    uniquingKeysWith: { x, _ in x })).run()
        var plan = assemble(a, b, advisers: advisers.primary, unmet: advisers.unmet, ctx: ctx)
        plan.models = a.models + [b.stats, advisers.stats].compactMap { $0 }
        // Short of facilitators: the cohorts were formed before anyone knew. Form the short
        // groups' cohorts again within the places their facilitators have left when the
        // other groups keep their teams; groups short of the same people may need a few
        // rounds (at most three). The cheapest plan is kept.
        var last = (a, b)
        var caps: [String: CohortStage.PlaceCap] = [:]
        for round in 1...3 where last.1.shortOfFacilitators && baseline == nil && settings.stop?.isStopped != true {
            var capped = cohortStage
            capped.exporter = nil
            caps.merge(placesLeft(last.1, shortIn: last.1.shortGroups, ctx: ctx)) { _, new in new }
            capped.placeCaps = caps
            let a2 = try capped.run()
            var options = teamOptions
            options.timeLimit = budget.forTeams()
            let b2 = try staff(a2.cohorts, options)
            var next = assemble(a2, b2, advisers: advisers.primary, unmet: advisers.unmet, ctx: ctx)
            let suffix = "_round\(round + 1)"
            next.models = plan.models + a2.models.map { $0.renamed($0.name + suffix) } + [b2.stats].compactMap { $0 }.map { $0.renamed($0.name + suffix) }
            if next.objective < plan.objective { plan = next } else { plan.models = next.models }
            last = (a2, b2)
        }
        // The bound: one relaxation of cohorts, venues and facilitators together, plus advisers and forums (docs/model.md).
        let adviserBound = try AdviserStage(ctx: ctx, options: small, hooks: hooks).bound(continuity: advisers.bound)
        plan.models.append(adviserBound.stats)
        let forumBound = ForumStage(ctx: ctx).bound()
        var joint = try JointBound(ctx: ctx, options: SolveOptions(timeLimit: budget.forSmallModels()), exporter: exporter).solve()
        plan.models += joint.stats
        // Where the LP leaves the plan short of proof, whole cohorts, places and participants
        // may close it (a facilitator short by a few days: 24.6% → see docs/model.md); GLPK's proven bound counts.
        if plan.objective - (joint.bound + adviserBound.bound + forumBound) > settings.gap * plan.objective && settings.stop?.isStopped != true {
            let limit = min(budget.forSmallModels(), 10)
            let whole = try JointBound(ctx: ctx, integer: true, options: SolveOptions(timeLimit: limit, relativeGap: settings.gap / 4,
                                                                                     cuts: [.gomory, .mir, .cover, .clique])).solve()
            plan.models += whole.stats
            if whole.bound > joint.bound { joint.bound = whole.bound }
            // Its solution decides cohorts and places together: one more plan, with each
            // group's places capped at what it gave them, and the cheaper plan is kept.
            if !whole.places.isEmpty && baseline == nil {
                var hinted = cohortStage
                hinted.exporter = nil
                hinted.placeCaps = Dictionary(uniqueKeysWithValues: whole.places.compactMap { key, places in
                    scenario.programmes.first { key.hasPrefix("\($0.id)|") }.map { p in
                        (key, CohortStage.PlaceCap(total: places, perCohort: candidates(p, ctx: ctx)))
                    }
                })
                let a3 = try hinted.run()
                var options = teamOptions
                options.timeLimit = max(1, budget.forTeams())
                let b3 = try staff(a3.cohorts, options)
                var next = assemble(a3, b3, advisers: advisers.primary, unmet: advisers.unmet, ctx: ctx)
                next.models = plan.models + a3.models.map { $0.renamed($0.name + "_joint") } + [b3.stats].compactMap { $0 }.map { $0.renamed($0.name + "_joint") }
                if next.objective < plan.objective { plan = next } else { plan.models = next.models }
            }
        }
        if let first = exportErrors.first { throw PlannerError.stageFailed("cannot export the models: \(first)") }
        plan.boundParts = ["cohorts, venues and facilitators": joint.bound, "advisers": adviserBound.bound, "forums": forumBound]
            .mapValues { ($0 * 100).rounded(.down) / 100 }
        let bound = joint.bound + adviserBound.bound + forumBound
        plan.bound = min(plan.objective, (bound * 100).rounded(.down) / 100)
        plan.gap = plan.objective > 0 ? (plan.objective - plan.bound) / plan.objective : 0
        plan.status = settings.stop?.isStopped == true ? .interrupted : plan.proven.status
        plan.proof = plan.proven.words
        plan.seconds = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        return plan
    }

    /// The facilitators who could be on a cohort's team: qualified, and free on some day of every half-term it meets.
    private func candidates(_ p: Programme, ctx: PlanningContext) -> Int {
        let meets = Set(p.sessions.map(\.halfTerm))
        return scenario.facilitators.filter { f in f.qualifications.contains(p.id) && meets.allSatisfy { ctx.availableDays(facilitator: f.id, $0) > 0 } }.count
    }

    /// What each group short of facilitators can be given when the other groups keep
    /// their teams: per qualified facilitator free in every half-term the programme
    /// meets, as many whole places as their days left allow.
    private func placesLeft(_ b: FacilitatorStage.Outcome, shortIn groups: Set<String>, ctx: PlanningContext) -> [String: CohortStage.PlaceCap] {
        var year: [String: Double] = [:], term: [String: Double] = [:]
        var programmeOf: [String: Programme] = [:]
        for c in b.cohorts {
            let key = CohortStage.groupKey(c.programme, authority: c.authority)
            programmeOf[key] = c.programme
            guard !groups.contains(key) else { continue }
            for f in b.teams[c.id] ?? [] {
                year[f, default: 0] += c.programme.sessions.reduce(0) { $0 + $1.facilitatorDays }
                for ht in HalfTerm.allCases { term["\(f)|\(ht.rawValue)", default: 0] += FacilitatorStage.days(c.programme, ht) }
            }
        }
        var caps: [String: CohortStage.PlaceCap] = [:]
        for key in groups {
            guard let p = programmeOf[key] ?? scenario.programmes.first(where: { key.hasPrefix("\($0.id)|") }) else { continue }
            let meets = Set(p.sessions.map(\.halfTerm))
            let total = p.sessions.reduce(0) { $0 + $1.facilitatorDays }
            var places: [Int] = []
            for f in scenario.facilitators where f.qualifications.contains(p.id)
                && meets.allSatisfy({ ctx.availableDays(facilitator: f.id, $0) > 0 }) {
                var n = total > 0 ? Int(((FacilitatorYearLoad.limit(f) - (year[f.id] ?? 0)) / total + 1e-9).rounded(.down)) : 0
                for ht in meets {
                    let d = FacilitatorStage.days(p, ht)
                    if d > 0 { n = min(n, Int(((FacilitatorTermLoad.limit(f) - (term["\(f.id)|\(ht.rawValue)"] ?? 0)) / d + 1e-9).rounded(.down))) }
                }
                if n > 0 { places.append(n) }
            }
            caps[key] = CohortStage.PlaceCap(total: places.reduce(0, +), perCohort: places.count)
        }
        return caps
    }

    /// Dates, forums and visits for cohorts and teams, priced: a whole plan but for its bound.
    private func assemble(_ a: CohortStage.Outcome, _ b: FacilitatorStage.Outcome, advisers primary: [String: String],
                          unmet adviserUnmet: [UnmetItem], ctx: PlanningContext) -> Plan {
        let baseline = settings.baseline
        let diary = Diary(ctx)
        let dating = SessionDating(ctx: ctx, diary: diary, baseline: baseline).run(b.cohorts, teams: b.teams)
        let forums = ForumStage(ctx: ctx).run(diary: diary, baseline: baseline)
        let (visits, visitUnmet) = VisitDating(ctx: ctx, baseline: baseline).run(primary, diary: diary)
        let cohorts = b.cohorts.map { c in
            PlanCohort(id: c.id, programme: c.programme.id, authority: c.authority, venue: c.venue?.id,
                       facilitators: b.teams[c.id] ?? [], schools: c.schools.map { SchoolPlaces(school: $0.0, participants: $0.1) })
        }
        var plan = Plan(scenario: scenario.name, year: scenario.yearLabel, status: .noProof, objective: 0, bound: 0, gap: 0,
                        seconds: 0, costs: [:], cohorts: cohorts, sessions: dating.sessions, forums: forums.forums,
                        adviserAssignments: visits,
                        unmet: a.unmet + b.unmet + dating.unmet + adviserUnmet + forums.unmet + visitUnmet,
                        models: [])
        let costs = PlanCosts(scenario: scenario).price(plan)
        plan.costs = costs.byTerm.mapValues { ($0 * 100).rounded() / 100 }
        plan.objective = (costs.total * 100).rounded() / 100
        plan.costsByAuthority = costs.byAuthority.mapValues { ($0 * 100).rounded() / 100 }
        plan.costsByProgramme = costs.byProgramme.mapValues { ($0 * 100).rounded() / 100 }
        plan.reach = Reach(plan: plan, scenario: scenario)
        let use = Utilisation(plan: plan, scenario: scenario)
        plan.utilisation = use.facilitators.map { UtilisationEntry(kind: .facilitator, id: $0.id, used: $0.used, available: $0.available) }
            + use.advisers.map { UtilisationEntry(kind: .adviser, id: $0.id, used: $0.used, available: $0.available) }
            + use.venues.map { UtilisationEntry(kind: .venue, id: $0.id, used: $0.used, available: $0.available) }
        return plan
    }
}

/// Export failures, gathered from whichever thread wrote the model.
final class ExportErrors: @unchecked Sendable {
    private var messages: [String] = []
    private let lock = NSLock()
    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}

/// How the plan's time limit is shared between the GLPK solves.
///
/// The team model is the only one that runs long; the others finish in
/// milliseconds to a few tenths of a second, and are capped only so that a
/// pathological one cannot overrun. Some time is kept back for what follows the
/// team model (the bound LPs, dates, pricing: 0.2 s on L) and for the reports
/// the caller writes (about 1 s on L), plus GLPK's overrun of its limit while
/// it finishes a node; all grow with the number of cohorts, so the reserve
/// grows with the enrolment rows that make them (L: 1.8 s).
struct TimeBudget {
    let seconds: Double
    let started: Date
    let reserve: Double

    init(seconds: Double, cohorts enrolmentRows: Int, started: Date) {
        self.seconds = seconds
        self.started = started
        reserve = min(0.3 * seconds, 0.3 + Double(enrolmentRows) / 2500)
    }

    var remaining: Double { seconds - Date().timeIntervalSince(started) }

    /// A cohort, adviser or bound model: at most 30 s, and never past the reserve.
    func forSmallModels() -> Double { min(30, max(0.2, remaining - reserve)) }

    /// The team model: what is left after the reserve (its start makes any limit safe).
    func forTeams() -> Double { max(0.2, remaining - reserve) }
}
