import Foundation
import HubModel
import Solver
import Testing
@testable import Planner

/// The planner against an exact joint model (`JointOracle`) of the same
/// decisions, on small scenarios that stress it (issue 14):
///
/// - bound valid: `plan.bound ≤ oracle` — the oracle's optimum, dated by
///   `OracleRealisation`, is a plan the checker accepts at that very cost
///   (asserted), so a bound above it is wrong, not merely loose; and the same
///   with advisers allowed to split a school (`splitAdvisers`), which the
///   checker also accepts;
/// - oracle below the plan: `oracle ≤ plan.objective`, asserted only when the
///   plan has the oracle's shape (`planShapeProblems` empty). A plan that uses
///   substitutes, prices unfilled places or leaves sessions or visit days
///   unmet is priced by rules the oracle does not model — a substitute may be
///   cheaper than the member it replaces, and an unfilled place costs
///   `w.unmet` once while the oracle must drop the whole cohort — so such a
///   plan may legitimately cost less than the oracle;
/// - plan within 1% of the oracle (the issue's goal; may fail on today's
///   planner: each case prints its figures).
///
/// `HUBPLAN_ORACLE_TABLE=1 swift test --filter OracleTests/table` prints every
/// case's figures as a table; `HUBPLAN_ORACLE_LADDER=1 … OracleTests/ladderS`
/// compares the ladder's S (slow: minutes).
@Suite struct OracleTests {
    /// One case's figures.
    struct Row {
        var name: String
        var oracle: JointOracle.Result
        var plan: Plan
        var violations: [PlanViolation]
        var shape: [String]
        /// The oracle's optimum as a dated plan, when a greedy pass could date it.
        var realised: Plan?
        var realisedViolations: [PlanViolation]

        /// How far the plan is above the oracle, in what the oracle models (all but the costs of the dates chosen).
        var trueGap: Double { oracle.total > 0 ? plan.withoutDates / oracle.total - 1 : 0 }
        var line: String {
            String(format: "%@ | oracle %.2f%@%@ | plan %.2f | bound %.2f | true gap %.3f%% | reported gap %.3f%% | bound−oracle %.2f%@",
                   name, oracle.total, oracle.isOptimal ? "" : " (not proven)", realised == nil ? " (not dated)" : "", plan.objective, plan.bound, 100 * trueGap,
                   100 * plan.gap, plan.bound - oracle.total, shape.isEmpty ? "" : " | not oracle-shaped: \(shape.count)")
        }
    }

    /// Plans `scenario` (carrying on `lastYear`'s cohorts when given) and solves the oracle.
    static func run(_ name: String, _ scenario: Scenario, lastYear: Plan? = nil) throws -> Row {
        // The oracle models cohorts, teams, advisers and forums; Appropriate Body work has
        // its own exact test (AssessorTests), so it is left out here.
        var s = scenario
        s.assessors = []
        var settings = Planner.Settings(timeLimit: 60, gap: s.solver.gap)
        settings.lastYear = lastYear
        let plan = try Planner(scenario: s, settings: settings).plan()
        let oracle = try JointOracle(scenario: s, lastYear: lastYear.map(lastYearCohorts) ?? []).solve()
        let realised = OracleRealisation(scenario: s, oracle: oracle, lastYear: lastYear).plan()
        let checker = PlanChecker(scenario: s, lastYear: lastYear)
        return Row(name: name, oracle: oracle, plan: plan, violations: checker.check(plan),
                   shape: planShapeProblems(plan), realised: realised,
                   realisedViolations: realised.map { checker.check($0) } ?? [])
    }

    /// Last year's plan's cohorts as the oracle takes them.
    static func lastYearCohorts(_ plan: Plan) -> [JointOracle.LastYearCohort] {
        plan.cohorts.map { .init(id: $0.id, programme: $0.programme, venue: $0.venue, team: $0.facilitators,
                                 schools: $0.schools.map { ($0.school, $0.participants) }) }
    }

    /// Why a plan is outside the oracle's shape (see the suite's comment); empty when inside.
    static func planShapeProblems(_ plan: Plan) -> [String] {
        var out: [String] = []
        for u in plan.unmet where u.what.contains("facilitator places") || u.what.contains(": session ") || u.what.contains(" day in ") {
            out.append(u.what)
        }
        let teams = Dictionary(plan.cohorts.map { ($0.id, Set($0.facilitators)) }, uniquingKeysWith: { a, _ in a })
        // An event's crew is not its cohorts' teams.
        for s in plan.sessions where s.event == nil && Set(s.facilitators) != teams[s.cohort] {
            out.append("cohort \(s.cohort) session \(s.session): substitute(s)")
        }
        return out
    }

