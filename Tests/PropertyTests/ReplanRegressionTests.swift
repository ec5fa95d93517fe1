import Foundation
import FuzzTargets
import HubModel
import Planner
import Testing

/// Seeds the property test `aReplanWithNoChangeKeepsThePlanAndTheCheckersAcceptance` once
/// failed on: an event's crew changed on re-planning with no change (F07 → F04 on
/// MENT1-WAR-01's induction day), since re-planning did not reserve the crews the first plan
/// had. Re-planning now expects the same events and keeps who staffed them, as it keeps teams.
@Suite struct ReplanRegressionTests {
    @Test(arguments: [71494, 190649, 75082] as [UInt64])
    func aReplanWithNoChangeKeepsEveryEventsStaff(_ seed: UInt64) throws {
        let s = FuzzHarness.smallScenario(seed: seed, schools: 20)
        let first = try Planner(scenario: s, settings: .init(timeLimit: 30, gap: 0.01)).plan()
        #expect(first.events?.isEmpty == false)
        var settings = Planner.Settings(timeLimit: 30, gap: 0.01)
        settings.baseline = Baseline(plan: first, freezeBefore: nil)
        let again = try Planner(scenario: s, settings: settings).plan()
        #expect(PlanChange.between(first, again).isEmpty, "\(PlanChange.between(first, again))")
        #expect(PlanChecker(scenario: s).check(again).isEmpty)
    }
}
