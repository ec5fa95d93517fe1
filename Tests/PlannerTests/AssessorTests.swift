import Foundation
import HubModel
import Testing
@testable import Planner

/// Appropriate Body work on the tiny scenario: three schools' inductions, two or three
/// assessors. The assignment is checked against every assignment there is (an exact
/// oracle by enumeration), and the plan against the checker.
@Suite struct AssessorTests {
    static let work = AppropriateBodyWork()

    /// The tiny scenario with `inductions` per school (S1, S2, S3) and the given assessors.
    static func scenario(_ inductions: [Int], _ assessors: [Assessor]) -> Scenario {
        var s = Tiny.scenario(participants: [20, 15, 15])
        s.programmes.append(Programme(id: "AB", name: "Inductions", kind: .appropriateBody, cohortMin: 1, cohortMax: 500,
                                      participantsPerFacilitator: 500, crossAuthority: true, sessions: []))
        s.enrolment += zip(s.schools, inductions).filter { $1 > 0 }.map { Enrolment(school: $0.id, programme: "AB", participants: $1) }
        s.assessors = assessors
        return s
    }

    static func assessor(_ id: String, hours: Double, rate: Double, at home: GeoPoint = Tiny.wigan) -> Assessor {
        Assessor(id: id, name: id, homeTown: "Wigan", home: home, hoursPerHalfTerm: hours, hourlyRate: rate)
    }

    /// The cheapest assignment by enumeration: each school to one assessor or to nobody.
    static func optimum(_ s: Scenario) -> Double {
        let demand = InductionCoverage.demand(s).sorted { $0.key < $1.key }
        let schools = Dictionary(s.schools.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let w = s.weights, reviews = s.appropriateBody.reviews
        var best = Double.infinity
        func go(_ i: Int, _ choice: [Int?]) {
            if i == demand.count {
                var cost = 0.0
                var hours: [String: Double] = [:]
                for ((school, n), a) in zip(demand, choice) {
                    guard let a else { cost += Double(n * reviews.count) * w.unmet; continue }
                    let who = s.assessors[a]
                    for (k, r) in reviews.enumerated() { hours["\(a)|\(k)", default: 0] += Double(n) * r.hours }
                    cost += Double(n) * reviews.reduce(0) { $0 + $1.hours } * who.hourlyRate * w.staffDays
                    cost += who.home.travelMinutes(to: schools[school]!.location) * w.staffTravelPerMinute
                }
                for (key, h) in hours where h > s.assessors[Int(key.split(separator: "|")[0])!].hoursPerHalfTerm + 1e-9 { return }
                best = min(best, cost)
                return
            }
            for a in [nil] + s.assessors.indices.map(Optional.some) { go(i + 1, choice + [a]) }
        }
        go(0, [])
        return best
    }

    /// The plan's Appropriate Body costs: its time, travel and unmet reviews.
    static func cost(_ p: Plan) -> Double {
        let unmet = p.unmet.filter { if case .inductionReviews = $0.subject { return true } else { return false } }
        return (p.costs[.assessorTime] ?? 0) + (p.costs[.assessorTravel] ?? 0) + unmet.reduce(0) { $0 + $1.amount } * ObjectiveWeights().unmet
    }

    @Test func everySchoolHasOneAssessorAndEveryReviewADateBeforeItsDeadline() throws {
        let s = Self.scenario([3, 2, 1], [Self.assessor("AS1", hours: 20, rate: 40), Self.assessor("AS2", hours: 20, rate: 50, at: Tiny.leigh)])
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        let reviews = try #require(plan.inductionReviews)
        for school in ["S1", "S2", "S3"] {
            #expect(Set(reviews.filter { $0.school == school }.map(\.assessor)).count == 1)
            #expect(Set(reviews.filter { $0.school == school }.map(\.halfTerm)) == [.ht2, .ht4, .ht6])
        }
        for r in reviews {
            let last = try #require(s.calendar.halfTerms["WIG"]?[r.halfTerm]?.last)
            #expect(r.date <= last)
        }
        #expect(plan.unmet.isEmpty)
        #expect(abs(Self.cost(plan) - Self.optimum(s)) < 0.01)
        #expect(abs((plan.boundParts["Appropriate Body work"] ?? -1) - Self.optimum(s)) < 0.01)
    }

    /// Hours for two schools' summer assessments, not three: the cheapest school to leave
    /// out has every one of its reviews unmet, and the bound is still below the plan.
    @Test func shortHoursLeaveASchoolUnmetInFull() throws {
        let s = Self.scenario([4, 2, 2], [Self.assessor("AS1", hours: 6, rate: 40), Self.assessor("AS2", hours: 3, rate: 45)])
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
        let unmet = plan.unmet.filter { if case .inductionReviews = $0.subject { return true } else { return false } }
        #expect(!unmet.isEmpty)
        #expect(Set(unmet.map { if case let .inductionReviews(school, _) = $0.subject { school } else { "" } }).count == 1)
        #expect(unmet.count == 3)
        let optimum = Self.optimum(s)
        #expect(abs(Self.cost(plan) - optimum) < 0.01)
        #expect((plan.boundParts["Appropriate Body work"] ?? .infinity) <= optimum + 0.01)
    }

    /// Many generated cases: the bound part never above the enumerated optimum, the plan
    /// within the stage's gap of it, and the checker content.
    @Test(arguments: 1...12)
    func theBoundIsBelowTheOptimumAndThePlanNearIt(_ seed: Int) throws {
        var rng = SeededRandom(seed: UInt64(seed))
        let inductions = (0..<3).map { _ in rng.int(0...6) }
        let assessors = (0..<rng.int(1...3)).map { k in
            Self.assessor("AS\(k + 1)", hours: Double(rng.int(2...14)), rate: Double(rng.int(8...11) * 5), at: k % 2 == 0 ? Tiny.wigan : Tiny.leigh)
        }
        let s = Self.scenario(inductions, assessors)
        let plan = try Tiny.plan(s)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty, "seed \(seed)")
        guard inductions.contains(where: { $0 > 0 }) else { return }
        let optimum = Self.optimum(s)
        #expect((plan.boundParts["Appropriate Body work"] ?? .infinity) <= optimum + 0.01, "seed \(seed)")
        #expect(Self.cost(plan) <= optimum * 1.0025 + 0.01, "seed \(seed)")
    }

    @Test func withoutAssessorsNothingIsPlannedOrPriced() throws {
        let s = Self.scenario([3, 2, 1], [])
        let plan = try Tiny.plan(s)
        #expect(plan.inductionReviews == nil)
        #expect(plan.costs[.assessorTime] == 0)
        #expect(PlanChecker(scenario: s).check(plan).isEmpty)
    }
}
