import HubModel

/// Re-checks a plan against its scenario with code of its own: every hard rule's
/// check (Rules/), which reads only the scenario's data and the plan, so a bug
/// in a model or the dating pass shows up here.
public struct PlanChecker {
    public let scenario: Scenario
    /// Last year's plan, which continued cohorts carry on (nil when there is none).
    public let lastYear: Plan?

    public init(scenario: Scenario, lastYear: Plan? = nil) {
        self.scenario = scenario
        self.lastYear = lastYear
    }

    /// Every hard rule, in the order docs/model.md lists them.
    public static let rules: [any PlanRule] = [
        UnknownReference(), CohortSize(), TravelLimit(), CohortAuthority(), OverEnrolled(), ParticipantsUnaccounted(),
        SessionMissing(), SessionDuplicate(), SessionUnknown(), SessionHalfTerm(), SessionTime(), SessionOrder(), SessionParticipants(),
        TermDates(), FacilitatorCount(), Qualification(), Availability(), OnlineVenue(), VenueMissing(), VenueContinuity(),
        VenueWeekday(), VenueAvailability(), RoomMissing(), RoomCapacity(), FacilitatorYearLoad(), FacilitatorTermLoad(), EventGathered(),
        ForumMissing(), ForumDuplicate(), ForumAttendees(), ForumVenue(), ForumChair(),
        AdviserCoverage(), VisitLength(), AdviserCapacity(), SupportDays(), InductionCoverage(), AssessorHours(), ReviewDeadline(),
        DoubleBooked(), DailyLoad(), RoomDoubleBooked(), UnmetAmount(), DateCostsStated(), ContinuedCohort(),
    ]

    public func check(_ plan: Plan) -> [PlanViolation] {
        let facts = PlanFacts(scenario: scenario, plan: plan, lastYear: lastYear)
        return Self.rules.flatMap { rule in
            rule.check(facts).map { PlanViolation(rule: type(of: rule).id, message: $0) }
        }.sorted { ($0.rule.rawValue, $0.message) < ($1.rule.rawValue, $1.message) }
    }
}