    /// The assertions every case must meet.
    static func assertAll(_ r: Row) {
        let oracle = r.oracle.total
        print("oracle case: \(r.line)")
        if ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_SHOW"] == "1" {
            print("oracle cohorts: \(r.oracle.cohorts) events: \(r.oracle.events.map { "\($0.programme) \($0.scope) at \($0.venue ?? "-") crew \($0.crew) gathers \($0.cohorts) apart \($0.apart)" })")
        }
        #expect(r.oracle.isOptimal, "\(r.name): the oracle was not proven optimal (\(r.oracle.status.rawValue)); its bound is \(r.oracle.totalBound)")
        #expect(r.violations.isEmpty, "\(r.name): \(r.violations)")
        // The oracle's optimum, dated, is a plan the checker accepts at the oracle's cost:
        // the oracle models no cost and allows no plan that the checker and PlanCosts do not.
        if let realised = r.realised {
            #expect(r.realisedViolations.isEmpty, "\(r.name): the oracle's plan breaks rules: \(r.realisedViolations)")
            #expect(abs(realised.withoutDates - oracle) <= 1e-6 * abs(oracle) + 0.01,
                    "\(r.name): PlanCosts prices the oracle's plan at \(realised.objective), the oracle at \(oracle)")
        } else {
            print("oracle case: \(r.name): the greedy dating could not date the oracle's optimum")
        }
        #expect(r.plan.bound <= oracle + 1e-6 * abs(oracle),
                "\(r.name): bound \(r.plan.bound) is above the joint optimum \(oracle) by \(r.plan.bound - oracle)")
        // Splitting a Focus School between advisers is allowed by the checker (priced by
        // w.brokenContinuity), so the adviser part of a valid bound must be below the
        // split-allowed optimum too, which is below the continuity optimum.
        #expect(r.oracle.splitAdvisers <= r.oracle.advisers + 1e-6 * abs(r.oracle.advisers))
        let withSplits = r.oracle.cohortsAndTeams + r.oracle.splitAdvisers + r.oracle.forums
        #expect(r.plan.bound <= withSplits + 1e-6 * abs(withSplits),
                "\(r.name): bound \(r.plan.bound) is above \(withSplits), the joint optimum when advisers may split schools")
        if r.shape.isEmpty {
            #expect(oracle <= r.plan.withoutDates + 1e-6 * abs(oracle) + 0.01,
                    "\(r.name): oracle \(oracle) is above the plan \(r.plan.objective): the oracle misses a rule the plan may use")
        }
        #expect(r.plan.withoutDates <= 1.01 * oracle + 0.01,
                "\(r.name): plan \(r.plan.objective) is \(String(format: "%.3f", 100 * r.trueGap))% above the joint optimum \(oracle)")
    }

    // MARK: - The oracle itself

    /// Tiny by hand (travel: Wigan town centre → V1 6 min, Leigh → V1 25 min, EA1's
    /// home → S2 25 min; all from GeoPoint.travelMinutes of the coordinates):
    /// - one cohort of 20 at V1 (cap min(20, 30)), one facilitator (ppf 20): V1 hire
    ///   100 for the one in-person session; travel (14 · 6 + 6 · 25) · 0.15 = 35.10;
    ///   F1 (cheapest, lives at V1) 2 days · 300 = 600, no travel; imbalance: loads
    ///   2 and 0, mean 1, (2 − 1) · 40 = 40. Cohorts and teams: 775.10.
    /// - S2's 7 support days from EA1: 7 · (500 + 25 · 0.5) = 3,587.50.
    /// - LF in HT1 and HT4 at V1 chaired by EA1: 100 + 25 · 0.15 (S2's lead) + 0
    ///   (EA1 lives at V1) + ½ · 500 = 353.75 each, 707.50.
    @Test func tinyOracleEqualsTheHandComputation() throws {
        let s = Tiny.scenario()
        let r = try JointOracle(scenario: s).solve()
        #expect(r.isOptimal)
        #expect(abs(r.cohortsAndTeams - 775.10) < 1e-6)
        #expect(abs(r.advisers - 3_587.50) < 1e-6)
        #expect(abs(r.forums - 707.50) < 1e-6)
        #expect(abs(r.total - 5_070.10) < 1e-6)
        #expect(r.cohorts == [JointOracle.Cohort(programme: "P", venue: "V1", zones: ["WIG/Wigan": 14, "WIG/Leigh": 6], team: ["F1"])])
        #expect(r.unmetParticipants == 0)
        // Dated, the optimum is a plan the checker accepts, and PlanCosts agrees with its price.
        let realised = try #require(OracleRealisation(scenario: s, oracle: r).plan())
        #expect(PlanChecker(scenario: s).check(realised).isEmpty)
        #expect(abs(realised.withoutDates - r.total) < 1e-6)
        // The planner finds this plan too, so oracle and plan agree to the penny.
        let plan = try Tiny.plan(s)
        #expect(abs(plan.withoutDates - r.total) < 0.01, "plan \(plan.withoutDates), oracle \(r.total)")
    }

    /// The oracle's rules bite: with a team of two needed (ppf 10 for 20) and only
    /// one facilitator able to work, no cohort can form, and every participant is
    /// unmet — it may not leave a place unfilled.
    @Test func oracleNeverLeavesAPlaceUnfilled() throws {
        var s = Tiny.scenario()
        s.programmes[0].participantsPerFacilitator = 10
        s.facilitators[1].qualifications = []
        let r = try JointOracle(scenario: s).solve()
        #expect(r.isOptimal)
        // Two cohorts of at most 10, one place each, take everyone: F1 works 1.5 + 1.5 days
        // in HT1 (≤ 4), 0.5 + 0.5 in HT2 and 4 in the year (≤ 10).
        #expect(r.cohorts.count == 2)
        #expect(r.cohorts.allSatisfy { $0.size <= 10 && $0.team == ["F1"] })
        // With 2 days a year F1 can run one cohort of 10; the other 10 participants are unmet.
        s.facilitators[0].daysPerYear = 2
        let short = try JointOracle(scenario: s).solve()
        #expect(short.isOptimal)
        #expect(short.cohorts.count == 1)
        #expect(short.unmetParticipants == 10)
    }

    // MARK: - Against the planner

    @Test(arguments: 0..<OracleScenarios.generatedCases)
    func generatedScenario(_ index: Int) throws {
        let (name, s) = OracleScenarios.generated(index)
        Self.assertAll(try Self.run(name, s))
    }

    /// Events: several cohorts an event, rooms that seat some of them, apart at £0–£100.
    @Test(arguments: 0..<OracleScenarios.eventCases)
    func eventScenario(_ index: Int) throws {
        let (name, s) = OracleScenarios.eventCase(index)
        Self.assertAll(try Self.run(name, s))
    }

    /// Second years: last year's cohorts carried on (their members, venue while it still serves,
    /// team at w.brokenContinuity a change), newcomers joining them or new cohorts.
    @Test(arguments: 0..<OracleScenarios.continuedCases)
    func continuedScenario(_ index: Int) throws {
        let c = OracleScenarios.continuedCase(index)
        let last = try Planner(scenario: c.yearOne, settings: Planner.Settings(timeLimit: 60, gap: c.yearOne.solver.gap)).plan()
        let (name, two) = c.yearTwo(last)
        let r = try Self.run(name, two, lastYear: last)
        Self.assertAll(r)
        // The oracle carries on the cohorts the plan does (those it could not are the same in both).
        #expect(Set(r.oracle.cohorts.compactMap(\.continues)).count <= Set(r.plan.cohorts.compactMap(\.continues)).count)
    }

    /// Late starters against the oracle on the tiny intake scenarios: twelve who cannot join
    /// form a catch-up cohort, three join a cohort with room, three with no room and too few
    /// for a cohort of their own are unmet; the oracle decides each of these too.
    @Test(arguments: [(12, 8, 12, 5), (8, 6, 3, 5), (12, 8, 3, 20)])
    func lateStarters(_ a: Int, _ b: Int, _ late: Int, _ cohortMin: Int) throws {
        var s = IntakeTests.scenario(starters: (a, b), late: late)
        s.programmes[0].cohortMin = cohortMin
        let r = try Self.run("tiny, starters \(a)+\(b), \(late) late from HT2, cohorts from \(cohortMin)", s)
        Self.assertAll(r)
        let catchUp = r.oracle.cohorts.filter { $0.starts != nil }.reduce(0) { $0 + $1.size }
        let joined = r.oracle.cohorts.reduce(0) { $0 + $1.joiners.values.reduce(0, +) }
        #expect(catchUp + joined + r.oracle.unmetParticipants == late)
        #expect(catchUp == r.plan.cohorts.filter { $0.starts != nil }.reduce(0) { $0 + $1.starters })
    }

    /// Supply cover priced (£200 a participant-day): the bound prices it on every participant
    /// served and must stay below the oracle, which prices it the same way; on the hard case too.
    @Test(arguments: [0, 1])
    func supplyCoverPriced(_ which: Int) throws {
        var (name, s) = which == 0 ? OracleScenarios.generated(2) : ("S7 F14 2/2, F15 3/3", try OracleScenarios.shortFacilitatorDays())
        s.weights.releasePerDay = 200
        let r = try Self.run(name + ", supply cover £200", s)
        #expect((r.plan.costs[.schoolRelease] ?? 0) > 0)
        Self.assertAll(r)
    }

    /// Issue 14: F14 at 2/2 days and F15 at 3/3 made the bound (£222,340) exceed a
    /// plan the checker accepts (£215,064).
    @Test func issueCaseShortFacilitatorDays() throws {
        Self.assertAll(try Self.run("S7 F14 2/2, F15 3/3", OracleScenarios.shortFacilitatorDays()))
    }

    /// Issue 14: ECT1 with 10 participants per facilitator: cohorts split evenly,
    /// ignoring team sizes (plan £1.87M against a joint optimum of about £166.9k).
    @Test func issueCaseSmallTeams() throws {
        Self.assertAll(try Self.run("S7 ECT1 ppf 10", OracleScenarios.smallTeamsECT1()))
    }

    /// The ladder's S (seed 2026) against the oracle, for benchmarks/README.md (issue 14,
    /// item 6); opt in with HUBPLAN_ORACLE_LADDER=1. Measured in a debug build: the oracle
    /// proves S optimal in about 7 minutes; M (seed 2026) gave GLPK no solution in 900 s,
    /// so it is not attempted here.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_LADDER"] == "1"))
    func ladderS() throws {
        let r = try Self.run("ladder S seed 2026", ScenarioGenerator(size: .s, seed: 2026).scenarios()[0].scenario)
        Self.assertAll(r)
    }

    /// The advisers-and-forums part of M's optimum with and without chairing counted
    /// against advisers' days (`adviser-capacity`). The joint model's cohorts-and-teams
    /// part does not involve advisers, so M's optimum moves by exactly this difference.
    /// Opt in with HUBPLAN_ORACLE_LADDER=1; prints both figures.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_LADDER"] == "1"))
    func ladderMChairing() throws {
        let s = ScenarioGenerator(size: .m, seed: 2026).scenarios()[0].scenario
        let oracle = JointOracle(scenario: s)
        let counted = try oracle.solveAdvisers(split: false)
        var noForums = s
        noForums.forums = []
        let apart = try JointOracle(scenario: noForums).solveAdvisers(split: false).objective
            + oracle.forumOptions().reduce(0) { $0 + min($1.pairs.map(\.cost).min() ?? s.weights.unmet, s.weights.unmet) }
        print(String(format: "ladder M advisers and forums: chairing counted %.2f (%@), not counted %.2f, difference %.2f",
                     counted.objective, counted.status.rawValue, apart, counted.objective - apart))
        #expect(counted.status == .optimal)
        #expect(counted.objective >= apart - 1e-6)
    }

    /// Prints every case's figures for quoting; opt in with HUBPLAN_ORACLE_TABLE=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_TABLE"] == "1"))
    func table() throws {
        var cases = [("S7 F14 2/2, F15 3/3", try OracleScenarios.shortFacilitatorDays()), ("S7 ECT1 ppf 10", try OracleScenarios.smallTeamsECT1())]
        cases += (0..<OracleScenarios.generatedCases).map { OracleScenarios.generated($0) }
        cases += (0..<OracleScenarios.eventCases).map { OracleScenarios.eventCase($0) }
        // Second years: (name, scenario, last year's plan).
        var runs: [(String, Scenario, Plan?)] = cases.map { ($0.0, $0.1, nil) }
        for k in 0..<OracleScenarios.continuedCases {
            let c = OracleScenarios.continuedCase(k)
            let last = try Planner(scenario: c.yearOne, settings: Planner.Settings(timeLimit: 60, gap: c.yearOne.solver.gap)).plan()
            let (name, two) = c.yearTwo(last)
            runs.append((name, two, last))
        }
        var lines = ["| case | oracle | plan objective | plan bound | true gap | reported gap | bound valid | plan in oracle's shape | oracle dated and checked | adviser split saves | events: oracle gathered / apart, plan gathered / apart; late starters | oracle s |",
                     "|---|---:|---:|---:|---:|---:|---|---|---|---:|---|---:|"]
        for (name, s, lastYear) in runs {
            let r = try Self.run(name, s, lastYear: lastYear)
            // Cohorts gathered into events and held apart, in the oracle's optimum and in the plan.
            let oracleEvents = "\(r.oracle.events.reduce(0) { $0 + $1.cohorts.count }) / \(r.oracle.events.reduce(0) { $0 + $1.apart.count })"
            let gathering = Set(s.programmes.flatMap { p in p.sessions.filter { $0.gathers != nil }.map { "\(p.id)|\($0.number)" } })
            let atEvents = r.plan.sessions.filter { gathering.contains("\($0.programme)|\($0.session)") }
            let planEvents = "\(atEvents.filter { $0.event != nil }.count) / \(atEvents.filter { $0.event == nil }.count)"
                + "; late starters joined / in catch-up cohorts: oracle \(r.oracle.cohorts.reduce(0) { $0 + $1.joiners.values.reduce(0, +) })"
                + " / \(r.oracle.cohorts.filter { $0.starts != nil }.reduce(0) { $0 + $1.size }), plan"
                + " \(r.plan.cohorts.reduce(0) { $0 + $1.schools.filter { $0.from != nil }.reduce(0) { $0 + $1.participants } })"
                + " / \(r.plan.cohorts.filter { $0.starts != nil }.reduce(0) { $0 + $1.starters })"
            lines.append(String(format: "| %@ | %.2f%@ | %.2f | %.2f | %.3f%% | %.3f%% | %@ | %@ | %@ | %.2f | %@ | %.1f |", r.name, r.oracle.total,
                                r.oracle.isOptimal ? "" : " (unproven)", r.plan.objective, r.plan.bound, 100 * r.trueGap, 100 * r.plan.gap,
                                r.plan.bound <= r.oracle.total + 1e-6 * abs(r.oracle.total) ? "yes" : "NO",
                                r.shape.isEmpty ? "yes" : "no (\(r.shape.count))",
                                r.realised == nil ? "not dated" : (r.realisedViolations.isEmpty ? "yes" : "NO"),
                                r.oracle.advisers - r.oracle.splitAdvisers, oracleEvents + ", " + planEvents, r.oracle.seconds))
            #expect(r.oracle.isOptimal)
        }
        print(lines.joined(separator: "\n"))
    }
}

