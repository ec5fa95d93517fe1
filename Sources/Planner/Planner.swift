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

    /// A small model (milliseconds) that ran out of time before any solution, on a busy
    /// machine with a very short limit, is given the time it needs rather than fail the plan.
    func solvePatiently(_ m: Model, _ options: SolveOptions) throws -> SolveResult {
        let r = try solve(m, options)
        guard r.status == .noSolution else { return r }
        var patient = options
        patient.timeLimit = max(options.timeLimit ?? 0, 10)
        return try solve(m, patient)
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
        /// Last year's plan: the continuing programmes' cohorts carry on its cohorts (``Continuation``).
        public var lastYear: Plan?

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

    /// The pipeline (docs/model.md, "The pipeline"): cohorts and venues (A) →
    /// facilitator teams (B) → advisers → dates, forums and visits, priced (C) →
    /// cohorts formed again where teams fell short → the bound → what is proven.
    public func plan() throws -> Plan {
        var run = Run(self)
        // The joint relaxation depends on the scenario alone: it runs beside the stages.
        let jointLP = Background { [exporter = run.exporter, ctx = run.boundCtx, limit = run.budget.forSmallModels()] in
            try JointBound(ctx: ctx, options: SolveOptions(timeLimit: limit), exporter: exporter).solve()
        }
        let cohorts = try run.withLateStarters(run.cohortStage.run())
        // Advisers and Appropriate Body work do not depend on cohorts; solved first, their
        // bounds tell the team model how much of the plan's gap is its to spend.
        let advisers = try run.adviserStage.run()
        let inductions = try run.assessorStage.run()
        run.otherCosts = max(0, advisers.bound) + max(0, inductions.bound)
        let (teams, first) = try staffed(cohorts, options: nil, advisers: advisers, inductions: inductions, run)
        run.quickTeams = (teams.stats?.nonZeros ?? 0) <= Self.reformingNonZeroLimit
        var plan = first
        plan.models = cohorts.models + [teams.stats, advisers.stats].compactMap { $0 } + inductions.stats + plan.models
        let formed = try reformShortGroups(plan, after: (cohorts, teams), advisers: advisers, inductions: inductions, run)
        let spread = try spreadForEvents(formed, advisers: advisers, inductions: inductions, run)
        plan = try splitForTeams(spread, advisers: advisers, inductions: inductions, run).plan
        let bound = try self.bound(plan, advisers: advisers, inductions: inductions, jointLP: jointLP.wait(), run)
        plan.models += bound.models
        if let hinted = bound.jointPlan { plan = cheaper(plan, hinted) }
        if let lastYear = settings.lastYear, let carried = run.continuation {
            plan.carriedOver = CarriedOver.between(lastYear, plan, continuation: carried, scenario: scenario)
        }
        if let first = run.exportErrors.first { throw PlannerError.stageFailed("cannot export the models: \(first)") }
        return proven(plan, bound: bound, started: run.started)
    }

    /// What one call of ``plan()`` shares: the context, the time budget, the solve
    /// hooks and the stages, each made once.
    private struct Run {
        let started = Date()
        let ctx: PlanningContext
        let budget: TimeBudget
        let small: SolveOptions
        let teamOptions: SolveOptions
        let exportErrors = ExportErrors()
        let exporter: ((Model) -> Void)?
        /// Only the team model runs long enough to be worth stopping; the small
        /// models (milliseconds each) always finish, so a stopped plan is whole.
        let hooks: SolveHooks
        let stoppable: SolveHooks
        let cohortStage: CohortStage
        let adviserStage: AdviserStage
        let assessorStage: AssessorStage
        let forumStage: ForumStage
        let previousTeams: [String: [String]]
        let previousCrews: [String: Set<String>]
        let continuation: Continuation.Outcome?
        /// The context the bound is built on: continued cohorts may be smaller than a
        /// programme's smallest cohort, so the bound lets every cohort of their programmes be.
        let boundCtx: PlanningContext
        let stop: StopToken?
        let baseline: Baseline?
        /// A lower bound on the advisers' and assessors' part of the plan, once solved.
        var otherCosts: Double = 0
        /// Whether the team model is small enough to solve again for the re-forming moves.
        var quickTeams = true

        init(_ planner: Planner) {
            let settings = planner.settings, baseline = settings.baseline
            ctx = PlanningContext(planner.scenario)
            budget = TimeBudget(seconds: settings.timeLimit, cohorts: ctx.scenario.enrolment.count, started: started)
            small = SolveOptions(timeLimit: budget.forSmallModels(), relativeGap: 1e-6)
            // Cuts matter here: on the L instance GLPK stalls at a 0.7% gap after 100 s
            // without them and reaches 0.2% in 6 s with them (benchmarks/README.md).
            teamOptions = SolveOptions(timeLimit: budget.forTeams(), relativeGap: settings.gap / 2, cuts: [.gomory, .mir, .cover, .clique])
            // The cohort models are solved on several threads, so the exporter may be too.
            let errors = exportErrors
            exporter = settings.exportDirectory.map { dir in
                { model in
                    do { try model.write(to: dir.appendingPathComponent("\(model.name).mps").path, format: .freeMPS) }
                    catch { errors.add("\(error)") }
                }
            }
            hooks = SolveHooks(stop: nil, progress: settings.progress)
            stoppable = SolveHooks(stop: settings.stop, progress: settings.progress)
            stop = settings.stop
            self.baseline = baseline
            let context = ctx
            let continuation = settings.lastYear.map { Continuation(ctx: context, previous: $0).run() }
            self.continuation = continuation
            var relaxed = ctx.scenario
            for i in relaxed.programmes.indices where continuation?.programmes.contains(relaxed.programmes[i].id) == true {
                relaxed.programmes[i].cohortMin = 1
            }
            boundCtx = continuation == nil ? ctx : PlanningContext(relaxed)
            cohortStage = CohortStage(ctx: ctx, options: small, exporter: exporter, baseline: baseline, hooks: hooks,
                                      continuation: continuation)
            adviserStage = AdviserStage(ctx: ctx, options: SolveOptions(timeLimit: budget.forSmallModels(), relativeGap: 1e-6),
                                        exporter: exporter, hooks: hooks,
                                        previousAdviser: Dictionary((baseline?.plan.adviserAssignments ?? []).map { ($0.school, $0.adviser) },
                                                                    uniquingKeysWith: { x, _ in x }))
            forumStage = ForumStage(ctx: ctx)
            // A generalised assignment from an LP-led greedy start: the reference's is proven optimal in
            // 0.1 s; on L (three hubs, 19k columns) GLPK may search for seconds for the last fraction of a
            // percent, so after 20 nodes it stops at a quarter of the plan's gap, and by 2 s in any case.
            var assessorOptions = SolveOptions(timeLimit: min(2, budget.forSmallModels()), relativeGap: 1e-6,
                                               cuts: [.gomory, .mir, .cover, .clique])
            assessorOptions.laterGap = SolveOptions.LaterGap(gap: settings.gap / 4, afterNodes: 20)
            assessorStage = AssessorStage(ctx: ctx, options: assessorOptions, exporter: exporter, lpTimeLimit: budget.forSmallModels(), hooks: hooks)
            previousCrews = Dictionary(grouping: (baseline?.plan.sessions ?? []).filter { $0.event != nil }, by: { $0.event ?? "" })
                .mapValues { Set($0.flatMap(\.facilitators)) }
            previousTeams = Dictionary((baseline?.plan.cohorts ?? []).map { ($0.id, $0.facilitators) }, uniquingKeysWith: { x, _ in x })
                .merging(continuation?.teams ?? [:]) { kept, _ in kept }
        }

        var stopped: Bool { stop?.isStopped == true }

        /// Stage A's cohorts with the late starters joined or in catch-up cohorts (``IntakeStage``).
        func withLateStarters(_ a: CohortStage.Outcome) throws -> CohortStage.Outcome {
            let late = try IntakeStage(ctx: ctx, options: small, hooks: hooks, exporter: exporter).run(a.cohorts)
            var out = a
            // Sized so that more of them fit their events' rooms.
            out.cohorts = EventGathering(ctx: ctx, diary: Diary(ctx), baseline: baseline).fitted(late.cohorts)
            out.unmet += late.unmet
            out.models += late.models
            return out
        }

        /// Stage B on some cohorts, with the team model's time left now; the events expected to
        /// gather, but those `excluding` names, get crews and free their cohorts' teams.
        func staff(_ cohorts: [CohortStage.Cohort], options: SolveOptions? = nil, excluding: Set<String> = []) throws -> FacilitatorStage.Outcome {
            let options = options ?? teamOptions
            let events = EventGathering(ctx: ctx, diary: Diary(ctx), baseline: baseline).expected(cohorts).filter { !excluding.contains($0.id) }
            do {
                return try FacilitatorStage(ctx: ctx, options: options, exporter: exporter, hooks: stoppable, previousTeams: previousTeams,
                                            previousCrews: previousCrews, otherCosts: otherCosts, events: events).run(cohorts)
            } catch PlannerError.stageFailed(_) where stopped {
                // Stopped before any solution: take the first one GLPK finds instead.
                var quick = options
                quick.timeLimit = 1
                quick.relativeGap = 0.5
                return try FacilitatorStage(ctx: ctx, options: quick, hooks: hooks, previousTeams: previousTeams, previousCrews: previousCrews,
                                            events: events).run(cohorts)
            }
        }

        /// The team model's options for a later round: whatever time is left.
        func laterTeamOptions(atLeast floor: Double = 0) -> SolveOptions {
            var options = teamOptions
            options.timeLimit = max(floor, budget.forTeams())
            return options
        }
    }

    /// Stages B and C on stage A's cohorts. An event planned to gather whose cohorts could not
    /// all gather is given back to its teams and both stages run again; after two such rounds,
    /// every event is the teams' (their days then cover every separate session).
    private func staffed(_ a: CohortStage.Outcome, options: SolveOptions?, advisers: AdviserStage.Outcome,
                         inductions: AssessorStage.Outcome, _ run: Run) throws -> (FacilitatorStage.Outcome, Plan) {
        var b = try run.staff(a.cohorts, options: options)
        var plan = assemble(a, b, advisers: advisers, inductions: inductions, run)
        var excluded: Set<String> = []
        for round in 1...3 {
            let missed = b.crews.missed(in: plan)
            guard !missed.isEmpty else { break }
            excluded.formUnion(round < 3 ? missed : Set(b.crews.crews.keys))
            b = try run.staff(a.cohorts, options: run.laterTeamOptions(atLeast: 1), excluding: excluded)
            plan = assemble(a, b, advisers: advisers, inductions: inductions, run)
        }
        return (b, plan)
    }

    /// Short of facilitators: the cohorts were formed before anyone knew. Form the short
    /// groups' cohorts again within the places their facilitators have left when the
    /// other groups keep their teams; groups short of the same people may need a few
    /// rounds (at most three). The cheapest plan is kept.
    private func reformShortGroups(_ first: Plan, after: (CohortStage.Outcome, FacilitatorStage.Outcome),
                                   advisers: AdviserStage.Outcome, inductions: AssessorStage.Outcome, _ run: Run) throws -> Formed {
        var plan = first
        var last = after
        var caps: [String: CohortStage.PlaceCap] = [:], bestCaps = caps
        for round in 1...3 where last.1.shortOfFacilitators && settings.baseline == nil && !run.stopped {
            var capped = run.cohortStage
            capped.exporter = nil
            caps.merge(placesLeft(last.1, shortIn: last.1.shortGroups, ctx: run.ctx)) { _, new in new }
            capped.placeCaps = caps
            let a2 = try run.withLateStarters(capped.run())
            var (b2, next) = try staffed(a2, options: run.laterTeamOptions(), advisers: advisers, inductions: inductions, run)
            let suffix = "_round\(round + 1)"
            next.models = plan.models + next.models + a2.models.map { $0.renamed($0.name + suffix) } + [b2.stats].compactMap { $0 }.map { $0.renamed($0.name + suffix) }
            if next.objective < plan.objective { bestCaps = caps }
            plan = cheaper(plan, next)
            last = (a2, b2)
        }
        return try consolidateSharers(Formed(plan: plan, caps: bestCaps), after: last, caps: caps, advisers: advisers, inductions: inductions, run)
    }

    /// A plan and the caps and floors its cohort stage ran with.
    private struct Formed {
        var plan: Plan
        var caps: [String: CohortStage.PlaceCap]
        var floors: [String: Int] = [:]
    }

    /// Still short of facilitators: a group that is not short may hold places the short
    /// groups' people are needed for — small cohorts near its schools where a larger room a
    /// little further off would need fewer (E36 in the oracle sweep: two ECT cohorts of 15
    /// took days of the mentors' only facilitator, and 25 mentors went unplaced). Each such
    /// group is formed again with one place fewer, and the short groups within what is then
    /// left; a change is kept only when the plan is cheaper, and tried again from there.
    private func consolidateSharers(_ first: Formed, after: (CohortStage.Outcome, FacilitatorStage.Outcome),
                                    caps: [String: CohortStage.PlaceCap], advisers: AdviserStage.Outcome,
                                    inductions: AssessorStage.Outcome, _ run: Run) throws -> Formed {
        var plan = first.plan, bestCaps = first.caps, last = after, caps = caps
        var tries = 0
        // Short in the team stage, or formed within their facilitators' places after it.
        var short = last.1.shortGroups.union(caps.keys)
        var worthTrying: Bool {
            run.quickTeams && !short.isEmpty && settings.baseline == nil && !run.stopped && tries < Self.consolidationTries
                && run.budget.remaining - run.budget.reserve > 1
        }
        while worthTrying {
            var improved = false
            for sharer in sharers(of: last.1, short: short, ctx: run.ctx) where worthTrying {
                tries += 1
                var tried = caps
                tried[sharer.key] = CohortStage.PlaceCap(total: sharer.places - 1, perCohort: sharer.perCohort)
                var capped = run.cohortStage
                capped.exporter = nil
                capped.placeCaps = tried
                var a2 = try run.withLateStarters(capped.run())
                var (b2, next) = try staffed(a2, options: run.laterTeamOptions(), advisers: advisers, inductions: inductions, run)
                // The short groups (and those capped before) again, within what the consolidated group leaves them.
                let again = short.union(b2.shortGroups).subtracting([sharer.key])
                if !again.isEmpty {
                    let within = tried.merging(placesLeft(b2, shortIn: again, ctx: run.ctx)) { _, new in new }
                    capped.placeCaps = within
                    let a3 = try run.withLateStarters(capped.run())
                    let (b3, after3) = try staffed(a3, options: run.laterTeamOptions(), advisers: advisers, inductions: inductions, run)
                    if after3.objective < next.objective { (a2, b2, next, tried) = (a3, b3, after3, within) }
                }
                let suffix = "_fewer\(tries)"
                next.models = plan.models + next.models + a2.models.map { $0.renamed($0.name + suffix) } + [b2.stats].compactMap { $0 }.map { $0.renamed($0.name + suffix) }
                if next.objective < plan.objective - 0.005 {
                    plan = next
                    last = (a2, b2)
                    caps = tried
                    bestCaps = tried
                    short = again.union(b2.shortGroups).subtracting([sharer.key])
                    improved = true
                    break
                }
                plan = cheaper(plan, next)
            }
            if !improved { break }
        }
        return Formed(plan: plan, caps: bestCaps)
    }

    /// An event whose cohorts could not all gather (no room or crew holds them all, or no
    /// day suits them all) may gather more when its group has one more, smaller cohort: the
    /// oracle sweep's E53 gathered one ECT cohort of 25 in a hall of 35 and held one of 21
    /// apart with its team of four, 4.6% dearer than three cohorts, two of which gather.
    /// Each such group is formed again with one cohort more; kept only when the plan is cheaper.
    private func spreadForEvents(_ formed: Formed, advisers: AdviserStage.Outcome, inductions: AssessorStage.Outcome,
                                 _ run: Run) throws -> Formed {
        guard settings.baseline == nil && run.quickTeams else { return formed }
        var best = formed
        let programmes = Dictionary(scenario.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func key(_ c: PlanCohort) -> String? { programmes[c.programme].map { CohortStage.groupKey($0, authority: c.authority) } }
        let byId = Dictionary(formed.plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var keys: [String] = []
        for e in formed.plan.events ?? [] where e.notGathered != nil && run.continuation?.programmes.contains(e.programme) != true {
            for k in e.cohorts.compactMap({ byId[$0].flatMap(key) }) where !keys.contains(k) { keys.append(k) }
        }
        for (n, k) in keys.prefix(Self.spreadTries).enumerated() where !run.stopped && run.budget.remaining - run.budget.reserve > 1 {
            let count = best.plan.cohorts.filter { key($0) == k }.count + 1
            if let cap = best.caps[k], cap.total < count { continue }
            best = try withFloor(count, for: k, on: best, suffix: "_spread\(n + 1)", advisers: advisers, inductions: inductions, run)
        }
        return best
    }

    /// A cohort of n needs ⌈n/ppf⌉ facilitators, each a different person: where a group's
    /// cohorts need teams of several, as many cohorts as make every team one person smaller
    /// may cost less — the same places, but the cheapest person can take more of them (E56
    /// in the oracle sweep: 41 mentors at 12 a facilitator in two cohorts of two places each
    /// needed a dearer second person on one team, where four cohorts of one place each took
    /// the cheapest four times, 1.6% dearer). Kept only when the plan is cheaper.
    private func splitForTeams(_ formed: Formed, advisers: AdviserStage.Outcome, inductions: AssessorStage.Outcome,
                               _ run: Run) throws -> Formed {
        guard settings.baseline == nil && run.quickTeams else { return formed }
        var best = formed
        let programmes = Dictionary(scenario.programmes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var groups: [String: (programme: Programme, cohorts: Int, members: Int, team: Int)] = [:]
        for c in formed.plan.cohorts where c.continues == nil && c.starts == nil {
            guard let p = programmes[c.programme], run.continuation?.programmes.contains(p.id) != true else { continue }
            let k = CohortStage.groupKey(p, authority: c.authority)
            var g = groups[k] ?? (p, 0, 0, 0)
            g.cohorts += 1
            g.members += c.schools.reduce(0) { $0 + $1.participants }
            g.team = max(g.team, c.facilitators.count)
            groups[k] = g
        }
        // Each group with teams of several: as many cohorts as make every team one person
        // smaller, then one cohort more (of mixed sizes: one team of two, the rest of one).
        var tries: [(key: String, count: Int)] = []
        for (k, g) in groups.sorted(by: { $0.key < $1.key }) where g.team > 1 {
            let perCohort = g.programme.participantsPerFacilitator * (g.team - 1)
            for count in [(g.members + perCohort - 1) / perCohort, g.cohorts + 1] where count > g.cohorts
                && count * g.programme.cohortMin <= g.members && !tries.contains(where: { $0 == (k, count) }) {
                tries.append((k, count))
            }
        }
        for (n, t) in tries.prefix(Self.splitTries).enumerated() where !run.stopped && run.budget.remaining - run.budget.reserve > 1 {
            let before = best.plan.objective
            best = try withFloor(t.count, for: t.key, on: best, suffix: "_split\(n + 1)", advisers: advisers, inductions: inductions, run)
            // Groups capped at what their facilitators had left were capped for the old teams: the
            // new cohorts may leave them more (G80: a third ECT cohort let F08 take three places and
            // free F17 for Wigan's second mentor cohort, which the cap from the old teams forbade).
            if best.plan.objective >= before - 0.005 && !best.caps.isEmpty && !run.stopped {
                best = try withFloor(t.count, for: t.key, on: best, caps: [:], suffix: "_split\(n + 1)_uncapped",
                                     advisers: advisers, inductions: inductions, run)
            }
        }
        return best
    }

    /// Groups formed again with more cohorts for their teams, at most, per plan.
    static let splitTries = 4

    /// Stage A again with a group given at least `count` cohorts, then stages B and C;
    /// the cheaper of that plan and `formed` (with the floor where it is the new one).
    private func withFloor(_ count: Int, for key: String, on formed: Formed, caps: [String: CohortStage.PlaceCap]? = nil, suffix: String,
                           advisers: AdviserStage.Outcome, inductions: AssessorStage.Outcome, _ run: Run) throws -> Formed {
        var stage = run.cohortStage
        stage.exporter = nil
        stage.placeCaps = caps ?? formed.caps
        stage.cohortFloors = formed.floors.merging([key: count]) { _, new in new }
        // More cohorts than the group's starters can fill at their smallest size: no such plan.
        guard let a = try? run.withLateStarters(stage.run()) else { return formed }
        var (b, next) = try staffed(a, options: run.laterTeamOptions(), advisers: advisers, inductions: inductions, run)
        next.models = formed.plan.models + next.models + a.models.map { $0.renamed($0.name + suffix) } + [b.stats].compactMap { $0 }.map { $0.renamed($0.name + suffix) }
        if next.objective < formed.plan.objective - 0.005 {
            return Formed(plan: next, caps: stage.placeCaps, floors: stage.cohortFloors)
        }
        var kept = formed
        kept.plan = cheaper(formed.plan, next)
        return kept
    }

    /// Groups given one more cohort for their events, at most, per plan.
    static let spreadTries = 3

    /// The team model's size (nonzeros) up to which the re-forming moves below may solve it
    /// again for each try: M's (6,417) takes 0.1 s, L's (59,889) 14–21 s, which the little an
    /// event held apart costs does not repay (L's one try found nothing cheaper in 14 s).
    static let reformingNonZeroLimit = 20_000

    /// Re-formings of groups that share the short groups' facilitators, at most, per plan.
    static let consolidationTries = 4

    /// The groups whose teams hold someone qualified for a short group (another one, where
    /// the group is short itself), with the places they hold — most shared places first.
    /// A short group counts too: two groups short of the same people split them as their
    /// cohorts fell, and the split that serves fewer may be the one kept (E61 in the oracle
    /// sweep: Wigan's second ECT cohort took the one free facilitator's days, where Wigan's
    /// first cohort had room for most of its members and Halton's whole cohort went unmet).
    private func sharers(of b: FacilitatorStage.Outcome, short: Set<String>, ctx: PlanningContext) -> [(key: String, places: Int, perCohort: Int)] {
        /// Whether a facilitator could serve a short group other than `key`.
        func wanted(_ id: String, by key: String) -> Bool {
            guard let f = ctx.facilitatorById[id] else { return false }
            return short.contains { other in other != key && f.qualifications.contains { other.hasPrefix("\($0)|") } }
        }
        var places: [String: Int] = [:], shared: [String: Int] = [:], programmeOf: [String: Programme] = [:]
        for c in b.cohorts {
            let key = CohortStage.groupKey(c.programme, authority: c.authority)
            let team = b.teams[c.id] ?? []
            places[key, default: 0] += team.count
            shared[key, default: 0] += team.filter { wanted($0, by: key) }.count
            programmeOf[key] = c.programme
        }
        return shared.filter { $0.value > 0 && (places[$0.key] ?? 0) > 1 }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .compactMap { key, _ in programmeOf[key].map { (key, places[key]!, candidates($0, ctx: ctx)) } }
    }

    /// The bound's parts, the models solved for it, and (when the whole-number joint
    /// model ran) the plan its places suggest.
    private struct Bound {
        var joint: Double
        /// Advisers and forums: one model, since chairing takes advisers' days.
        var advisers: Double
        var models: [ModelStats]
        var jointPlan: Plan? = nil
        /// Appropriate Body work: its own costs, so its part adds.
        var assessors: Double = 0
        var total: Double { joint + advisers + assessors }
    }

    /// One relaxation of cohorts, venues and facilitators together, plus advisers and forums (docs/model.md).
    private func bound(_ plan: Plan, advisers: AdviserStage.Outcome, inductions: AssessorStage.Outcome, jointLP: JointBound.Outcome,
                       _ run: Run) throws -> Bound {
        let adviserBound = try run.adviserStage.bound(continuity: advisers.bound)
        var bound = Bound(joint: jointLP.bound, advisers: adviserBound.bound, models: [adviserBound.stats] + jointLP.stats, assessors: inductions.bound)
        // Where the LP leaves the plan short of proof, whole cohorts, places and participants
        // may close it (a facilitator short by a few days: 24.6% → see docs/model.md); GLPK's proven bound counts.
        // The costs of the dates chosen are not in the joint model, so they cannot close the gap: leave them out.
        let dates = CostTerm.fromDates.reduce(0) { $0 + (plan.costs[$1] ?? 0) }
        let short = plan.objective - dates - bound.total
        guard short > max(settings.gap, JointBound.wholeModelShortfall) * plan.objective && !run.stopped,
              JointBound.wholeModelIsWorthTrying(lp: jointLP) else { return bound }
        // Cohorts carried on from last year are outside what it decides (it may form them afresh),
        // so it cannot close the gap they make (the reference's second year: 2.3 s for no better bound).
        guard run.continuation?.programmes.isEmpty ?? true else { return bound }
        let limit = min(run.budget.forSmallModels(), 10)
        let whole = try JointBound(ctx: run.boundCtx, integer: true, options: SolveOptions(timeLimit: limit, relativeGap: settings.gap / 4,
                                                                                     cuts: [.gomory, .mir, .cover, .clique])).solve()
        bound.models += whole.stats
        bound.joint = max(bound.joint, whole.bound)
        // Its solution decides cohorts and places together: one more plan, with each
        // group's places capped at what it gave them; the caller keeps the cheaper plan.
        guard !whole.places.isEmpty && settings.baseline == nil else { return bound }
        var hinted = run.cohortStage
        hinted.exporter = nil
        hinted.placeCaps = Dictionary(uniqueKeysWithValues: whole.places.compactMap { key, places in
            scenario.programmes.first { key.hasPrefix("\($0.id)|") }.map { p in
                (key, CohortStage.PlaceCap(total: places, perCohort: candidates(p, ctx: run.ctx)))
            }
        })
        let a3 = try run.withLateStarters(hinted.run())
        var (b3, next) = try staffed(a3, options: run.laterTeamOptions(atLeast: 1), advisers: advisers, inductions: inductions, run)
        next.models = plan.models + bound.models + a3.models.map { $0.renamed($0.name + "_joint") }
            + [b3.stats].compactMap { $0 }.map { $0.renamed($0.name + "_joint") }
        bound.jointPlan = next
        return bound
    }

    /// The cheaper of two plans; `next` carries the models of both.
    private func cheaper(_ plan: Plan, _ next: Plan) -> Plan {
        if next.objective < plan.objective { return next }
        var kept = plan
        kept.models = next.models
        return kept
    }

    /// The plan with its bound, gap and status: what it is proven to be.
    private func proven(_ plan: Plan, bound: Bound, started: Date) -> Plan {
        var plan = plan
        var parts = ["cohorts, venues and facilitators": bound.joint, "advisers and forums": bound.advisers]
        if plan.inductionReviews != nil { parts["Appropriate Body work"] = bound.assessors }
        plan.boundParts = parts.mapValues { ($0 * 100).rounded(.down) / 100 }
        plan.bound = min(plan.objective, (bound.total * 100).rounded(.down) / 100)
        plan.gap = plan.objective > 0 ? (plan.objective - plan.bound) / plan.objective : 0
        plan.status = settings.stop?.isStopped == true ? .interrupted : plan.proven.status
        plan.proof = plan.proven.words
        plan.seconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        return plan
    }

    /// The facilitators who could be on a cohort's team: qualified, and free on some day of every half-term it meets.
    private func candidates(_ p: Programme, ctx: PlanningContext) -> Int { ctx.teamCandidates(p).count }

    /// What each group short of facilitators can be given when the other groups keep
    /// their teams: per qualified facilitator free in every half-term the programme
    /// meets, as many whole places as their days left allow.
    private func placesLeft(_ b: FacilitatorStage.Outcome, shortIn groups: Set<String>, ctx: PlanningContext) -> [String: CohortStage.PlaceCap] {
        var year: [String: Double] = [:], term: [String: Double] = [:]
        var programmeOf: [String: Programme] = [:]
        // A group whose event gathered: its teams leave the event to a crew (whose days stay taken).
        var gathering: [String: SessionPattern] = [:]
        var reformed: Set<String> = []  // events of the short groups: their crews are chosen again too
        for c in b.cohorts {
            let key = CohortStage.groupKey(c.programme, authority: c.authority)
            programmeOf[key] = c.programme
            if let e = b.crews.gathered[c.id] {
                gathering[key] = e.pattern
                if groups.contains(key) { reformed.insert(e.event) }
            }
            guard !groups.contains(key) else { continue }
            for f in b.teams[c.id] ?? [] {
                for ht in HalfTerm.allCases {
                    let d = b.crews.teamDays(c, ht)
                    year[f, default: 0] += d
                    term["\(f)|\(ht.rawValue)", default: 0] += d
                }
            }
        }
        for (f, ht, days) in b.crews.crewLoads(except: reformed) {
            year[f, default: 0] += days
            term["\(f)|\(ht.rawValue)", default: 0] += days
        }
        var caps: [String: CohortStage.PlaceCap] = [:]
        for key in groups {
            guard let p = programmeOf[key] ?? scenario.programmes.first(where: { key.hasPrefix("\($0.id)|") }) else { continue }
            let worked = FacilitatorStage.EventCrews.worked(p, without: gathering[key])
            let meets = Set(worked.map(\.halfTerm))
            let total = worked.reduce(0) { $0 + $1.facilitatorDays }
            var places: [Int] = []
            for f in scenario.facilitators where f.qualifications.contains(p.id)
                && meets.allSatisfy({ ctx.availableDays(facilitator: f.id, $0) > 0 }) {
                var n = total > 0 ? Int(((FacilitatorYearLoad.limit(f) - (year[f.id] ?? 0)) / total + 1e-9).rounded(.down)) : 0
                for ht in meets {
                    let d = worked.filter { $0.halfTerm == ht }.reduce(0) { $0 + $1.facilitatorDays }
                    if d > 0 { n = min(n, Int(((FacilitatorTermLoad.limit(f) - (term["\(f.id)|\(ht.rawValue)"] ?? 0)) / d + 1e-9).rounded(.down))) }
                }
                if n > 0 { places.append(n) }
            }
            caps[key] = CohortStage.PlaceCap(total: places.reduce(0, +), perCohort: places.count)
        }
        return caps
    }

    /// Stage C — dates, forums and visits for cohorts and teams — and the price: a whole plan but for its bound.
    private func assemble(_ a: CohortStage.Outcome, _ b: FacilitatorStage.Outcome, advisers: AdviserStage.Outcome,
                          inductions: AssessorStage.Outcome, _ run: Run) -> Plan {
        let baseline = settings.baseline, ctx = run.ctx
        let diary = Diary(ctx)
        var dating = SessionDating(ctx: ctx, diary: diary, baseline: baseline).run(b.cohorts, teams: b.teams, crews: b.crews)
        // A new plan's dates are then priced and improved by a model; re-planning keeps them near the old ones.
        var datingModels: [ModelStats] = []
        if baseline == nil {
            // A quarter of the plan's gap, of what the plan costs at least, shared by the six half-terms.
            let atLeast = run.otherCosts + max(0, b.stats?.bound ?? 0)
            let better = DatingModel(ctx: ctx, diary: diary, hooks: run.stoppable, timeLimit: run.budget.forDates(), exporter: run.exporter,
                                     tolerance: settings.gap / 4 * atLeast / Double(HalfTerm.allCases.count))
                .improve(dating.sessions, cohorts: b.cohorts, teams: b.teams)
            dating.sessions = better.sessions
            datingModels = better.stats
        }
        let forums = run.forumStage.run(diary: diary, chosen: advisers.forums, supportDays: advisers.supportDays(ctx), baseline: baseline)
        let (visits, visitUnmet) = VisitDating(ctx: ctx, baseline: baseline).run(advisers.primary, diary: diary)
        let gathered = EventGathering(ctx: ctx, diary: diary, baseline: baseline, crews: b.crews)
            .run(dating.sessions, unmet: dating.unmet, cohorts: b.cohorts, teams: b.teams)
        let cohorts = b.cohorts.map { c in
            var cohort = PlanCohort(id: c.id, programme: c.programme.id, authority: c.authority, venue: c.venue?.id,
                       facilitators: b.teams[c.id] ?? [],
                       schools: c.schools.map { SchoolPlaces(school: $0.0, participants: $0.1) }
                           + c.joiners.map { SchoolPlaces(school: $0.school, participants: $0.participants, from: $0.from) },
                       continues: run.continuation?.continues[c.id])
            cohort.starts = c.starts
            return cohort
        }
        var draft = Plan(scenario: scenario.name, year: scenario.yearLabel, status: .noProof, objective: 0, bound: 0, gap: 0,
                         seconds: 0, costs: [:], cohorts: cohorts, sessions: gathered.sessions, forums: forums.forums,
                         adviserAssignments: visits,
                         unmet: a.unmet + b.unmet + gathered.unmet + advisers.unmet + forums.unmet + visitUnmet + inductions.unmet,
                         models: datingModels)
        draft.inductionReviews = inductions.planned ? inductions.reviews : nil
        draft.events = gathered.events.isEmpty ? nil : gathered.events
        return PlanCosts(scenario: scenario, lastYear: settings.lastYear).priced(draft)
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

    /// Each half-term's dating model: two seconds at most, less when time is short (the first
    /// pass's dates stand if it ends without a cheaper answer, so any limit is safe).
    func forDates() -> Double { min(2, max(0.1, (remaining - reserve) / 6)) }

    /// The team model: what is left after the reserve (its start makes any limit safe).
    func forTeams() -> Double { max(0.2, remaining - reserve) }
}
