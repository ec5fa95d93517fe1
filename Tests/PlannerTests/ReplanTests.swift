import Foundation
import HubModel
import Testing
@testable import Planner

@Suite struct ReplanTests {
    let scenario = Tiny.scenario(participants: [20, 15, 15])

    func replan(_ s: Scenario, from previous: Plan, freeze: Day?) throws -> Plan {
        var settings = Planner.Settings(timeLimit: 30, gap: 0.01)
        settings.baseline = Baseline(plan: previous, freezeBefore: freeze)
        return try Planner(scenario: s, settings: settings).plan()
    }

    @Test func replanWithNoChangeChangesNothingAndStaysAccepted() throws {
        let first = try Tiny.plan(scenario)
        let again = try replan(scenario, from: first, freeze: nil)
        #expect(PlanChange.between(first, again).isEmpty)
        #expect(PlanChecker(scenario: scenario).check(again).isEmpty)
    }

    @Test func facilitatorOffFromAFreezeDateKeepsThePastAndMovesTheRest() throws {
        var s = scenario
        s.facilitators[0].daysPerHalfTerm = 10
        s.facilitators[0].daysPerYear = 30
        s.facilitators[1].daysPerHalfTerm = 10
        s.facilitators[1].daysPerYear = 30
        let first = try Tiny.plan(s)
        let busy = try #require(first.sessions.flatMap(\.facilitators).first)
        let freeze = Tiny.d(11, 1)
        var changed = s
        changed.unavailability = [Unavailability(who: busy, from: freeze, to: Tiny.d(7, 31), reason: "secondment")]
        let next = try replan(changed, from: first, freeze: freeze)
        // Everything before the freeze is exactly as it was.
        let past = first.sessions.filter { $0.date < freeze }
        for s in past { #expect(next.sessions.contains(s)) }
        // Nothing after it uses the absent facilitator.
        #expect(!next.sessions.contains { $0.date >= freeze && $0.facilitators.contains(busy) })
        #expect(PlanChecker(scenario: changed).check(next).isEmpty)
        #expect(!PlanChange.between(first, next).isEmpty)
    }

    @Test func nothingIsScheduledBeforeTheFreezeDateThatWasNotThere() throws {
        let first = try Tiny.plan(scenario)
        let freeze = Tiny.d(10, 1)
        let next = try replan(scenario, from: first, freeze: freeze)
        let before = Set(first.sessions.filter { $0.date < freeze }.map { "\($0.cohort)|\($0.session)|\($0.date)" })
        let after = Set(next.sessions.filter { $0.date < freeze }.map { "\($0.cohort)|\($0.session)|\($0.date)" })
        #expect(before == after)
    }
}
