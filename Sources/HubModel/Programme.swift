/// What family a programme belongs to (used by forecasting and reports).
public enum ProgrammeKind: String, Sendable, Codable, CaseIterable {
    case ect, mentor, npqSpecialist = "npq-specialist", npqLeadership = "npq-leadership"
    case appropriateBody = "appropriate-body", other

    /// A National Professional Qualification, specialist or leadership.
    public var isNPQ: Bool { self == .npqSpecialist || self == .npqLeadership }
}

/// How a session is delivered.
public enum DeliveryMode: String, Sendable, Codable, CaseIterable {
    /// Face to face: needs a venue room.
    case inPerson = "in-person"
    /// Online: needs a facilitator and a date, no room.
    case online
}

/// The half-terms of an English school year, Autumn 1 to Summer 2.
public enum HalfTerm: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case ht1 = "HT1", ht2 = "HT2", ht3 = "HT3", ht4 = "HT4", ht5 = "HT5", ht6 = "HT6"

    public var index: Int { HalfTerm.allCases.firstIndex(of: self)! }

    /// `HT1` … `HT6`, as files and people write it.
    public var description: String { rawValue }

    public var longName: String {
        ["Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2"][index]
    }

    public static func < (a: HalfTerm, b: HalfTerm) -> Bool { a.index < b.index }
}

/// Which cohorts one event of a pattern gathers: a programme's cohorts in one
/// authority (a cross-authority cohort counts in its venue's), or all of them.
public enum Gathering: String, Sendable, Codable, CaseIterable {
    case authority, hub
}

/// One session every cohort of a programme attends.
public struct SessionPattern: Sendable, Equatable, Codable {
    /// Position in the programme's sequence, from 1; sessions happen in this order.
    public var number: Int
    public var halfTerm: HalfTerm
    public var mode: DeliveryMode
    /// Length in hours (a facilitator day is up to 6.5 hours).
    public var hours: Double
    /// Start time, `HH:MM`, Europe/London.
    public var start: String
    public var title: String
    /// When set, the session is an event: the cohorts it gathers meet together once, in one
    /// room, on one date, with one team (a welcome conference, an NPQ launch).
    public var gathers: Gathering?
    /// An event's facilitators: one per this many participants (rounded up); nil: the programme's.
    public var perFacilitator: Int?

    public init(number: Int, halfTerm: HalfTerm, mode: DeliveryMode, hours: Double, start: String, title: String,
                gathers: Gathering? = nil, perFacilitator: Int? = nil) {
        self.number = number
        self.halfTerm = halfTerm
        self.mode = mode
        self.hours = hours
        self.start = start
        self.title = title
        self.gathers = gathers
        self.perFacilitator = perFacilitator
    }

    /// Whether the session gathers cohorts into one event.
    public var isEvent: Bool { gathers != nil }

    /// Facilitator days the session costs (``StaffDays``).
    public var facilitatorDays: Double { StaffDays(hours: hours).days }

    /// The parts of the day it takes (``DayParts``).
    public var parts: DayParts { DayParts(start: start, hours: hours) }
}

/// The days of a person's time an event of some hours takes: a full day above
/// 3.5 hours, otherwise half a day. Sessions, forums and visits are paid and
/// counted against capacity by this rule.
public struct StaffDays: Sendable, Equatable {
    public let days: Double

    public init(hours: Double) { days = hours > 3.5 ? 1 : 0.5 }
}

/// A programme the hub delivers: ECT training, mentor training, an NPQ, ...
public struct Programme: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var kind: ProgrammeKind
    /// Smallest and largest cohort.
    public var cohortMin: Int
    public var cohortMax: Int
    /// One facilitator for every this many participants (rounded up) in a session.
    public var participantsPerFacilitator: Int
    /// Whether cohorts may mix authorities (NPQs often do; ECT cohorts stay local).
    public var crossAuthority: Bool
    public var sessions: [SessionPattern]
    /// The programme whose cohorts this one carries on from the year before (ECT2
    /// continues ECT1): given last year's plan, its cohorts are those cohorts.
    public var continues: String?

    public init(id: String, name: String, kind: ProgrammeKind, cohortMin: Int, cohortMax: Int,
                participantsPerFacilitator: Int, crossAuthority: Bool, sessions: [SessionPattern], continues: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.cohortMin = cohortMin
        self.cohortMax = cohortMax
        self.participantsPerFacilitator = participantsPerFacilitator
        self.crossAuthority = crossAuthority
        self.sessions = sessions
        self.continues = continues
    }

    /// Facilitators a session of a cohort of `size` needs.
    public func facilitatorsNeeded(for size: Int) -> Int {
        max(1, (size + participantsPerFacilitator - 1) / participantsPerFacilitator)
    }

    /// Facilitators an event of this pattern needs for `size` participants gathered.
    public func facilitatorsNeeded(for size: Int, at event: SessionPattern) -> Int {
        let per = max(1, event.perFacilitator ?? participantsPerFacilitator)
        return max(1, (size + per - 1) / per)
    }

    /// Whether any session meets in person.
    public var needsVenue: Bool { sessions.contains { $0.mode == .inPerson } }

    /// The programme as a catch-up cohort of late starters meets it: its sessions from a half-term on.
    public func startingIn(_ ht: HalfTerm) -> Programme {
        var p = self
        p.sessions = sessions.filter { $0.halfTerm >= ht }
        return p
    }
}