/// Cases of the oracle sweep where the stages, each optimal on its own, made a poor plan
/// together, and the planner now forms cohorts again to mend it.
///
/// E36: one facilitator is the mentors' only one and can take ECTs too.
/// Stage A formed two ECT cohorts of 15 near their schools (in a room of 15), and the team
/// stage gave them that facilitator's days: 25 of 45 mentors went unplaced (£519,888, where
/// the oracle found £139,998). The ECTs, formed again with one place fewer, fit three
/// cohorts of up to 28, and the facilitator's 16 days then hold one ECT cohort and four
/// mentor cohorts of 10 (a cohort of 11 would need two of them), three of which gather for
/// the induction day (38 a facilitator): 5 mentors and at most one ECT unplaced.
@Suite struct ReformingTests {
    /// A case without Appropriate Body work (the oracle leaves it out), planned, and its plan
    /// accepted by the checker.
    static func checkedPlan(_ scenario: Scenario) throws -> (Scenario, Plan) {
        var s = scenario
        s.assessors = []
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        return (s, plan)
    }

    /// Participants the plan leaves unmet, of one programme or of all.
    static func unmet(_ plan: Plan, _ programme: String? = nil) -> Double {
        plan.unmet.filter { item in
            guard case let .participants(p, _, _) = item.subject else { return false }
            return programme.map { $0 == p } ?? true
        }.reduce(0) { $0 + $1.amount }
    }

