/// Someone who delivers programme sessions.
public struct Facilitator: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var homeTown: String
    public var home: GeoPoint
    /// Programme ids this facilitator is qualified to deliver.
    public var qualifications: Set<String>
    /// Most days of delivery in any one half-term.
    public var daysPerHalfTerm: Double
    /// Most days of delivery in the year.
    public var daysPerYear: Double
    /// Cost of a day of delivery, £.
    public var dayRate: Double
    /// The school that employs them (their release is agreed with it), if any.
    public var employerSchool: String?

    public init(id: String, name: String, homeTown: String, home: GeoPoint, qualifications: Set<String>,
                daysPerHalfTerm: Double, daysPerYear: Double, dayRate: Double, employerSchool: String?) {
        self.id = id
        self.name = name
        self.homeTown = homeTown
        self.home = home
        self.qualifications = qualifications
        self.daysPerHalfTerm = daysPerHalfTerm
        self.daysPerYear = daysPerYear
        self.dayRate = dayRate
        self.employerSchool = employerSchool
    }
}

/// A CPD Expert Adviser who supports Focus Schools and chairs forums.
public struct ExpertAdviser: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var homeTown: String
    public var home: GeoPoint
    /// Authority ids the adviser works in.
    public var authorities: Set<String>
    /// Days of support available in the year.
    public var capacityDays: Double
    /// Cost of a day, £.
    public var dayRate: Double

    public init(id: String, name: String, homeTown: String, home: GeoPoint, authorities: Set<String>,
                capacityDays: Double, dayRate: Double) {
        self.id = id
        self.name = name
        self.homeTown = homeTown
        self.home = home
        self.authorities = authorities
        self.capacityDays = capacityDays
        self.dayRate = dayRate
    }
}

/// An Appropriate Body assessor: reviews the inductions of the schools given to them.
public struct Assessor: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var homeTown: String
    public var home: GeoPoint
    /// Hours of assessment work available in each half-term.
    public var hoursPerHalfTerm: Double
    /// Cost of an hour, £.
    public var hourlyRate: Double

    public init(id: String, name: String, homeTown: String, home: GeoPoint, hoursPerHalfTerm: Double, hourlyRate: Double) {
        self.id = id
        self.name = name
        self.homeTown = homeTown
        self.home = home
        self.hoursPerHalfTerm = hoursPerHalfTerm
        self.hourlyRate = hourlyRate
    }
}

/// A stretch of days when a facilitator, adviser or venue cannot be used.
public struct Unavailability: Sendable, Equatable, Codable {
    /// Id of a facilitator, adviser or venue.
    public var who: String
    public var from: Day
    public var to: Day
    public var reason: String

    public init(who: String, from: Day, to: Day, reason: String) {
        self.who = who
        self.from = from
        self.to = to
        self.reason = reason
    }

    public func contains(_ day: Day) -> Bool { from <= day && day <= to }
}
