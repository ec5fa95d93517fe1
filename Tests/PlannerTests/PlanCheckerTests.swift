import Foundation
import HubModel
import Testing
@testable import Planner

/// The checker on hand-made bad plans: each violation class is caught.
@Suite struct PlanCheckerTests {
    let scenario = Tiny.scenario(participants: [20, 15, 15])

    func goodPlan() throws -> Plan {
        let plan = try Tiny.plan(scenario)
        #expect(PlanChecker(scenario: scenario).check(plan).isEmpty)
        return plan
    }

    func rules(_ plan: Plan) -> Set<String> { Set(PlanChecker(scenario: scenario).check(plan).map(\.rule)) }

    @Test func catchesFacilitatorDoubleBooked() throws {
        var plan = try goodPlan()
        let first = plan.sessions[0]
        let i = try #require(plan.sessions.firstIndex { $0.cohort != first.cohort && $0.halfTerm == first.halfTerm && $0.session == first.session })
        plan.sessions[i].date = first.date
        plan.sessions[i].facilitators = first.facilitators
        #expect(rules(plan).contains("double-booked"))
    }

    @Test func catchesRoomDoubleBooked() throws {
        var plan = try goodPlan()
        let inPerson = plan.sessions.filter { !$0.online }
        let a = inPerson[0]
        let i = try #require(plan.sessions.firstIndex { !$0.online && $0.cohort != a.cohort })
        plan.sessions[i].date = a.date
        plan.sessions[i].room = a.room
        #expect(rules(plan).contains("room-double-booked"))
    }

    @Test func catchesRoomTooSmall() throws {
        var plan = try goodPlan()
        let i = try #require(plan.sessions.firstIndex { !$0.online })
        plan.sessions[i].room = "Room 2"
        #expect(rules(plan).contains("room-capacity"))
    }

    @Test func catchesUnqualifiedFacilitator() throws {
        var s = scenario
        s.facilitators.append(Facilitator(id: "F9", name: "New", homeTown: "Wigan", home: Tiny.wigan, qualifications: [],
                                          daysPerHalfTerm: 5, daysPerYear: 10, dayRate: 300, employerSchool: nil))
        var plan = try goodPlan()
        plan.sessions[0].facilitators = ["F9"]
        #expect(Set(PlanChecker(scenario: s).check(plan).map(\.rule)).contains("qualification"))
    }

    @Test func catchesDateOutsideTeachingDays() throws {
        var plan = try goodPlan()
        plan.sessions[0].date = "2026-09-05"  // a Saturday
        #expect(rules(plan).contains("term-dates"))
        plan.sessions[0].date = "2026-11-10"  // HT2, not HT1
        #expect(rules(plan).contains("term-dates"))
    }

    @Test func catchesSessionsOutOfOrder() throws {
        var plan = try goodPlan()
        let c = plan.cohorts[0].id
        let i1 = try #require(plan.sessions.firstIndex { $0.cohort == c && $0.session == 1 })
        let i2 = try #require(plan.sessions.firstIndex { $0.cohort == c && $0.session == 2 })
        (plan.sessions[i1].date, plan.sessions[i2].date) = (plan.sessions[i2].date, plan.sessions[i1].date)
        #expect(rules(plan).contains("session-order"))
    }

    @Test func catchesFacilitatorOverTermLoad() throws {
        var s = scenario
        s.facilitators[0].daysPerHalfTerm = 0.5
        let plan = try goodPlan()
        let all = Set(PlanChecker(scenario: s).check(plan).map(\.rule))
        #expect(all.contains("facilitator-term-load") || !plan.sessions.contains { $0.facilitators.contains("F1") && $0.halfTerm == "HT1" })
    }

    @Test func catchesUnavailableFacilitator() throws {
        var s = scenario
        let plan = try goodPlan()
        let session = plan.sessions[0]
        let day = Day(iso: session.date)!
        s.unavailability = [Unavailability(who: session.facilitators[0], from: day, to: day, reason: "ill")]
        #expect(Set(PlanChecker(scenario: s).check(plan).map(\.rule)).contains("availability"))
    }

