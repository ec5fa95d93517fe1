import Foundation
import HubModel
import Testing
@testable import Planner

/// Each hard rule on its own, in the style of Timefold's ConstraintVerifier: the
/// tiny scenario's plan keeps it, and one small change breaks it. Every rule id
/// needs an entry in `breakers`, so a rule without a test fails here.
@Suite struct RuleTests {
    typealias Breaker = @Sendable (inout Scenario, inout Plan) throws -> Void

    static let scenario = Tiny.scenario(participants: [20, 15, 15])

    /// The rule's own check, alone, on a scenario and plan.
    static func verify(_ id: RuleID, _ s: Scenario, _ plan: Plan) throws -> [String] {
        let rule = try #require(PlanChecker.rules.first { type(of: $0).id == id })
        return rule.check(PlanFacts(scenario: s, plan: plan))
    }

    static func inPerson(_ p: Plan) throws -> Int { try #require(p.sessions.firstIndex { !$0.online }) }
    static func online(_ p: Plan) throws -> Int { try #require(p.sessions.firstIndex { $0.online }) }
    static var secondVenue: Venue {
        var v = scenario.venues[0]
        v.id = "V2"
        v.authority = "HAL"
        return v
    }

    static let breakers: [RuleID: Breaker] = [
        // Supply cover now priced at £200 a day; the plan still states what it cost at £0.
        .dateCosts: { s, _ in s.weights.releasePerDay = 200 },
        .unknownReference: { _, p in p.sessions[0].facilitators = ["F99"] },
        .cohortSize: { _, p in p.cohorts[0].schools[0].participants += 30 },
        .travelLimit: { s, _ in s.solver.maxTravelMinutes = 0 },
        .cohortAuthority: { s, p in
            s.authorities.append(LocalAuthority(id: "HAL", name: "Halton"))
            s.schools.append(School(id: "S4", name: "Runcorn", authority: "HAL", town: "Runcorn", phase: .primary, location: Tiny.leigh))
            p.cohorts[0].schools.append(SchoolPlaces(school: "S4", participants: 1))
        },
        .overEnrolled: { _, p in p.cohorts[0].schools[0].participants += 1 },
        // The tiny programme continues none, so no cohort of it can carry one on.
        .continuedCohort: { _, p in p.cohorts[0].continues = "P-WIG-01" },
        .participantsUnaccounted: { _, p in
            let gone = p.cohorts.removeFirst()
            p.sessions.removeAll { $0.cohort == gone.id }
        },
        .sessionMissing: { _, p in p.sessions.removeFirst() },
        .sessionDuplicate: { _, p in p.sessions.append(p.sessions[0]) },
        .sessionUnknown: { _, p in p.sessions[0].session = 9 },
        .sessionHalfTerm: { _, p in p.sessions[try inPerson(p)].halfTerm = .ht2 },
        // A day shortened to a morning: cheaper than the programme's day.
        .sessionTime: { _, p in p.sessions[try inPerson(p)].hours = 3 },
        .sessionOrder: { _, p in
            let c = p.cohorts[0].id
            let i1 = try #require(p.sessions.firstIndex { $0.cohort == c && $0.session == 1 })
            let i2 = try #require(p.sessions.firstIndex { $0.cohort == c && $0.session == 2 })
            (p.sessions[i1].date, p.sessions[i2].date) = (p.sessions[i2].date, p.sessions[i1].date)
        },
        .sessionParticipants: { _, p in p.sessions[0].participants += 1 },
        .termDates: { _, p in p.sessions[0].date = Tiny.d(9, 5) },  // a Saturday
        .facilitatorCount: { _, p in p.sessions[0].facilitators = [] },
        .qualification: { s, p in
            s.facilitators.append(Facilitator(id: "F9", name: "New", homeTown: "Wigan", home: Tiny.wigan, qualifications: [],
                                              daysPerHalfTerm: 5, daysPerYear: 10, dayRate: 300, employerSchool: nil))
            p.sessions[0].facilitators = ["F9"]
        },
        .availability: { s, p in
            let x = p.sessions[0]
            s.unavailability = [Unavailability(who: x.facilitators[0], from: x.date, to: x.date, reason: "ill")]
        },
        .onlineVenue: { _, p in p.sessions[try online(p)].venue = "V1" },
        .venueMissing: { _, p in p.sessions[try inPerson(p)].venue = nil },
        .venueContinuity: { s, p in
            s.venues.append(secondVenue)
            p.sessions[try inPerson(p)].venue = "V2"
        },
        .venueWeekday: { s, p in s.venues[0].weekdays.remove(p.sessions[try inPerson(p)].date.weekday) },
        .venueAvailability: { s, p in
            let day = p.sessions[try inPerson(p)].date
            s.unavailability = [Unavailability(who: "V1", from: day, to: day, reason: "boiler")]
        },
        .roomMissing: { _, p in p.sessions[try inPerson(p)].room = "Nowhere" },
        .roomCapacity: { _, p in p.sessions[try inPerson(p)].room = "Room 2" },
        .facilitatorYearLoad: { s, p in
            let f = p.sessions[0].facilitators[0]
            s.facilitators = s.facilitators.map { var x = $0; if x.id == f { x.daysPerYear = 0.5 }; return x }
        },
        .facilitatorTermLoad: { s, p in
            let f = p.sessions[try inPerson(p)].facilitators[0]
            s.facilitators = s.facilitators.map { var x = $0; if x.id == f { x.daysPerHalfTerm = 0.5 }; return x }
        },
        // The first session becomes an event; the plan still holds it cohort by cohort.
        .eventGathered: { s, _ in s.programmes[0].sessions[0].gathers = .hub },
        .forumMissing: { _, p in p.forums.removeFirst() },
        .forumDuplicate: { _, p in p.forums.append(p.forums[0]) },
        .forumAttendees: { _, p in p.forums[0].attendees = 1 },
        .forumVenue: { s, p in
            s.venues.append(secondVenue)
            p.forums[0].venue = "V2"
        },
        .forumChair: { s, _ in s.advisers[0].authorities = ["HAL"] },
        .adviserCoverage: { s, _ in s.advisers[0].authorities = ["HAL"] },
        .visitLength: { _, p in p.adviserAssignments[0].days = 3 },
        .adviserCapacity: { s, _ in s.advisers[0].capacityDays = 1 },
        .supportDays: { _, p in p.adviserAssignments.removeAll { $0.halfTerm == .ht3 } },
        .doubleBooked: { _, p in
            let first = p.sessions[0]
            let i = try #require(p.sessions.firstIndex { $0.cohort != first.cohort && $0.halfTerm == first.halfTerm && $0.session == first.session })
            p.sessions[i].date = first.date
            p.sessions[i].facilitators = first.facilitators
        },
        .dailyLoad: { _, p in
            // A full day's session and, the same day, another cohort's twilight with the same facilitator.
            let day = p.sessions[try inPerson(p)]
            let i = try #require(p.sessions.firstIndex { $0.online && $0.cohort != day.cohort })
            p.sessions[i].date = day.date
            p.sessions[i].facilitators = day.facilitators
        },
        .roomDoubleBooked: { _, p in
            let a = p.sessions[try inPerson(p)]
            let i = try #require(p.sessions.firstIndex { !$0.online && $0.cohort != a.cohort })
            p.sessions[i].date = a.date
            p.sessions[i].room = a.room
        },
        .inductionCoverage: { s, _ in
            // Inductions and an assessor, and a plan without their reviews.
            s.programmes.append(Programme(id: "AB", name: "Inductions", kind: .appropriateBody, cohortMin: 1, cohortMax: 500,
                                          participantsPerFacilitator: 500, crossAuthority: true, sessions: []))
            s.enrolment.append(Enrolment(school: "S1", programme: "AB", participants: 2))
            s.assessors = [Assessor(id: "AS1", name: "Dee", homeTown: "Wigan", home: Tiny.wigan, hoursPerHalfTerm: 20, hourlyRate: 40)]
        },
        .assessorHours: { s, p in
            s.assessors = [Assessor(id: "AS1", name: "Dee", homeTown: "Wigan", home: Tiny.wigan, hoursPerHalfTerm: 1, hourlyRate: 40)]
            let day = try #require(s.calendar.teachingDays(authority: "WIG", halfTerm: .ht2).last)
            p.inductionReviews = [InductionReview(school: "S1", assessor: "AS1", halfTerm: .ht2, date: day, inductions: 4, hours: 2, kind: "progress review")]
        },
        .reviewDeadline: { _, p in
            p.inductionReviews = [InductionReview(school: "S1", assessor: "AS1", halfTerm: .ht2, date: Tiny.d(11, 3), inductions: 1, hours: 0.5,
                                                  kind: "progress review")]
        },
        .unmetAmount: { _, p in
            let s = p.sessions.removeFirst()
            p.unmet.append(UnmetItem(.session(cohort: s.cohort, number: s.session, halfTerm: s.halfTerm), amount: 1, reason: .other("test")))
        },
    ]

    @Test(arguments: RuleID.allCases)
    func ruleIsKeptByTheTinyPlanAndBrokenByOneChange(_ id: RuleID) throws {
        let good = try Tiny.plan(Self.scenario)
        #expect(try Self.verify(id, Self.scenario, good).isEmpty, "the tiny plan breaks \(id.rawValue)")
        guard let breaker = Self.breakers[id] else {
            Issue.record("no test breaks \(id.rawValue)")
            return
        }
        var s = Self.scenario, bad = good
        try breaker(&s, &bad)
        #expect(!(try Self.verify(id, s, bad)).isEmpty, "the change does not break \(id.rawValue)")
        // The checker reports it under the rule's id.
        #expect(PlanChecker(scenario: s).check(bad).contains { $0.rule == id })
    }

    /// A morning session and a twilight share a facilitator and a room on one day: no clash.
    @Test func aMorningAndATwilightOnOneDayAreAllowed() throws {
        var s = Self.scenario
        s.programmes[0].sessions[0].hours = 3  // 09:00–12:00: a morning
        var plan = try Tiny.plan(s)
        let morning = plan.sessions[try Self.inPerson(plan)]
        #expect(morning.parts == .morning)
        let i = try #require(plan.sessions.firstIndex { $0.online && $0.cohort != morning.cohort })
        plan.sessions[i].date = morning.date
        plan.sessions[i].facilitators = morning.facilitators
        #expect(plan.sessions[i].parts == .twilight)
        let found = Set(PlanChecker(scenario: s).check(plan).map(\.rule))
        #expect(!found.contains(.doubleBooked))
        #expect(!found.contains(.dailyLoad))
    }

    @Test func dayPartsFollowStartAndHours() {
        #expect(DayParts(start: "09:00", hours: 6) == .schoolDay)
        #expect(DayParts(start: "09:00", hours: 6).words == "full day")
        #expect(DayParts(start: "15:45", hours: 1.5) == .twilight)
        #expect(DayParts(start: "13:00", hours: 2) == .afternoon)
        #expect(DayParts(start: "13:00", hours: 4).words == "afternoon and twilight")
        #expect(DayParts(start: "12:00", hours: 0.5) == .morning)
    }

    @Test func everyIdHasExactlyOneRule() {
        let ids = PlanChecker.rules.map { type(of: $0).id }
        #expect(Set(ids) == Set(RuleID.allCases))
        #expect(ids.count == RuleID.allCases.count)
    }

    @Test func everyRuleIsStatedInDocsModel() throws {
        let doc = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/model.md").standardized, encoding: .utf8)
        for rule in PlanChecker.rules {
            let id = type(of: rule).id.rawValue
            #expect(doc.contains("`\(id)`"), "docs/model.md does not name \(id)")
            #expect(type(of: rule).sentence.hasSuffix("."))
        }
    }

    // Listing unmet demand in full is what lets a plan leave something out.

    @Test func participantsLeftOutAreAccountedForOnlyInFull() throws {
        var plan = try Tiny.plan(Self.scenario)
        let gone = plan.cohorts.removeFirst()
        plan.sessions.removeAll { $0.cohort == gone.id }
        let subject = UnmetSubject.participants(programme: "P", authority: "WIG", town: "Wigan")
        plan.unmet.append(UnmetItem(subject, amount: Double(gone.participants - 1), reason: .other("test")))
        #expect(!(try Self.verify(.participantsUnaccounted, Self.scenario, plan)).isEmpty)
        plan.unmet[plan.unmet.count - 1].amount = Double(gone.participants)
        #expect(PlanChecker(scenario: Self.scenario).check(plan).isEmpty)
    }

    @Test func aSessionListedUnmetInFullIsAccepted() throws {
        var plan = try Tiny.plan(Self.scenario)
        let s = plan.sessions.removeFirst()
        plan.unmet.append(UnmetItem(.session(cohort: s.cohort, number: s.session, halfTerm: s.halfTerm), amount: Double(s.participants),
                                    reason: .other("test")))
        #expect(PlanChecker(scenario: Self.scenario).check(plan).isEmpty)
    }

    @Test func supportDaysListedUnmetForLessThanTheShortfallAreCaught() throws {
        var plan = try Tiny.plan(Self.scenario)
        plan.adviserAssignments.removeAll { $0.halfTerm == .ht3 }
        plan.unmet.append(UnmetItem(.supportDay(school: "S2", kind: .visit, halfTerm: .ht3), amount: 0.25, reason: .other("test")))
        let found = Set(PlanChecker(scenario: Self.scenario).check(plan).map(\.rule))
        #expect(!found.contains(.supportDays))
        #expect(found.contains(.unmetAmount))
    }

    @Test func aForumListedUnmetWithNoAmountIsCaught() throws {
        var plan = try Tiny.plan(Self.scenario)
        let f = plan.forums.removeFirst()
        plan.unmet.append(UnmetItem(.forum(series: f.forum, scope: f.scope, halfTerm: f.halfTerm), amount: 0, reason: .other("test")))
        #expect(!(try Self.verify(.unmetAmount, Self.scenario, plan)).isEmpty)
    }

    /// The checker matches unmet items by their typed subject, never by their words.
    @Test func unmetWordsDoNotExcuseAMissingSession() throws {
        var plan = try Tiny.plan(Self.scenario)
        let s = plan.sessions.removeFirst()
        plan.unmet.append(UnmetItem(.participants(programme: "P", authority: nil, town: "cohort \(s.cohort): session \(s.session)"),
                                    amount: 100, reason: .other("test")))
        #expect(!(try Self.verify(.sessionMissing, Self.scenario, plan)).isEmpty)
    }
}
