import Foundation
import HubModel
import Testing
@testable import Planner

/// Intakes (issue 16): late starters join a cohort with room from their intake, or form a
/// catch-up cohort that meets the sessions from then on, or are unmet with the reason.
/// The tiny programme P meets in HT1 (a day and a twilight) and HT2 (a twilight); cohorts
/// take 5 to 20.
@Suite struct IntakeTests {
    /// The tiny scenario with starters at S1 and S2, and late starters at S3 from HT2.
    static func scenario(starters: (Int, Int), late: Int) -> Scenario {
        var s = Tiny.scenario(participants: [starters.0, starters.1, 0])
        s.enrolment.removeAll { $0.participants == 0 }
        s.enrolment.append(Enrolment(school: "S3", programme: "P", participants: late, intake: .ht2))
        return s
    }

    static func checked(_ s: Scenario) throws -> Plan {
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty, "\(PlanChecker(scenario: s).check(plan))")
        #expect(plan.boundParts.values.reduce(0, +) <= plan.objective + 0.01)
        return plan
    }

    /// Starters who fill a cohort leave seats for late starters too few for a cohort of their own.
    @Test func cohortsKeepSeatsForLateStartersWhoMustJoin() throws {
        let plan = try Self.checked(Self.scenario(starters: (12, 8), late: 3))
        #expect(plan.unmet.isEmpty)
        #expect(plan.cohorts.allSatisfy { $0.participants <= 20 })
        let joiners: [SchoolPlaces] = plan.cohorts.flatMap(\.schools).filter { $0.from == .ht2 }
        #expect(joiners.map(\.participants).reduce(0, +) == 3)
    }

    /// The bound counts the seats late starters take: twenty starters fill one cohort, so three
    /// who must join need a second, and the bound prices it (before, it priced one: gap 12.7%).
    @Test func theBoundCountsTheSeatsLateStartersTake() throws {
        let plan = try Self.checked(Self.scenario(starters: (12, 8), late: 3))
        #expect(plan.cohorts.count == 2)
        #expect(plan.gap < 0.01, "gap \(plan.gap)")
    }

    @Test func aFewLateStartersJoinACohortWithRoomFromTheirIntake() throws {
        let plan = try Self.checked(Self.scenario(starters: (8, 6), late: 3))
        let c = try #require(plan.cohorts.first { $0.schools.contains { $0.from == .ht2 } })
        #expect(plan.cohorts.count == 1)
        #expect(c.schools.first { $0.school == "S3" } == SchoolPlaces(school: "S3", participants: 3, from: .ht2))
        let sessions = plan.sessions.filter { $0.cohort == c.id }.sorted { $0.session < $1.session }
        #expect(sessions.map(\.participants) == [14, 14, 17])
        #expect(plan.unmet.isEmpty)
    }

    @Test func lateStartersWithNoRoomFormACatchUpCohort() throws {
        let plan = try Self.checked(Self.scenario(starters: (12, 8), late: 12))
        let catchUp = try #require(plan.cohorts.first { $0.starts == .ht2 })
        #expect(catchUp.participants == 12)
        #expect(catchUp.schools.allSatisfy { $0.school == "S3" && $0.from == nil })
        // It meets only the HT2 session.
        #expect(plan.sessions.filter { $0.cohort == catchUp.id }.map(\.session) == [3])
        #expect(plan.unmet.isEmpty)
    }

    /// Cohorts of exactly 20 leave no room to keep for three late starters, who are too few for their own.
    @Test func tooFewForACohortAndNoRoomAreUnmetWithTheReason() throws {
        var s = Self.scenario(starters: (12, 8), late: 3)
        s.programmes[0].cohortMin = 20
        let plan = try Self.checked(s)
        let u = try #require(plan.unmet.first)
        #expect(plan.unmet.count == 1 && u.amount == 3)
        #expect(u.why.contains("starting in HT2"))
    }

    /// Seats are kept where the room, not the programme, limits a cohort: a hall of 14 holds
    /// fourteen starters, so three who start in HT2 need a second cohort's seats (as in the
    /// oracle sweep's E28, where ECT cohorts filled a room of 16 and five late starters were unmet).
    @Test func seatsAreKeptWhereTheRoomIsTheLimit() throws {
        var s = Self.scenario(starters: (8, 6), late: 3)
        s.venues[0].rooms = [Room(id: "Hall", capacity: 14), Room(id: "Room 2", capacity: 12)]
        let plan = try Self.checked(s)
        #expect(plan.unmet.isEmpty, "\(plan.unmet.map(\.why))")
        #expect(plan.cohorts.allSatisfy { $0.participants <= 14 })
    }

    /// An earlier intake leaves the seats that a later one, too few for a cohort of its own,
    /// needs: fourteen starters leave six seats; six who start in HT2 could take them all, but
    /// then the two who start in HT3 would be unmet (as in XL's hub-78, four ECTs at £20,000).
    @Test func anEarlierIntakeLeavesSeatsForALaterOneThatMustJoin() throws {
        var s = Tiny.scenario(participants: [14, 0, 0])
        s.enrolment.removeAll { $0.participants == 0 }
        s.programmes[0].cohortMin = 3
        s.programmes[0].sessions.append(SessionPattern(number: 4, halfTerm: .ht3, mode: .online, hours: 1.5, start: "15:45", title: "Twilight"))
        s.enrolment.append(Enrolment(school: "S3", programme: "P", participants: 6, intake: .ht2))
        s.enrolment.append(Enrolment(school: "S2", programme: "P", participants: 2, intake: .ht3))
        let plan = try Self.checked(s)
        #expect(plan.unmet.isEmpty, "\(plan.unmet.map(\.why))")
        let late: [SchoolPlaces] = plan.cohorts.flatMap(\.schools).filter { $0.from == .ht3 }
        #expect(late.map(\.participants).reduce(0, +) == 2)
    }

    /// The rules see a late starter placed before their intake, or as a starter.
    @Test func aLateStarterPlacedAsAStarterBreaksTheRules() throws {
        let s = Self.scenario(starters: (8, 6), late: 3)
        var plan = try Tiny.plan(s)
        let i = try #require(plan.cohorts.firstIndex { $0.schools.contains { $0.from == .ht2 } })
        let k = try #require(plan.cohorts[i].schools.firstIndex { $0.from == .ht2 })
        plan.cohorts[i].schools[k].from = nil
        let broken = Set(PlanChecker(scenario: s).check(plan).map(\.rule))
        #expect(broken.isSuperset(of: [.overEnrolled, .sessionParticipants]))
    }
}
