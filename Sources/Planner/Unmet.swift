import HubModel

/// Demand the plan could not meet, and why. The subject and the reason are types;
/// their wording is made here and nowhere else, and plan.json carries both the
/// types (for code, such as the checker) and the words (for people).
public struct UnmetItem: Codable, Sendable, Equatable {
    public var subject: UnmetSubject
    /// Participants, support days or meetings, in the subject's unit.
    public var amount: Double
    public var reason: UnmetReason

    public init(_ subject: UnmetSubject, amount: Double, reason: UnmetReason) {
        self.subject = subject
        self.amount = amount
        self.reason = reason
    }

    /// The subject in words, e.g. "Wigan (WIG), ECT1: participants".
    public var what: String { subject.words }
    /// The reason in words, e.g. "WIG, ECT1: no facilitator is qualified for ECT1".
    public var why: String { reason.words }

    enum CodingKeys: String, CodingKey { case subject, what, amount, cause, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        subject = try c.decode(UnmetSubject.self, forKey: .subject)
        amount = try c.decode(Double.self, forKey: .amount)
        reason = try c.decode(UnmetReason.self, forKey: .cause)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subject, forKey: .subject)
        try c.encode(what, forKey: .what)
        try c.encode(amount, forKey: .amount)
        try c.encode(reason, forKey: .cause)
        try c.encode(why, forKey: .reason)
    }
}

/// What is left unmet.
public enum UnmetSubject: Codable, Sendable, Hashable {
    /// Participants of a programme: from a town (cohorts with a venue), from an
    /// authority (online cohorts formed per authority) or from the hub.
    case participants(programme: String, authority: String?, town: String?)
    /// One session of a cohort, for all its participants.
    case session(cohort: String, number: Int, halfTerm: HalfTerm)
    /// One meeting of a forum series (scope: an authority, or `hub`).
    case forum(series: String, scope: String, halfTerm: HalfTerm)
    /// A Focus School's support days for the year (no adviser could take the school).
    case supportDays(school: String)
    /// One dated support day of a Focus School.
    case supportDay(school: String, kind: SupportKind, halfTerm: HalfTerm)
    /// A school's inductions' Appropriate Body reviews (or formal assessments) at the end of a half-term.
    case inductionReviews(school: String, halfTerm: HalfTerm)

    public var words: String {
        switch self {
        case let .participants(p, authority?, town?): "\(town) (\(authority)), \(p): participants"
        case let .participants(p, authority?, nil): "\(p) \(authority): participants"
        case let .participants(p, nil, _): "\(p): participants"
        case let .session(cohort, number, ht): "cohort \(cohort): session \(number) (\(ht.rawValue))"
        case let .forum(series, scope, ht): "forum \(series) \(scope) \(ht.rawValue)"
        case let .supportDays(school): "Focus School \(school): support days"
        case let .supportDay(school, kind, ht): "Focus School \(school): \(kind.rawValue) day in \(ht.rawValue)"
        case let .inductionReviews(school, ht): "\(school): Appropriate Body reviews of its inductions in \(ht.rawValue)"
        }
    }

    /// The programme whose participants this counts, if it counts participants.
    public var participantsOf: String? {
        if case let .participants(p, _, _) = self { return p }
        return nil
    }

    /// The Focus School whose support days this counts, if it counts support days.
    public var focusSchool: String? {
        switch self {
        case let .supportDays(school), let .supportDay(school, _, _): school
        default: nil
        }
    }
}

/// Why demand is unmet: the rule or shortage that stopped it.
public enum UnmetReason: Codable, Sendable, Hashable {
    // Forming cohorts (the programme's participants in one place).
    case noRoomForSmallestCohort(programme: String, cohortMin: Int)
    case fewerThanSmallestCohort(programme: String, enrolled: Int, area: String, cohortMin: Int)
    case noVenueWithinReach(programme: String, cohortMin: Int, maxTravel: Int, town: String, nearest: Int)
    case tooFewWithinReach(programme: String, town: String, cohortMin: Int)
    case tooFewForOnlineCohort(enrolled: Int, cohortMin: Int)
    /// The qualified facilitators' days run out before every participant has a cohort.
    case facilitatorDaysForCohorts(authority: String?, programme: String?, more: Bool)
    // Staffing a cohort.
    case teamShort(authority: String, programme: String, shortage: TeamShortage, qualified: Int, cohort: String, kept: Int)
    // Dating a session.
    case venueClosedThroughout(authority: String, programme: String, halfTerm: HalfTerm, venue: String)
    case noDayBetweenNeighbours(authority: String, programme: String, halfTerm: HalfTerm)
    case noDayForTeam(authority: String, programme: String, halfTerm: HalfTerm, roomFor: Int?)
    // Advisers.
    case noAdviserCovers(authority: String)
    case advisersOutOfDays(authority: String, covering: Int, days: Int)
    case adviserHasNoFreeDay(authority: String, halfTerm: HalfTerm, adviser: String)
    // Forums.
    case noForumVenueSeats(scope: String, halfTerm: HalfTerm, size: Int)
    case noForumChair(scope: String, halfTerm: HalfTerm, authorities: [String])
    case noCommonTeachingDay(scope: String, halfTerm: HalfTerm)
    case chairsOutOfDays(scope: String, halfTerm: HalfTerm)
    case noDayForVenueAndChair(scope: String, halfTerm: HalfTerm, size: Int)
    /// Written by code outside the planner (for example a test's exact model).
    case assessorsOutOfHours(halfTerm: HalfTerm, hours: Double)
    case noDayBeforeDeadline(assessor: String, halfTerm: HalfTerm, deadline: Day)
    case other(String)

