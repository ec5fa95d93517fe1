import Foundation
import HubModel
import Testing
@testable import Planner

/// A second year of a two-year programme: the tiny scenario's programme P is
/// year 1, and year 2 (P2, the same pattern) continues it from last year's plan.
@Suite struct ContinuationTests {
    /// Last year: P's cohorts, planned from the tiny scenario.
    static let yearOne = Tiny.scenario(participants: [20, 15, 15])

    /// This year: P2 continues P, with `enrolled` participants per school (S1, S2, S3).
    static func yearTwo(_ enrolled: [Int]) -> Scenario {
        var s = yearOne
        var p2 = s.programmes[0]
        p2.id = "P2"
        p2.continues = "P"
        s.programmes = [p2]
        s.enrolment = zip(s.schools, enrolled).map { Enrolment(school: $0.id, programme: "P2", participants: $1) }
        for i in s.facilitators.indices { s.facilitators[i].qualifications = ["P2"] }
        return s
    }

    static func plan(_ s: Scenario, lastYear: Plan?) throws -> Plan {
        var settings = Planner.Settings(timeLimit: 30, gap: 0.01)
        settings.lastYear = lastYear
        return try Planner(scenario: s, settings: settings).plan()
    }

    /// Participants per school in a plan's cohorts.
    static func placed(_ c: PlanCohort) -> [String: Int] {
        Dictionary(c.schools.map { ($0.school, $0.participants) }, uniquingKeysWith: +)
    }

