import Foundation
import HubModel
import Testing
@testable import Planner

/// Events (issue 16): a pattern that gathers cohorts is held once, in one room, on one
/// date, with one team, and priced and checked as one booking.
@Suite struct EventTests {
    /// The tiny scenario's 50 participants in three cohorts, their first day gathered
    /// hub-wide (one facilitator per 25), in a hall that seats 60.
    static func scenario(gathering: Bool) -> Scenario {
        var s = Tiny.scenario(participants: [20, 15, 15])
        s.venues[0].rooms[0].capacity = 60
        if gathering {
            s.programmes[0].sessions[0].gathers = .hub
            s.programmes[0].sessions[0].perFacilitator = 25
        }
        return s
    }

    @Test func theCohortsMeetOnceWithOneTeamAndTheChecksPass() throws {
        let s = Self.scenario(gathering: true)
        let plan = try Tiny.plan(s)
        let first = plan.sessions.filter { $0.session == 1 }
        #expect(plan.cohorts.count == 3)
        #expect(first.count == 3)
        #expect(Set(first.map(\.event)) == ["P-1-hub"])
        #expect(Set(first.map(\.date)).count == 1)
        #expect(Set(first.map { "\($0.venue ?? "") \($0.room ?? "")" }).count == 1)
        #expect(first.allSatisfy { $0.facilitators.count == 2 })
        #expect(plan.events == [PlanEvent(id: "P-1-hub", programme: "P", session: 1, scope: "hub",
                                          cohorts: plan.cohorts.map(\.id).sorted(), participants: 50)])
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        // Each cohort's next session comes after the event.
        for c in plan.cohorts {
            let mine = plan.sessions.filter { $0.cohort == c.id }.sorted { $0.session < $1.session }
            #expect(zip(mine, mine.dropFirst()).allSatisfy { $0.date < $1.date })
        }
        #expect(plan.boundParts.values.reduce(0, +) <= plan.objective + 0.01)
    }

    /// A hall of 40 cannot seat all 50: the largest cohorts it seats gather, the rest meet
    /// apart, the event says so, and only those apart pay the penalty.
    @Test func whenNoRoomSeatsAllTheLargestCohortsThatFitGather() throws {
        var s = Self.scenario(gathering: true)
        s.venues[0].rooms[0].capacity = 40
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty, "\(PlanChecker(scenario: s).check(plan))")
        // The cohorts that seat the most in the hall (every subset tried).
        let sizes: [Int] = plan.cohorts.map(\.participants)
        var fitted = 0
        for mask in 0..<(1 << sizes.count) {
            let seated: Int = sizes.indices.filter { mask & (1 << $0) != 0 }.map { sizes[$0] }.reduce(0, +)
            if seated <= 40 { fitted = max(fitted, seated) }
        }
        let event = try #require(plan.events?.first)
        #expect(event.participants == fitted)
        #expect(event.notGathered?.hasPrefix("no room seats all 50 participants: \(fitted) gathered, cohort") == true)
        let first = plan.sessions.filter { $0.session == 1 }
        #expect(first.filter { $0.event == nil }.count >= 1)
        #expect(first.filter { $0.event == "P-1-hub" }.map(\.participants).reduce(0, +) == fitted)
        #expect(first.filter { $0.event == nil }.map(\.participants).reduce(0, +) == 50 - fitted)
        #expect(plan.costs[.eventsApart] == Double(50 - fitted) * s.weights.eventApart)
        #expect(plan.bound <= plan.objective + 0.01)
    }

    /// Two facilitator days and one hire for the event, against a day and a hire for each
    /// of three cohorts apart: the priced plan says so, term by term.
    @Test func anEventIsPaidOnce() throws {
        let s = Self.scenario(gathering: true)
        let plan = try Tiny.plan(s)
        let event = try #require(plan.sessions.first { $0.event != nil })
        var apart = plan
        apart.events = nil
        apart.sessions = plan.sessions.map { var x = $0; x.event = nil; return x }
        let together = PlanCosts(scenario: s).price(plan), separate = PlanCosts(scenario: s).price(apart)
        let rates = event.facilitators.compactMap { f in s.facilitators.first { $0.id == f }?.dayRate }.reduce(0, +)
        let w = s.weights
        #expect(abs((separate.byTerm[.facilitatorDays] ?? 0) - (together.byTerm[.facilitatorDays] ?? 0) - 2 * rates * w.staffDays) < 0.01)
        #expect(abs((separate.byTerm[.venueHire] ?? 0) - (together.byTerm[.venueHire] ?? 0) - 2 * s.venues[0].dayCost * w.venueHire) < 0.01)
        // Apart, the three cohorts' copies of one booking break the room and people rules.
        let broken = Set(PlanChecker(scenario: s).check(apart).map(\.rule))
        #expect(broken.isSuperset(of: [.eventGathered, .roomDoubleBooked, .doubleBooked]))
    }

    /// A session at another scope's event breaks the rule, even when its own event is said to be held apart.
    @Test func aSessionAtAnotherScopesEventBreaksTheRule() throws {
        let s = Self.scenario(gathering: true)
        var plan = try Tiny.plan(s)
        plan.events = plan.events?.map { var e = $0; e.notGathered = "held apart"; return e }
        let i = try #require(plan.sessions.firstIndex { $0.event != nil })
        plan.sessions[i].event = "P-1-WIG"
        #expect(PlanChecker(scenario: s).check(plan).contains { $0.rule == .eventGathered && $0.message.contains("not event P-1-WIG") })
    }

    /// A catch-up cohort of late starters, which starts after the event, is not gathered into it.
    @Test func aCatchUpCohortHasNoPartInAnEarlierEvent() throws {
        var s = Self.scenario(gathering: true)
        s.enrolment = [Enrolment(school: "S1", programme: "P", participants: 12), Enrolment(school: "S2", programme: "P", participants: 8),
                       Enrolment(school: "S3", programme: "P", participants: 12, intake: .ht2)]
        let plan = try Tiny.plan(s)
        let catchUp = try #require(plan.cohorts.first { $0.starts == .ht2 })
        #expect(plan.events?.first?.cohorts.contains(catchUp.id) == false)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty, "\(PlanChecker(scenario: s).check(plan))")
    }

    /// A programme with nobody enrolled this year forms no cohort, and so holds no event.
    @Test func noCohortsNoEvent() throws {
        var s = Self.scenario(gathering: true)
        s.enrolment = []
        let plan = try Tiny.plan(s)
        #expect(plan.cohorts.isEmpty)
        #expect(plan.events == nil)
    }

    /// The cohorts that seat the most gather, not the largest first: in a hall of 30, the two
    /// cohorts of 15 (largest first would take the 20 and then no other, and gather nobody).
    @Test func theCohortsThatSeatTheMostGather() throws {
        var s = Self.scenario(gathering: true)
        s.venues[0].rooms[0].capacity = 30
        let plan = try Tiny.plan(s)
        let event = try #require(plan.events?.first)
        #expect(event.participants == 30)
        #expect(plan.sessions.filter { $0.session == 1 && $0.event != nil }.map(\.participants).sorted() == [15, 15])
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
    }

    /// An event no room can seat whole gathers what the largest room seats, a lone cohort too
    /// (one room of 9: cohorts of at least 5 cannot meet two in it); the rest meet apart and the
    /// plan says why. Before, a lone cohort was held apart as well, which the checker and the
    /// costs do not ask: the oracle sweep's G22 was 7.4% above the optimum so.
    @Test func anEventNoRoomSeatsGathersWhatTheLargestRoomSeats() throws {
        var s = Self.scenario(gathering: true)
        s.venues[0].rooms = [Room(id: "Hall", capacity: 9)]
        let plan = try Tiny.plan(s)
        let event = try #require(plan.events?.first)
        let served = plan.cohorts.map(\.participants).reduce(0, +)
        #expect(served > 9)
        #expect(event.notGathered?.hasPrefix("no room seats all \(served) participants: ") == true, "\(event.notGathered ?? "")")
        let gathered = plan.sessions.filter { $0.event != nil }
        #expect(gathered.count == 1 && gathered[0].participants <= 9)
        #expect(plan.costs[.eventsApart] == Double(served - gathered[0].participants) * s.weights.eventApart)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
    }

    /// Two facilitators at 20 a facilitator can crew 40 of the 50: the cohorts that fill the
    /// most of those 40 gather and the rest meet apart, and the event says why. Before, the
    /// crew was planned for all 50, fell short, and every cohort met apart.
    @Test func anEventTheCrewCannotHoldGathersWhatItCan() throws {
        var s = Self.scenario(gathering: true)
        s.programmes[0].sessions[0].perFacilitator = 20
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty, "\(PlanChecker(scenario: s).check(plan))")
        let event = try #require(plan.events?.first)
        let gathered = plan.sessions.filter { $0.event != nil }
        #expect(gathered.count >= 2)
        #expect(gathered.reduce(0) { $0 + $1.participants } <= 40)
        #expect(event.notGathered?.contains("too few to crew all 50 participants") == true, "\(event.notGathered ?? "")")
    }

    /// Events are left out of the joint model but for costs no plan avoids, so the bound's
    /// parts stay below the plan, and below a plan that holds the event apart (which the
    /// rules allow when the plan says why); and the event saves money.
    /// The scenario's cohorts meeting apart for the event, which the plan says, priced in `s`.
    static func apartPlan(_ s: Scenario) throws -> Plan {
        var apart = try Tiny.plan(Self.scenario(gathering: false))
        apart.events = [PlanEvent(id: "P-1-hub", programme: "P", session: 1, scope: "hub", cohorts: apart.cohorts.map(\.id),
                                  participants: 50, notGathered: "held apart for this test")]
        apart = PlanCosts(scenario: s).priced(apart)
        #expect(PlanChecker(scenario: s).check(apart).isEmpty)
        return apart
    }

    @Test func theBoundStaysBelowEitherWayAndTheEventSaves() throws {
        let s = Self.scenario(gathering: true)
        let together = try Tiny.plan(s)
        let apart = try Self.apartPlan(s)
        let bound = together.boundParts.values.reduce(0, +)
        #expect(bound > 0)
        #expect(bound <= together.objective + 0.01)
        #expect(bound <= apart.objective + 0.01)
        #expect(together.objective < apart.objective)
        // Held apart, its 50 participants miss the gathering, each at the weight.
        #expect(apart.costs[.eventsApart] == 50 * s.weights.eventApart)
        #expect(together.costs[.eventsApart] == 0)
    }

    /// One facilitator qualified, with 1.5 days for the year: the programme takes 2 (the event's
    /// day and 1 more), whoever works the event, so no cohort can be staffed and the plan's cost
    /// is its unmet participants. The bound knows: a cohort held apart needs its event's day from
    /// a facilitator's limits too, one facilitator at least (before, that day was only priced, in
    /// part: the bound was £604,841 against the plan's £1,004,295; the oracle's case E6 went from
    /// 94% to 0.37%). The programme mixes authorities so that its hub-wide event is in the bound.
    @Test func theBoundCountsTheDayOfAnEventHeldApart() throws {
        var s = Self.scenario(gathering: true)
        s.weights.eventApart = 0
        s.programmes[0].crossAuthority = true
        (s.facilitators[0].daysPerHalfTerm, s.facilitators[0].daysPerYear) = (1.5, 1.5)
        s.facilitators[1].qualifications = []
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        #expect(plan.cohorts.isEmpty)
        #expect(plan.bound <= plan.objective + 0.01)
        #expect(plan.gap < 0.01, "bound \(plan.bound), plan \(plan.objective)")
    }

    /// The same, but the programme's cohorts stay in their authority, so its hub-wide event
    /// is shared by the bound's groups: each counts the crew in proportion to those it gathers
    /// (a plan's crew of C for G gathered is C·g/G of a day per group). By hand: a cohort takes
    /// 1 day of Ann's 1.5 without the event; held apart, the event is one more day (too many);
    /// gathered, g participants take g/25 of a day, so at most 12 (1 + 12/25 ≤ 1.5) are served
    /// and at least 38 of the 50 are unmet. Before, the event was left out of the bound here and
    /// it counted 30 unmet (£604,841).
    @Test func theBoundCountsASharedEventsCrewInProportion() throws {
        var s = Self.scenario(gathering: true)
        s.weights.eventApart = 0
        (s.facilitators[0].daysPerHalfTerm, s.facilitators[0].daysPerYear) = (1.5, 1.5)
        s.facilitators[1].qualifications = []
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        #expect(plan.bound <= plan.objective + 0.01)
        #expect(plan.bound >= 38 * s.weights.unmet, "bound \(plan.bound)")
    }

    /// With no penalty for meeting apart, the bound may count on nothing the event alone
    /// costs, and still holds for both plans.
    @Test func theBoundHoldsWhenApartIsFree() throws {
        var s = Self.scenario(gathering: true)
        s.weights.eventApart = 0
        let together = try Tiny.plan(s)
        let apart = try Self.apartPlan(s)
        #expect(apart.costs[.eventsApart] == 0)
        #expect(together.bound <= apart.objective + 0.01)
        #expect(together.bound <= together.objective + 0.01)
    }
}