    /// The oracle sweep's E76: ECT1 online (ppf 10, cohorts 12–28) in three authorities; HT1's
    /// six-hour conference leaves its three facilitators (3, 3 and 4 days that half-term) six
    /// places, 60 seats, for Warrington's 26 and Wigan's 42 (Halton's 11 are fewer than a
    /// cohort), so at least 19 are unmet. Wigan's cohorts of 22 and 19 each had a team of two:
    /// the first was cut to 20 and its two went unmet while the second had a seat free (20
    /// unmet, 3.4% above the oracle). Now whoever is cut for a short team takes such a seat.
    @Test func participantsCutForAShortTeamTakeASeatAnotherTeamHasFree() throws {
        let (s, plan) = try Self.checkedPlan(OracleScenarios.eventCase(76).scenario)
        #expect(Self.unmet(plan, "ECT1") == 19)
        let ect = try #require(s.programmes.first { $0.id == "ECT1" })
        for cohort in plan.cohorts where cohort.programme == "ECT1" {
            let cut = plan.unmet.contains { item in
                guard case let .teamShort(authority, "ECT1", _, _, _, _) = item.reason else { return false }
                return authority == cohort.authority
            }
            let seated = cohort.schools.reduce(0) { $0 + $1.participants }
            let seats = min(ect.cohortMax, cohort.facilitators.count * ect.participantsPerFacilitator)
            #expect(!cut || seated == seats, "\(cohort.id): \(seated) of \(seats) seats taken while its authority's participants are cut")
        }
    }