    @Test func catchesMissingSession() throws {
        var plan = try goodPlan()
        plan.sessions.removeFirst()
        #expect(rules(plan).contains("session-missing"))
    }

    @Test func catchesMissingForum() throws {
        var plan = try goodPlan()
        plan.forums.removeFirst()
        #expect(rules(plan).contains("forum-missing"))
    }

    @Test func catchesMissingSupportDays() throws {
        var plan = try goodPlan()
        plan.adviserAssignments.removeAll { $0.halfTerm == "HT3" }
        #expect(rules(plan).contains("support-days"))
    }

    @Test func catchesCohortTooBig() throws {
        var plan = try goodPlan()
        plan.cohorts[0].schools.append(SchoolPlaces(school: "S1", participants: 30))
        let found = rules(plan)
        #expect(found.contains("cohort-size"))
        #expect(found.contains("over-enrolled"))
    }

    @Test func catchesVenueClosedOnThatWeekday() throws {
        var s = scenario
        let plan = try goodPlan()
        let session = try #require(plan.sessions.first { !$0.online })
        s.venues[0].weekdays.remove(Day(iso: session.date)!.weekday)
        #expect(Set(PlanChecker(scenario: s).check(plan).map(\.rule)).contains("venue-weekday"))
    }

    @Test func catchesTooFewFacilitators() throws {
        var plan = try goodPlan()
        plan.sessions[0].facilitators = []
        #expect(rules(plan).contains("facilitator-count"))
    }

    // Unmet demand is a cost: a plan may leave something out only by counting all of it.

    @Test func catchesParticipantsLeftOutWithoutBeingCounted() throws {
        var plan = try goodPlan()
        let gone = plan.cohorts.removeFirst()
        plan.sessions.removeAll { $0.cohort == gone.id }
        #expect(rules(plan).contains("participants-unaccounted"))
        plan.unmet.append(UnmetItem(what: "Wigan (WIG), P: participants", amount: Double(gone.participants - 1), reason: "test"))
        #expect(rules(plan).contains("participants-unaccounted"))
        plan.unmet[plan.unmet.count - 1].amount = Double(gone.participants)
        #expect(!rules(plan).contains("participants-unaccounted"))
    }

    @Test func catchesASessionListedUnmetForTooFewParticipants() throws {
        var plan = try goodPlan()
        let s = plan.sessions.removeFirst()
        plan.unmet.append(UnmetItem(what: "cohort \(s.cohort): session \(s.session) (\(s.halfTerm))", amount: 1, reason: "test"))
        #expect(rules(plan).contains("unmet-amount"))
        plan.unmet[plan.unmet.count - 1].amount = Double(s.participants)
        #expect(rules(plan).isEmpty)
    }

    @Test func catchesAForumListedUnmetWithNoAmount() throws {
        var plan = try goodPlan()
        let f = plan.forums.removeFirst()
        plan.unmet.append(UnmetItem(what: "forum \(f.forum) \(f.scope) \(f.halfTerm)", amount: 0, reason: "test"))
        #expect(rules(plan).contains("unmet-amount"))
    }

    @Test func catchesAForumSeatingFewerThanItsAttendees() throws {
        var plan = try goodPlan()
        plan.forums[0].attendees = 1
        #expect(rules(plan).contains("forum-attendees"))
    }

    @Test func catchesSupportDaysListedUnmetForLessThanTheShortfall() throws {
        var plan = try goodPlan()
        plan.adviserAssignments.removeAll { $0.halfTerm == "HT3" }
        plan.unmet.append(UnmetItem(what: "Focus School S2: visit day in HT3", amount: 0.25, reason: "test"))
        let found = rules(plan)
        #expect(!found.contains("support-days"))
        #expect(found.contains("unmet-amount"))
    }

    @Test func catchesAVisitLongerThanADay() throws {
        var plan = try goodPlan()
        plan.adviserAssignments[0].days = 3
        #expect(rules(plan).contains("visit-length"))
    }
}