    @Test func everyCohortGoesOnWithItsMembersVenueAndTeam() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        let s = Self.yearTwo([20, 15, 15])
        let plan = try Self.plan(s, lastYear: last)
        #expect(PlanChecker(scenario: s, lastYear: last).check(plan).isEmpty)
        #expect(plan.cohorts.count == last.cohorts.count)
        for old in last.cohorts {
            let new = try #require(plan.cohorts.first { $0.continues == old.id }, "\(old.id) is not carried on")
            #expect(new.id == Continuation.continuedId(old.id, from: "P", to: "P2"))
            #expect(Self.placed(new) == Self.placed(old))
            #expect(new.venue == old.venue)
            #expect(Set(new.facilitators) == Set(old.facilitators))
        }
        #expect(plan.costs[.brokenContinuity] == 0)
        let carried = try #require(plan.carriedOver)
        #expect(carried.allSatisfy { $0.left == 0 && $0.joined == 0 && $0.teamLeft.isEmpty })
    }

    /// A continuing programme's first session gathers its cohorts in a hall that seats only some:
    /// the cohorts are not re-sized to fit it (their members stay together), and the checker agrees.
    @Test func continuedCohortsAreNotResizedForAnEvent() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        var s = Self.yearTwo([20, 15, 15])
        s.programmes[0].sessions[0].gathers = .hub
        s.programmes[0].sessions[0].perFacilitator = 25
        s.venues[0].rooms[0].capacity = 30
        let plan = try Self.plan(s, lastYear: last)
        #expect(PlanChecker(scenario: s, lastYear: last).check(plan).isEmpty, "\(PlanChecker(scenario: s, lastYear: last).check(plan))")
        for old in last.cohorts {
            let new = try #require(plan.cohorts.first { $0.continues == old.id })
            #expect(Self.placed(new) == Self.placed(old))
        }
    }

    /// Two of S1's twenty have left: the cohort that held S1 is smaller and nobody else moves.
    @Test func leaversLeaveTheirCohortSmaller() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        let s = Self.yearTwo([18, 15, 15])
        let plan = try Self.plan(s, lastYear: last)
        #expect(PlanChecker(scenario: s, lastYear: last).check(plan).isEmpty)
        let carried = try #require(plan.carriedOver)
        #expect(carried.reduce(0) { $0 + $1.left } == 2)
        #expect(carried.reduce(0) { $0 + $1.joined } == 0)
        #expect(carried.reduce(0) { $0 + $1.stayed } == 48)
    }

    /// A cohort with fewer members than the smallest cohort goes on; planned afresh its
    /// members could not meet at all. The bound must stay below the continued plan.
    @Test func aCohortBelowTheSmallestSizeGoesOnAndTheBoundStaysValid() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        let s = Self.yearTwo([3, 0, 0])
        let plan = try Self.plan(s, lastYear: last)
        #expect(PlanChecker(scenario: s, lastYear: last).check(plan).isEmpty)
        let continued = plan.cohorts.filter { $0.continues != nil }
        #expect(!continued.isEmpty)
        #expect(continued.reduce(0) { $0 + $1.participants } == 3)
        #expect(continued.allSatisfy { $0.participants < s.programmes[0].cohortMin })
        #expect(plan.unmet.isEmpty)
        #expect(plan.boundParts.values.reduce(0, +) <= plan.objective + 0.01)
        // Planned afresh, three participants are too few for a cohort.
        let afresh = try Self.plan(s, lastYear: nil)
        #expect(afresh.unmet.reduce(0) { $0 + $1.amount } == 3)
        #expect(plan.objective < afresh.objective)
        // Without last year's plan, the checker does not accept the small cohort.
        #expect(PlanChecker(scenario: s).check(plan).contains { $0.rule == .continuedCohort })
    }

    /// Two joiners at S2 take free places; twenty more at S3 than any cohort has room
    /// for form a new cohort of their own.
    @Test func joinersTakeFreePlacesThenFormANewCohort() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        let few = try Self.plan(Self.yearTwo([20, 17, 15]), lastYear: last)
        #expect(few.cohorts.count == last.cohorts.count)
        #expect(try #require(few.carriedOver).reduce(0) { $0 + $1.joined } == 2)
        let s = Self.yearTwo([20, 15, 35])
        let many = try Self.plan(s, lastYear: last)
        #expect(PlanChecker(scenario: s, lastYear: last).check(many).isEmpty)
        #expect(many.cohorts.reduce(0) { $0 + $1.participants } + Int(many.unmet.reduce(0) { $0 + $1.amount }) == 70)
        let fresh = many.cohorts.filter { $0.continues == nil }
        #expect(!fresh.isEmpty)
        #expect(Set(many.cohorts.map(\.id)).count == many.cohorts.count)
        #expect(try #require(many.carriedOver).contains { $0.from == nil && $0.cohort == fresh[0].id })
    }

    /// Online, twelve newcomers beside a continued cohort of 10 with room for 10 more (one
    /// facilitator per 10, cohorts of 8–20): filling its room leaves 2 too few for a cohort of
    /// their own (unmet), so the cheapest is that 4 join it (a second place) and 8 form a cohort
    /// (one place) — two places, as for a new cohort of all 12; among equals, the most join.
    @Test func onlineNewcomersJoinOnlyWhatLeavesTheRestACohort() {
        var p = Tiny.scenario().programmes[0]
        (p.cohortMin, p.cohortMax, p.participantsPerFacilitator) = (8, 20, 10)
        let continued = CohortStage.Cohort(id: "P2-WIG-01", programme: p, authority: "WIG", venue: nil, schools: [("S1", 10)], authorities: ["WIG"])
        let joining = OnlineJoining(programme: p, free: [CohortStage.FreePlaces(continued)], placeCost: 1_000, unmet: 20_000)
        #expect(joining.cost(joining: 10, of: 12) == 1_000 + 2 * 20_000)
        #expect(joining.cost(joining: 4, of: 12) == 2_000)
        #expect(joining.cost(joining: 0, of: 12) == 2_000)
        let (joined, rest) = joining.join([("S2", 7), ("S3", 5)])
        #expect(joined["P2-WIG-01"]?.reduce(0) { $0 + $1.1 } == 4)
        #expect(rest.reduce(0) { $0 + $1.1 } == 8)
    }

    /// A facilitator who has left the hub is replaced; each one not kept costs brokenContinuity.
    @Test func aTeamMemberWhoLeftIsReplacedAndTheChangeCosted() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        let gone = try #require(last.cohorts.first?.facilitators.first)
        var s = Self.yearTwo([20, 15, 15])
        s.facilitators.removeAll { $0.id == gone }
        s.facilitators.append(Facilitator(id: "F3", name: "Cy", homeTown: "Wigan", home: Tiny.wigan, qualifications: ["P2"],
                                          daysPerHalfTerm: 6, daysPerYear: 20, dayRate: 350, employerSchool: nil))
        let plan = try Self.plan(s, lastYear: last)
        #expect(PlanChecker(scenario: s, lastYear: last).check(plan).isEmpty)
        let dropped = try #require(plan.carriedOver).reduce(0) { $0 + $1.teamLeft.count }
        #expect(dropped >= 1)
        #expect(plan.costs[.brokenContinuity] == Double(dropped) * s.weights.brokenContinuity)
        #expect(!plan.cohorts.contains { $0.facilitators.contains(gone) })
    }

    @Test func theCheckerCatchesAContinuationThatIsNotLastYears() throws {
        let last = try Self.plan(Self.yearOne, lastYear: nil)
        let s = Self.yearTwo([20, 15, 15])
        var plan = try Self.plan(s, lastYear: last)
        plan.cohorts[0].continues = "P-WIG-99"
        #expect(PlanChecker(scenario: s, lastYear: last).check(plan).contains { $0.message.contains("no P cohort of last year's plan") })
        if plan.cohorts.count > 1 {
            plan.cohorts[0].continues = plan.cohorts[1].continues
            #expect(PlanChecker(scenario: s, lastYear: last).check(plan).contains { $0.message.contains("more than one cohort") })
        }
    }
}