    /// The oracle sweep's G94: MENT1's induction day (HT1) gathers and is crewed apart from
    /// the team; F07 (£350) is away all HT1 and so was never a candidate for the team, which
    /// took F05 (£400) for every other session (1.3% above the oracle). A team need be free
    /// only in the half-terms it works.
    @Test func aTeamNeedNotBeFreeInTheHalfTermOfTheEventItsCrewWorks() throws {
        let (_, plan) = try Self.checkedPlan(OracleScenarios.generated(94).scenario)
        let mentors = try #require(plan.cohorts.first { $0.programme == "MENT1" })
        #expect(mentors.facilitators == ["F07"])
        let induction = plan.sessions.filter { $0.cohort == mentors.id && $0.session == 1 }
        #expect(!induction.isEmpty && induction.allSatisfy { $0.event != nil && !$0.facilitators.contains("F07") })
    }

    /// The oracle sweep's E53 after the split above: ECT1 (ppf 7) as cohorts of 18, 14 and 14
    /// starters, late starters joining two of them (21 and 20 by the year's end, three places
    /// each; the other 14, two places); a hall of 35. The event gathered 18 + 14 and held apart
    /// the cohort of three places, whose whole team then worked the day, while a gathered cohort
    /// had a seat free (2.1% above the oracle). Now the cohort with the smaller team is held
    /// apart and hands a starter to the gathered cohort's free seat: 33 gather, 13 apart.
    @Test func theCohortApartHasTheSmallerTeamAndGivesTheGatheredItsFreeSeats() throws {
        let (_, plan) = try Self.checkedPlan(OracleScenarios.eventCase(53).scenario)
        let event = try #require(plan.events?.first { $0.programme == "ECT1" })
        let gathered = Set(plan.sessions.filter { $0.event == event.id }.map(\.cohort))
        let ect = plan.cohorts.filter { $0.programme == "ECT1" }
        let apart = ect.filter { !gathered.contains($0.id) }
        #expect(apart.count == 1 && apart.allSatisfy { $0.facilitators.count == 2 })
        #expect(ect.filter { gathered.contains($0.id) }.allSatisfy { $0.facilitators.count == 3 })
        #expect(event.participants == 33)
        #expect(plan.costs[.eventsApart] == 1300)
    }

