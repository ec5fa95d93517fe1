import Foundation
import HubModel
import Testing
@testable import Planner

/// What dates cost (``DateCosts``), the dating model that lowers it, and the checker's
/// own reckoning of it (`date-costs`).
@Suite struct DateCostTests {
    /// The tiny plan with its three sessions put on chosen days.
    static func tinyPlan(_ s: Scenario, _ days: [Day]) throws -> Plan {
        var plan = try Tiny.plan(s)
        for (k, d) in days.enumerated() {
            let i = try #require(plan.sessions.firstIndex { $0.session == k + 1 })
            plan.sessions[i].date = d
        }
        return PlanCosts(scenario: s).priced(plan)
    }

    /// By hand: session 1 (in person, 09:00, 6 h) on Mon 14 Sep, 2 (online twilight) on
    /// Tue 22 Sep, 3 (online twilight) on Mon 9 Nov; 20 participants, 6 of them from S3, the
    /// secondary school, whose phase avoids 14 Sep.
    /// - supply cover: session 1 only, 20 × 1 day × £200 = £4,000;
    /// - avoid day: 6 × £100 = £600;
    /// - spacing: 8 days (6 short of 14) × £5 = £30, then 48 days (within 14–84) £0;
    /// - weekday: two Mondays and a Tuesday, one off × £20 = £20.
    @Test func aPlanIsPricedAsWorkedByHand() throws {
        var s = Tiny.scenario(participants: [8, 6, 6])
        s.weights.releasePerDay = 200
        s.calendar.closures.append(Closure(day: Tiny.d(9, 14), authority: nil, kind: .avoid, description: "mocks", phase: .secondary))
        let plan = try Self.tinyPlan(s, [Tiny.d(9, 14), Tiny.d(9, 22), Tiny.d(11, 9)])
        #expect(plan.costs[.schoolRelease] == 4_000)
        #expect(plan.costs[.avoidDays] == 600)
        #expect(plan.costs[.sessionSpacing] == 30)
        #expect(plan.costs[.weekdayChanges] == 20)
        #expect(plan.costs[.schoolDayClashes] == 0)
        #expect(PlanChecker(scenario: s).check(plan).filter { $0.rule == .dateCosts }.isEmpty)
        // The checker works the same figures out on its own: change a weight, and it notices.
        s.weights.spacingPerDay = 6
        #expect(PlanChecker(scenario: s).check(plan).map(\.rule).contains(.dateCosts))
    }

    /// A school's own INSET day keeps the day open to everyone else, and its own teachers
    /// out that day cost as an avoid day: 6 participants from S3 × £100.
    @Test func aSchoolsOwnInsetDayIsAvoidedForItsTeachersOnly() throws {
        var s = Tiny.scenario(participants: [8, 6, 6])
        s.calendar.closures.append(Closure(day: Tiny.d(9, 14), authority: nil, kind: .inset, description: "S3's INSET", school: "S3"))
        #expect(s.calendar.teachingDays(authority: "WIG", halfTerm: .ht1).contains(Tiny.d(9, 14)))
        let plan = try Self.tinyPlan(s, [Tiny.d(9, 14), Tiny.d(9, 22), Tiny.d(11, 9)])
        #expect(plan.costs[.avoidDays] == 600)
        #expect(plan.calendar?.sessionsOnAvoidDays == 1)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        // Planned afresh, the session keeps off the day.
        let planned = try Tiny.plan(s)
        #expect(planned.costs[.avoidDays] == 0)
    }

    /// A second cohort out of a school on the same day costs one clash per school it shares.
    @Test func twoCohortsOutOfOneSchoolOnADayClash() throws {
        let s = Tiny.scenario(participants: [8, 6, 6])
        var plan = try Self.tinyPlan(s, [Tiny.d(9, 14), Tiny.d(9, 22), Tiny.d(11, 9)])
        var twin = plan.cohorts[0]
        twin.id = "twin"
        twin.schools = [SchoolPlaces(school: "S1", participants: 3), SchoolPlaces(school: "S3", participants: 2)]
        plan.cohorts.append(twin)
        var session = try #require(plan.sessions.first { $0.session == 1 })
        session.cohort = "twin"
        plan.sessions.append(session)
        let priced = PlanCosts(scenario: s).priced(plan)
        #expect(priced.costs[.schoolDayClashes] == 2 * s.weights.schoolDayClash)
        #expect(priced.calendar?.schoolDayClashes == 2)
    }

