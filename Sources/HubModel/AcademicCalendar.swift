/// An inclusive range of days.
public struct DayRange: Sendable, Equatable, Codable {
    public var first: Day
    public var last: Day

    public init(first: Day, last: Day) {
        self.first = first
        self.last = last
    }

    public func contains(_ d: Day) -> Bool { first <= d && d <= last }
    public func overlaps(_ o: DayRange) -> Bool { first <= o.last && o.first <= last }
    public var days: [Day] { first <= last ? Array(first...last) : [] }
}

/// A day with no teaching (a bank holiday, an INSET day, a closure), or a day to
/// avoid taking teachers out of school (`avoid`: test weeks, exam seasons), for
/// one school phase or all.
public struct Closure: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case bankHoliday = "bank-holiday", inset, closure, avoid
    }
    public var day: Day
    /// nil: every authority.
    public var authority: String?
    public var kind: Kind
    public var description: String
    /// The phase whose schools it concerns (an `avoid` day: KS2 tests for primary,
    /// GCSEs for secondary); nil: every school.
    public var phase: Phase?
    /// The one school it concerns (its own INSET day, say); nil: every school in scope.
    public var school: String?

    public init(day: Day, authority: String?, kind: Kind, description: String, phase: Phase? = nil, school: String? = nil) {
        self.day = day
        self.authority = authority
        self.kind = kind
        self.description = description
        self.phase = phase
        self.school = school
    }

    /// Whether the day is closed to teaching: every kind but `avoid` (a preference), unless it
    /// is one school's (its INSET day keeps its own teachers busy, not anyone else's).
    public var closesTeaching: Bool { kind != .avoid && school == nil }

    /// Whether it is a day some schools want their teachers in: an `avoid` day, or any day of one school's.
    public var isAvoided: Bool { !closesTeaching }

    /// Whether an avoided day concerns a school: the school itself, or its authority and phase (all-through schools have both phases).
    public func concerns(_ school: School) -> Bool {
        guard isAvoided, authority == nil || authority == school.authority, self.school == nil || self.school == school.id else { return false }
        guard let phase else { return true }
        return school.phase == phase || (school.phase == .allThrough && (phase == .primary || phase == .secondary))
    }
}

/// Half-term dates per authority, and the days without teaching.
public struct AcademicCalendar: Sendable, Equatable, Codable {
    /// authority id → half-term → first and last day of teaching.
    public var halfTerms: [String: [HalfTerm: DayRange]]
    public var closures: [Closure]

    public init(halfTerms: [String: [HalfTerm: DayRange]], closures: [Closure]) {
        self.halfTerms = halfTerms
        self.closures = closures
    }

    /// Weekdays of the half-term in the authority that are not closed, excluding
    /// the first and last day of term (docs/domain.md: avoid them). `avoid` days are
    /// teaching days: planners prefer other days for the schools they concern.
    public func teachingDays(authority: String, halfTerm: HalfTerm) -> [Day] {
        guard let range = halfTerms[authority]?[halfTerm] else { return [] }
        let closed = Set(closures.filter { $0.closesTeaching && ($0.authority == nil || $0.authority == authority) }.map(\.day))
        return range.days.filter { !$0.isWeekend && !closed.contains($0) && $0 != range.first && $0 != range.last }
    }

    /// Days teaching in every one of the given authorities (for hub-wide events).
    public func commonTeachingDays(authorities: [String], halfTerm: HalfTerm) -> [Day] {
        guard let first = authorities.first else { return [] }
        var days = Set(teachingDays(authority: first, halfTerm: halfTerm))
        for a in authorities.dropFirst() { days.formIntersection(teachingDays(authority: a, halfTerm: halfTerm)) }
        return days.sorted()
    }
}