    /// The oracle sweep's E124: Wigan's ECT1 online, 22 starters and 9 late starters (6 in
    /// January, 3 in April, too few for a catch-up cohort), cohorts of 12 to 28. Keeping seats
    /// for the late starters cut the starters' largest cohort to 19, and 22 were split into two
    /// cohorts of 11, which the checker rejects (the plan below the oracle's optimum, and wrong).
    /// Now the seats kept never leave the starters unable to form whole cohorts.
    @Test func seatsKeptForLateStartersNeverSplitTheStartersBelowTheSmallestCohort() throws {
        let (s, plan) = try Self.checkedPlan(OracleScenarios.eventCase(124).scenario)
        let ect = try #require(s.programmes.first { $0.id == "ECT1" })
        let wigan = plan.cohorts.filter { $0.programme == "ECT1" && $0.authority == "WIG" }
        #expect(!wigan.isEmpty)
        for c in wigan {
            let starters = c.schools.filter { $0.from == nil }.reduce(0) { $0 + $1.participants }
            #expect(starters >= ect.cohortMin, "\(c.id) starts with \(starters)")
        }
    }

    @Test func aGroupSharingTheOnlyFacilitatorOfAnotherGivesUpAPlace() throws {
        let (_, plan) = try Self.checkedPlan(OracleScenarios.eventCase(36).scenario)
        #expect(Self.unmet(plan, "MENT1") <= 5)
        #expect(Self.unmet(plan, "ECT1") <= 1)
        let mentors = plan.cohorts.filter { $0.programme == "MENT1" }
        #expect(mentors.count == 4 && mentors.allSatisfy { $0.facilitators == ["F04"] })
    }