    /// Moved off its day, a session is moved back by the dating model: the cost of the
    /// plan's dates falls and the plan still keeps every rule.
    @Test func theDatingModelUndoesABadDate() throws {
        let s = ScenarioGenerator(size: .s, seed: 7).scenarios()[0].scenario
        let plan = try Planner(scenario: s, settings: Planner.Settings(timeLimit: 30, gap: 0.01)).plan()
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        let ctx = PlanningContext(s)
        let teams = Dictionary(plan.cohorts.map { ($0.id, $0.facilitators) }, uniquingKeysWith: { a, _ in a })
        // A session its team runs (online, so no room is involved), moved to a free day on
        // another weekday where that costs more.
        let diary = Self.diary(plan, ctx)
        let cohortsById = Dictionary(plan.cohorts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cost = { (p: Plan) in CostTerm.fromDates.reduce(0) { $0 + (p.costs[$1] ?? 0) } }
        var worse = plan
        search: for (i, session) in plan.sessions.enumerated() where session.online && Set(session.facilitators) == Set(teams[session.cohort] ?? []) {
            let c = try #require(cohortsById[session.cohort])
            let authorities = Array(Set(c.schools.compactMap { ctx.schoolById[$0.school]?.authority }))
            let neighbours = plan.sessions.filter { $0.cohort == session.cohort && abs($0.session - session.session) == 1 }.map(\.date)
            for d in ctx.teachingDays(authorities, session.halfTerm) where d.weekday != session.date.weekday
                && neighbours.allSatisfy({ ($0 < session.date) == ($0 < d) && $0 != d })
                && session.facilitators.allSatisfy({ diary.isFree($0, d, session.parts, days: StaffDays(hours: session.hours).days) }) {
                var trial = plan
                trial.sessions[i].date = d
                trial = PlanCosts(scenario: s).priced(trial)
                if cost(trial) > cost(plan) {
                    worse = trial
                    break search
                }
            }
        }
        #expect(cost(worse) > cost(plan))
        #expect(PlanChecker(scenario: s).check(worse).isEmpty)
        let cohorts = try plan.cohorts.map { c in
            CohortStage.Cohort(id: c.id, programme: try #require(s.programmes.first { $0.id == c.programme }), authority: c.authority,
                               venue: c.venue.flatMap { ctx.venueById[$0] }, schools: c.schools.map { ($0.school, $0.participants) },
                               authorities: Array(Set(c.schools.compactMap { ctx.schoolById[$0.school]?.authority })).sorted())
        }
        let better = DatingModel(ctx: ctx, diary: Self.diary(worse, ctx), timeLimit: 10)
            .improve(worse.sessions, cohorts: cohorts, teams: teams)
        var fixed = worse
        fixed.sessions = better.sessions
        fixed = PlanCosts(scenario: s).priced(fixed)
        #expect(cost(fixed) < cost(worse))
        #expect(!better.stats.isEmpty)
        #expect(PlanChecker(scenario: s).check(fixed).isEmpty)
    }

    /// A diary with the plan's sessions and forums booked.
    static func diary(_ plan: Plan, _ ctx: PlanningContext) -> Diary {
        let diary = Diary(ctx)
        for s in plan.sessions {
            for f in s.facilitators { diary.book(f, s.date, s.parts, days: StaffDays(hours: s.hours).days) }
            if let v = s.venue.flatMap({ ctx.venueById[$0] }), let r = v.rooms.first(where: { $0.id == s.room }) { diary.bookRoom(v, r, s.date, s.parts) }
        }
        for f in plan.forums {
            if let v = ctx.venueById[f.venue], let r = v.rooms.first(where: { $0.id == f.room }) { diary.bookRoom(v, r, f.date, DayParts(start: f.start, hours: f.hours)) }
        }
        return diary
    }
}
