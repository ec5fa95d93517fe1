/// The ids of the hard rules, as violations, `hubplan check` and docs/model.md name them.
public enum RuleID: String, Sendable, Codable, CaseIterable {
    // Cohorts
    case unknownReference = "unknown-reference"
    case cohortSize = "cohort-size"
    case travelLimit = "travel-limit"
    case cohortAuthority = "cohort-authority"
    case overEnrolled = "over-enrolled"
    case participantsUnaccounted = "participants-unaccounted"
    case continuedCohort = "continued-cohort"
    // Sessions
    case sessionMissing = "session-missing"
    case sessionDuplicate = "session-duplicate"
    case sessionUnknown = "session-unknown"
    case sessionHalfTerm = "session-half-term"
    case sessionTime = "session-time"
    case sessionOrder = "session-order"
    case sessionParticipants = "session-participants"
    case termDates = "term-dates"
    case facilitatorCount = "facilitator-count"
    case qualification
    case availability
    case onlineVenue = "online-venue"
    case venueMissing = "venue-missing"
    case venueContinuity = "venue-continuity"
    case venueWeekday = "venue-weekday"
    case venueAvailability = "venue-availability"
    case roomMissing = "room-missing"
    case roomCapacity = "room-capacity"
    case facilitatorYearLoad = "facilitator-year-load"
    case facilitatorTermLoad = "facilitator-term-load"
    case eventGathered = "event-gathered"
    // Forums
    case forumMissing = "forum-missing"
    case forumDuplicate = "forum-duplicate"
    case forumAttendees = "forum-attendees"
    case forumVenue = "forum-venue"
    case forumChair = "forum-chair"
    // Advisers
    case adviserCoverage = "adviser-coverage"
    case visitLength = "visit-length"
    case adviserCapacity = "adviser-capacity"
    case supportDays = "support-days"
    // Appropriate Body work
    case inductionCoverage = "induction-coverage"
    case assessorHours = "assessor-hours"
    case reviewDeadline = "review-deadline"
    // Bookings and unmet demand
    case doubleBooked = "double-booked"
    case dailyLoad = "daily-load"
    case roomDoubleBooked = "room-double-booked"
    case unmetAmount = "unmet-amount"
    // Dates
    case dateCosts = "date-costs"
}