    /// E61: Halton's and Wigan's ECT1 groups are both short of facilitators and share F01,
    /// the only one with days left (4 a year). Wigan's 41 took two cohorts, the second with
    /// F01, and Halton's whole cohort of 15 went unmet (£433,090.85, 10.2% above the
    /// oracle's £392,986.30). Wigan's first cohort has room for all but 13 of its members,
    /// so F01 serves more in Halton: Wigan gives up its second place.
    @Test func aShortGroupGivesUpAPlaceAnotherShortGroupServesMoreWith() throws {
        let (_, plan) = try Self.checkedPlan(OracleScenarios.eventCase(61).scenario)
        #expect(Self.unmet(plan) <= 15)
        #expect(plan.cohorts.contains { $0.programme == "ECT1" && $0.authority == "HAL" && $0.facilitators == ["F01"] })
    }

    /// E56: 41 new mentors at 12 a facilitator. Two cohorts of 21 and 20 need two different
    /// people each: F06 (£300) took one place on each team, and the dearer F07 one
    /// (£8,412.10, 1.6% above the oracle's £8,262.10). Four cohorts of 10–11 need one
    /// person each, and F06 has the days for all four.
    @Test func cohortsAreSplitSoTheirTeamsNeedFewerPeople() throws {
        let (_, plan) = try Self.checkedPlan(OracleScenarios.eventCase(56).scenario)
        let mentors = plan.cohorts.filter { $0.programme == "MENT1" }
        #expect(mentors.count == 4 && mentors.allSatisfy { $0.facilitators == ["F06"] })
        #expect(plan.withoutDates <= 8262.10 + 0.01)
    }

    /// G80: 47 ECTs online at 12 a facilitator, in two cohorts of 24 and 23, need two
    /// people each: F08 and F17 on both teams left F17 one place for Wigan's 20 mentors, whose
    /// rooms (17 and 12) need two cohorts, and 3 went unmet (£117,253.17, 98.8% above the
    /// oracle's £58,988.37). Three ECT cohorts, one of two places and two of one, let F08
    /// take three places and free F17 for Wigan's second cohort.
    @Test func aGroupSplitForItsTeamsFreesSomeoneAnotherGroupNeeds() throws {
        let (_, plan) = try Self.checkedPlan(OracleScenarios.generated(80).scenario)
        #expect(!plan.unmet.contains { if case let .participants(p, _, _) = $0.subject { p == "MENT1" } else { false } })
        #expect(plan.cohorts.filter { $0.programme == "ECT1" }.count == 3)
        #expect(plan.withoutDates <= 58988.37 + 0.01)
    }

    /// E53: 46 ECTs start in September; their welcome conference gathers them (27 a
    /// facilitator, £100 for each one held apart) but the largest hall seats 35. Stage A formed
    /// two cohorts of 25 and 21: one gathered and 21 were held apart with their team of four
    /// (£32,081.50, 4.6% above the oracle's £30,664.50). Split into three, two cohorts fill
    /// more of the hall and fewer are held apart.
    @Test func aGroupWhoseEventCannotGatherAllIsSplitSoMoreGather() throws {
        let (s, plan) = try Self.checkedPlan(OracleScenarios.eventCase(53).scenario)
        let event = try #require(plan.events?.first { $0.programme == "ECT1" })
        #expect(event.participants > 25 && event.participants <= 35)
        #expect(plan.cohorts.filter { $0.programme == "ECT1" }.count == 3)
        #expect((plan.costs[.eventsApart] ?? 0) < 21 * s.weights.eventApart)
    }
}

