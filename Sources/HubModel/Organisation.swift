/// A local authority (borough) of the hub, e.g. Wigan.
public struct LocalAuthority: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// The phase of a school, as the DfE records it.
public enum Phase: String, Sendable, Codable, CaseIterable {
    case primary, secondary, special, allThrough = "all-through", nursery, alternative = "alternative-provision", other
}

/// A school of the hub's area.
public struct School: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var authority: String
    public var town: String
    public var phase: Phase
    public var location: GeoPoint

    public init(id: String, name: String, authority: String, town: String, phase: Phase, location: GeoPoint) {
        self.id = id
        self.name = name
        self.authority = authority
        self.town = town
        self.phase = phase
        self.location = location
    }
}

/// Participants of one school on one programme this year.
public struct Enrolment: Sendable, Equatable, Codable {
    public var school: String
    public var programme: String
    public var participants: Int
    /// The half-term they start in, when later than the programme's first session (an ECT
    /// January or April intake): they join a cohort from then, or form a catch-up cohort.
    public var intake: HalfTerm?

    public init(school: String, programme: String, participants: Int, intake: HalfTerm? = nil) {
        self.school = school
        self.programme = programme
        self.participants = participants
        self.intake = intake
    }
}

/// A Focus School's need for CPD Expert Adviser support.
public struct FocusSchoolNeed: Sendable, Equatable, Codable {
    public var school: String
    /// Days for the annual CPD audit (in the first half-term).
    public var auditDays: Int
    /// Coaching days in each half-term.
    public var daysPerHalfTerm: Int

    public init(school: String, auditDays: Int, daysPerHalfTerm: Int) {
        self.school = school
        self.auditDays = auditDays
        self.daysPerHalfTerm = daysPerHalfTerm
    }

    /// Support days in a half-term: the audit comes in HT1.
    public func days(in halfTerm: HalfTerm) -> Int { daysPerHalfTerm + (halfTerm == .ht1 ? auditDays : 0) }
}

/// Participants of one programme in one authority in one past year.
public struct HistoryRecord: Sendable, Equatable, Codable {
    /// Start year of the academic year (2021 for 2021-22).
    public var year: Int
    public var authority: String
    public var programme: String
    public var participants: Int

    public init(year: Int, authority: String, programme: String, participants: Int) {
        self.year = year
        self.authority = authority
        self.programme = programme
        self.participants = participants
    }
}
