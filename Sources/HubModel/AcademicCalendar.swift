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

/// A day with no teaching: a bank holiday, an INSET day, a closure.
public struct Closure: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case bankHoliday = "bank-holiday", inset, closure, avoid
    }
    public var day: Day
    /// nil: every authority.
    public var authority: String?
    public var kind: Kind
    public var description: String

    public init(day: Day, authority: String?, kind: Kind, description: String) {
        self.day = day
        self.authority = authority
        self.kind = kind
        self.description = description
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
    /// the first and last day of term (DOMAIN.md: avoid them).
    public func teachingDays(authority: String, halfTerm: HalfTerm) -> [Day] {
        guard let range = halfTerms[authority]?[halfTerm] else { return [] }
        let closed = Set(closures.filter { $0.authority == nil || $0.authority == authority }.map(\.day))
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