/// More generated cases than the fixed ones, to look for planner failures: opt in with
/// `HUBPLAN_ORACLE_SWEEP=FROM-TO` (generated cases FROM..<TO and event cases FROM..<TO, each
/// a different scenario from the table's). Asserts what the table does — the bound valid, the plan accepted by the checker —
/// and, for plans in the oracle's shape, the issue's 2% limit; prints every case.
@Suite struct OracleSweep {
    /// FROM..<TO from HUBPLAN_ORACLE_SWEEP; the 8 cases after the table's by default.
    static var range: Range<Int> {
        let bounds = (ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_SWEEP"] ?? "").split(separator: "-").compactMap { Int($0) }
        return bounds.count == 2 && bounds[0] < bounds[1] ? bounds[0]..<bounds[1] : OracleScenarios.generatedCases..<(OracleScenarios.generatedCases + 8)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_SWEEP"] != nil))
    func sweep() throws {
        let range = Self.range
        let cases = range.map { OracleScenarios.generated($0) } + range.map { OracleScenarios.eventCase($0) }
        var worst = 0.0
        for (name, s) in cases {
            let r = try OracleTests.run(name, s)
            print("oracle sweep: " + r.line)
            if ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_SHOW"] == "1" {
                print("oracle cohorts: \(r.oracle.cohorts) events: \(r.oracle.events.map { "\($0.programme) \($0.scope) at \($0.venue ?? "-") crew \($0.crew) gathers \($0.cohorts) apart \($0.apart)" })")
            }
            #expect(r.plan.bound <= r.oracle.total + 1e-6 * abs(r.oracle.total), "\(name): bound above the optimum")
            #expect(r.violations.isEmpty, "\(name): \(r.violations)")
            if r.shape.isEmpty && r.oracle.isOptimal {
                #expect(r.trueGap <= 0.02, "\(name): plan \(100 * r.trueGap)% above the optimum")
                worst = max(worst, r.trueGap)
            }
        }
        print(String(format: "oracle sweep: %d cases, worst true gap %.3f%%", cases.count, 100 * worst))
    }
}

/// Writes the generated oracle cases as scenario folders, to try them with the command line.
@Suite struct OracleCaseFolders {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_DUMP"] != nil))
    func writeCases() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_DUMP"]!)
        // The table's cases, and the sweep's when HUBPLAN_ORACLE_SWEEP is set too.
        let sweep = ProcessInfo.processInfo.environment["HUBPLAN_ORACLE_SWEEP"] == nil ? [] : Array(OracleSweep.range)
        let cases = (Array(0..<OracleScenarios.generatedCases) + sweep).map { ("G\($0)", OracleScenarios.generated($0).scenario) }
            + (Array(0..<OracleScenarios.eventCases) + sweep).map { ("E\($0)", OracleScenarios.eventCase($0).scenario) }
        for (name, generated) in cases {
            var s = generated
            // The cases are cut down in memory; drop what refers to what was cut, as files must.
            let programmes = Set(s.programmes.map(\.id))
            let people = Set(s.facilitators.map(\.id) + s.advisers.map(\.id) + s.venues.map(\.id))
            s.history = s.history.filter { programmes.contains($0.programme) }
            s.unavailability = s.unavailability.filter { people.contains($0.who) }
            for k in s.facilitators.indices { s.facilitators[k].qualifications.formIntersection(programmes) }
            // A file may not give more days a half-term than a year (the generator may): the year's
            // limit binds every half-term anyway, so the case is the same.
            for k in s.facilitators.indices {
                s.facilitators[k].daysPerHalfTerm = min(s.facilitators[k].daysPerHalfTerm, s.facilitators[k].daysPerYear)
            }
            // The generator may give a school two rows for one programme and intake, which a file
            // may not have (enrolment.csv: "duplicate"): one row each, their participants added.
            var merged: [Enrolment] = []
            for e in s.enrolment {
                if let k = merged.firstIndex(where: { $0.school == e.school && $0.programme == e.programme && $0.intake == e.intake }) {
                    merged[k].participants += e.participants
                } else {
                    merged.append(e)
                }
            }
            s.enrolment = merged
            // A second year whose first was cut continues nothing here (no last year's plan is given either).
            for k in s.programmes.indices where s.programmes[k].continues.map({ !programmes.contains($0) }) ?? false {
                s.programmes[k].continues = nil
            }
            let dir = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try ScenarioWriter.write(s, to: dir)
            // The folder loads as written: `hubplan plan` takes it as it is.
            #expect(throws: Never.self, "\(name)") { _ = try ScenarioLoader.load(dir) }
        }
    }
}

extension Plan {
    /// The plan's cost less the costs of the dates it chose, which the oracle does not model
    /// (they are never negative, so the oracle's optimum stays below every plan's cost).
    var withoutDates: Double { objective - CostTerm.fromDates.reduce(0) { $0 + (costs[$1] ?? 0) } }
}