    /// Why a cohort's team could not be filled.
    public enum TeamShortage: String, Codable, Sendable, Hashable {
        case noneQualified, allUnavailable, outOfDays
    }

    public var words: String {
        switch self {
        case let .noRoomForSmallestCohort(p, cmin):
            "no venue has a room for a cohort of \(cmin) (the smallest \(p) cohort)"
        case let .fewerThanSmallestCohort(p, n, area, cmin):
            "only \(n) \(p) participant(s) \(area), fewer than the smallest cohort (\(cmin))"
        case let .noVenueWithinReach(_, cmin, limit, town, nearest):
            "no venue with a room for \(cmin) within \(limit) minutes of \(town) (nearest: \(nearest) minutes)"
        case let .tooFewWithinReach(_, town, cmin):
            "too few participants within reach of the venues near \(town) to fill a cohort of \(cmin)"
        case let .tooFewForOnlineCohort(n, cmin):
            "only \(n) enrolled, fewer than the smallest cohort (\(cmin))"
        case let .facilitatorDaysForCohorts(authority, programme, more):
            (authority.map { "\($0), \(programme ?? ""): " } ?? "") + "the qualified facilitators have too few days for \(more ? "more cohorts" : "a cohort")"
        case let .teamShort(la, p, shortage, qualified, cohort, kept):
            "\(la), \(p): \(shortage.words(programme: p, qualified: qualified)) (cohort \(cohort) \(kept == 0 ? "given up" : "cut to \(kept)"))"
        case let .venueClosedThroughout(la, p, ht, venue):
            "\(la), \(p), \(ht.rawValue): the venue \(venue) is closed or unavailable on every teaching day"
        case let .noDayBetweenNeighbours(la, p, ht):
            "\(la), \(p), \(ht.rawValue): no teaching day left between the cohort's neighbouring sessions"
        case let .noDayForTeam(la, p, ht, room):
            "\(la), \(p), \(ht.rawValue): no teaching day in \(ht.rawValue) on which a qualified team\(room.map { ", the venue and a room for \($0)" } ?? "") are all free"
        case let .noAdviserCovers(la):
            "\(la): no expert adviser covers \(la)"
        case let .advisersOutOfDays(la, covering, days):
            "\(la): the \(covering) adviser(s) covering \(la) have too few days left for \(days) support days"
        case let .adviserHasNoFreeDay(la, ht, adviser):
            "\(la), \(ht.rawValue): adviser \(adviser) has no free teaching day left"
        case let .noForumVenueSeats(scope, ht, size):
            "\(scope), \(ht.rawValue): no venue in scope seats \(size)"
        case let .noForumChair(scope, ht, las):
            "\(scope), \(ht.rawValue): no expert adviser covers \(las.joined(separator: ", ")) to chair it"
        case let .noCommonTeachingDay(scope, ht):
            "\(scope), \(ht.rawValue): no common teaching day"
        case let .chairsOutOfDays(scope, ht):
            "\(scope), \(ht.rawValue): every adviser who could chair it has no days left after their support days"
        case let .noDayForVenueAndChair(scope, ht, size):
            "\(scope), \(ht.rawValue): no teaching day on which a venue seating \(size) and a chair are both free"
        case let .assessorsOutOfHours(ht, hours):
            "no assessor has \(String(format: "%g", hours)) hours left in \(ht.rawValue) for the school's inductions"
        case let .noDayBeforeDeadline(assessor, ht, deadline):
            "\(assessor) has no teaching day with the hours free in the last days of \(ht.rawValue) before the deadline, \(deadline)"
        case let .other(text):
            text
        }
    }
}

extension UnmetReason.TeamShortage {
    func words(programme p: String, qualified: Int) -> String {
        switch self {
        case .noneQualified: "no facilitator is qualified for \(p)"
        case .allUnavailable: "every qualified facilitator is unavailable for a whole half-term the cohort meets in"
        case .outOfDays: "the \(qualified) qualified facilitator(s) have no days left in the half-terms this cohort meets"
        }
    }
}
