import Foundation
import HubModel
import Solver

/// A year plan: what `plan.json` holds. Ids are the scenario's ids.
public struct Plan: Codable, Sendable, Equatable {
    public var scenario: String
    public var year: String
    /// What is proven of the plan (``Plan/Proof``), or that it was stopped early
    /// (``proof`` still says what is proven).
    public var status: PlanStatus
    /// The same in words, as the terminal and the report say it: "proven optimal",
    /// "within 0.14% of the best possible plan" or "no proof".
    public var proof: String?
    /// Total weighted cost, £.
    public var objective: Double
    /// A proven lower bound on the cost of any plan (see docs/model.md).
    public var bound: Double
    /// (objective − bound) / objective.
    public var gap: Double
    public var seconds: Double
    /// Cost term → £.
    public var costs: [CostTerm: Double]
    public var cohorts: [PlanCohort]
    public var sessions: [PlanSession]
    public var forums: [PlanForum]
    public var adviserAssignments: [AdviserAssignment]
    public var unmet: [UnmetItem]
    /// The GLPK models solved, for benchmarks and explanations.
    public var models: [ModelStats]
    /// The bound's parts (docs/model.md): cohorts (participant travel, venue hire,
    /// unmet participants), facilitators, advisers, forums.
    public var boundParts: [String: Double] = [:]
    /// Cost by authority and by programme (costs not tied to one are left out).
    public var costsByAuthority: [String: Double] = [:]
    public var costsByProgramme: [String: Double] = [:]
    /// Days used against days available, per facilitator, adviser and venue.
    public var utilisation: [UtilisationEntry] = []
    /// Schools engaged, participants served and their travel, by authority.
    public var reach: Reach?
    /// School-day clashes, the busiest day, teacher-days out.
    public var calendar: CalendarFigures?
    /// What became of last year's cohorts in the continuing programmes (planned with last year's plan).
    public var carriedOver: [CarriedOver]?
    /// Appropriate Body work: each school's inductions reviewed by its assessor at the end of a half-term
    /// (nil when the scenario has no assessors).
    public var inductionReviews: [InductionReview]?
    /// Sessions that gather cohorts into one event, one entry per event (nil when no pattern gathers).
    public var events: [PlanEvent]?

    public init(scenario: String, year: String, status: PlanStatus, objective: Double, bound: Double, gap: Double,
                seconds: Double, costs: [CostTerm: Double], cohorts: [PlanCohort], sessions: [PlanSession],
                forums: [PlanForum], adviserAssignments: [AdviserAssignment], unmet: [UnmetItem], models: [ModelStats]) {
        self.scenario = scenario
        self.year = year
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.costs = costs
        self.cohorts = cohorts
        self.sessions = sessions
        self.forums = forums
        self.adviserAssignments = adviserAssignments
        self.unmet = unmet
        self.models = models
    }
}

extension Plan {
    /// What a plan is proven to be, from its cost and its bound: one vocabulary for
    /// the terminal, plan.json and the report.
    public enum Proof: Equatable, Sendable {
        /// No plan costs less (to the penny, or 0.005%).
        case optimal
        /// No plan costs less than (1 − gap) × this one's cost.
        case within(gap: Double)
        /// Nothing is proven about how far better plans could be.
        case none

        public init(objective: Double, bound: Double) {
            if objective <= 0 || objective - bound <= max(0.01, 5e-5 * objective) {
                self = bound >= 0 && objective >= 0 ? .optimal : .none
            } else if bound > 0 {
                self = .within(gap: (objective - bound) / objective)
            } else {
                self = .none
            }
        }

        /// The status in plan.json.
        public var status: PlanStatus {
            switch self {
            case .optimal: .provenOptimal
            case .within: .withinGap
            case .none: .noProof
            }
        }

        public var words: String {
            switch self {
            case .optimal: "proven optimal"
            case .within(let gap): "within \(String(format: gap < 0.0001 ? "%.3f%%" : "%.2f%%", gap * 100)) of the best possible plan"
            case .none: "no proof"
            }
        }
    }

    /// What this plan is proven to be.
    public var proven: Proof { Proof(objective: objective, bound: bound) }
}

/// An assessor's reviews (or formal assessments) of one school's inductions at the end of a half-term.
public struct InductionReview: Codable, Sendable, Equatable {
    public var school: String
    public var assessor: String
    public var halfTerm: HalfTerm
    public var date: Day
    public var inductions: Int
    public var hours: Double
    /// "progress review" or "formal assessment".
    public var kind: String

    public init(school: String, assessor: String, halfTerm: HalfTerm, date: Day, inductions: Int, hours: Double, kind: String) {
        self.school = school
        self.assessor = assessor
        self.halfTerm = halfTerm
        self.date = date
        self.inductions = inductions
        self.hours = hours
        self.kind = kind
    }
}

public struct SchoolPlaces: Codable, Sendable, Equatable {
    public var school: String
    public var participants: Int
    /// Late starters who join the cohort from this half-term (their intake); nil: from the cohort's start.
    public var from: HalfTerm? = nil

    public init(school: String, participants: Int, from: HalfTerm? = nil) {
        self.school = school
        self.participants = participants
        self.from = from
    }
}

public struct PlanCohort: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey { case id, programme, authority, venue, facilitators, schools, continues, starts }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(programme, forKey: .programme)
        try c.encode(authority, forKey: .authority)
        try c.encode(venue, forKey: .venue)
        try c.encode(facilitators, forKey: .facilitators)
        try c.encode(schools, forKey: .schools)
        try c.encodeIfPresent(continues, forKey: .continues)
        try c.encodeIfPresent(starts, forKey: .starts)
    }

    public var id: String
    public var programme: String
    /// The authority the cohort belongs to (its venue's, for cross-authority cohorts).
    public var authority: String
    /// Home venue for in-person sessions (nil when every session is online).
    public var venue: String?
    /// The cohort's year-long facilitator team.
    public var facilitators: [String]
    public var schools: [SchoolPlaces]
    /// Last year's cohort this one carries on (its members started together), if any.
    public var continues: String? = nil
    /// A catch-up cohort of late starters: it meets the programme's sessions from this half-term on.
    public var starts: HalfTerm? = nil

    /// Everyone in it by the end of the year, late joiners included.
    public var participants: Int { schools.reduce(0) { $0 + $1.participants } }

    /// Those in it at a session in a half-term: its starters, and joiners whose intake has come.
    public func participants(at ht: HalfTerm) -> Int { present(at: ht).reduce(0) { $0 + $1.participants } }

    /// Its places whose members are in it in a half-term.
    public func present(at ht: HalfTerm) -> [SchoolPlaces] { schools.filter { $0.from.map { $0 <= ht } ?? true } }

    /// Its starters: the members from its first session.
    public var starters: Int { schools.filter { $0.from == nil }.reduce(0) { $0 + $1.participants } }
}

public struct PlanSession: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey {
        case programme, cohort, session, halfTerm, date, start, hours, slot, venue, room, facilitators, participants, online, event
    }

    /// Writes `venue` and `room` as null for online sessions rather than leaving them out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(programme, forKey: .programme)
        try c.encode(cohort, forKey: .cohort)
        try c.encode(session, forKey: .session)
        try c.encode(halfTerm, forKey: .halfTerm)
        try c.encode(date, forKey: .date)
        try c.encode(start, forKey: .start)
        try c.encode(hours, forKey: .hours)
        try c.encode(parts.words, forKey: .slot)
        try c.encode(venue, forKey: .venue)
        try c.encode(room, forKey: .room)
        try c.encode(facilitators, forKey: .facilitators)
        try c.encode(participants, forKey: .participants)
        try c.encode(online, forKey: .online)
        try c.encodeIfPresent(event, forKey: .event)
    }

    public var programme: String
    public var cohort: String
    public var session: Int
    public var halfTerm: HalfTerm
    public var date: Day
    public var start: String
    public var hours: Double
    public var venue: String?
    public var room: String?
    public var facilitators: [String]
    /// The participants of this cohort (an event's others are in its other cohorts' sessions).
    public var participants: Int
    public var online: Bool
    /// The event this session is part of (``PlanEvent``): its cohorts meet together, once.
    public var event: String? = nil

    /// What takes the cohort's teachers out: its own session, or the event it is part of.
    public var meeting: String { event.map { "event \($0)" } ?? cohort }

    /// The parts of the day it takes: written to plan.json as `slot`, e.g. "twilight".
    public var parts: DayParts { DayParts(start: start, hours: hours) }

    public init(programme: String, cohort: String, session: Int, halfTerm: HalfTerm, date: Day, start: String, hours: Double,
                venue: String?, room: String?, facilitators: [String], participants: Int, online: Bool) {
        (self.programme, self.cohort, self.session, self.halfTerm, self.date, self.start) = (programme, cohort, session, halfTerm, date, start)
        (self.hours, self.venue, self.room, self.facilitators, self.participants, self.online) = (hours, venue, room, facilitators, participants, online)
    }

    /// Reads every field but `slot`, which follows from the start and hours.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(programme: try c.decode(String.self, forKey: .programme), cohort: try c.decode(String.self, forKey: .cohort),
                  session: try c.decode(Int.self, forKey: .session), halfTerm: try c.decode(HalfTerm.self, forKey: .halfTerm),
                  date: try c.decode(Day.self, forKey: .date), start: try c.decode(String.self, forKey: .start),
                  hours: try c.decode(Double.self, forKey: .hours), venue: try c.decodeIfPresent(String.self, forKey: .venue),
                  room: try c.decodeIfPresent(String.self, forKey: .room), facilitators: try c.decode([String].self, forKey: .facilitators),
                  participants: try c.decode(Int.self, forKey: .participants), online: try c.decode(Bool.self, forKey: .online))
        event = try c.decodeIfPresent(String.self, forKey: .event)
    }
}

/// One event: a session pattern that gathers a programme's cohorts in an authority (or the
/// whole hub) into one room, on one date, with one team. Each cohort's session carries
/// the event's id; the event's date, room and facilitators are on those sessions.
public struct PlanEvent: Codable, Sendable, Equatable {
    /// `PROGRAMME-SESSION-SCOPE`, e.g. `ECT1-1-WAR` or `NPQSL-1-hub`.
    public var id: String
    public var programme: String
    public var session: Int
    /// Authority id, or `hub`.
    public var scope: String
    public var cohorts: [String]
    public var participants: Int
    /// Why the cohorts meet apart this time, when they could not be gathered (no room seats
    /// them all, no day between their neighbouring sessions, too few of their facilitators free).
    public var notGathered: String?

    public init(id: String, programme: String, session: Int, scope: String, cohorts: [String], participants: Int, notGathered: String? = nil) {
        (self.id, self.programme, self.session, self.scope) = (id, programme, session, scope)
        (self.cohorts, self.participants, self.notGathered) = (cohorts, participants, notGathered)
    }

    /// The id of a pattern's event for one scope.
    public static func id(programme: String, session: Int, scope: String) -> String { "\(programme)-\(session)-\(scope)" }
}

public struct PlanForum: Codable, Sendable, Equatable {
    public var forum: String
    /// Authority id, or `hub`.
    public var scope: String
    public var halfTerm: HalfTerm
    public var date: Day
    public var start: String
    public var hours: Double
    public var venue: String
    public var room: String
    public var chair: String
    public var attendees: Int

    enum CodingKeys: String, CodingKey { case forum, scope, halfTerm, date, start, hours, slot, venue, room, chair, attendees }

    public init(forum: String, scope: String, halfTerm: HalfTerm, date: Day, start: String, hours: Double, venue: String, room: String,
                chair: String, attendees: Int) {
        (self.forum, self.scope, self.halfTerm, self.date, self.start, self.hours) = (forum, scope, halfTerm, date, start, hours)
        (self.venue, self.room, self.chair, self.attendees) = (venue, room, chair, attendees)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(forum: try c.decode(String.self, forKey: .forum), scope: try c.decode(String.self, forKey: .scope),
                  halfTerm: try c.decode(HalfTerm.self, forKey: .halfTerm), date: try c.decode(Day.self, forKey: .date),
                  start: try c.decode(String.self, forKey: .start), hours: try c.decode(Double.self, forKey: .hours),
                  venue: try c.decode(String.self, forKey: .venue), room: try c.decode(String.self, forKey: .room),
                  chair: try c.decode(String.self, forKey: .chair), attendees: try c.decode(Int.self, forKey: .attendees))
    }

    /// Writes `slot` too: the parts of the day the meeting takes.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(forum, forKey: .forum)
        try c.encode(scope, forKey: .scope)
        try c.encode(halfTerm, forKey: .halfTerm)
        try c.encode(date, forKey: .date)
        try c.encode(start, forKey: .start)
        try c.encode(hours, forKey: .hours)
        try c.encode(DayParts(start: start, hours: hours).words, forKey: .slot)
        try c.encode(venue, forKey: .venue)
        try c.encode(room, forKey: .room)
        try c.encode(chair, forKey: .chair)
        try c.encode(attendees, forKey: .attendees)
    }
}

public struct AdviserAssignment: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey { case school, adviser, halfTerm, days, date, kind }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(school, forKey: .school)
        try c.encode(adviser, forKey: .adviser)
        try c.encode(halfTerm, forKey: .halfTerm)
        try c.encode(days, forKey: .days)
        try c.encode(date, forKey: .date)
        try c.encode(kind, forKey: .kind)
    }

    public var school: String
    public var adviser: String
    public var halfTerm: HalfTerm
    public var days: Double
    public var date: Day?
    public var kind: SupportKind

    /// A support day runs from 09:00 for six hours: a full school day.
    public static let start = "09:00"
    public static let hours = 6.0
    public var parts: DayParts { DayParts(start: Self.start, hours: Self.hours) }
}

/// What an adviser's day at a Focus School is for.
public enum SupportKind: String, Codable, Sendable {
    /// The audit at the start of the year (HT1).
    case audit
    /// A termly support visit.
    case visit
}

/// Size and outcome of one GLPK model the planner solved.
public struct ModelStats: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var columns: Int
    public var nonZeros: Int
    public var status: String
    public var objective: Double?
    public var bound: Double?
    /// Seconds GLPK took.
    public var seconds: Double
    /// Seconds spent building the model before GLPK saw it.
    public var buildSeconds: Double?
    /// Branch-and-bound nodes GLPK searched (absent for an LP): its work, whatever the machine.
    public var nodes: Int?
}

extension ModelStats {
    func renamed(_ name: String) -> ModelStats {
        var s = self
        s.name = name
        return s
    }

    /// The size of a model and what GLPK made of it.
    init(_ m: Model, _ r: SolveResult, built started: Date) {
        self.init(name: m.name, rows: m.constraints.count, columns: m.variables.count, nonZeros: m.nonZeroCount,
                  status: r.status.rawValue, objective: r.objective, bound: r.bound, seconds: r.seconds)
        // Wall time since the model was started, less GLPK's share.
        buildSeconds = max(0, Date().timeIntervalSince(started) - r.seconds)
        nodes = r.isMIP ? r.nodes : nil
    }
}

public struct UtilisationEntry: Codable, Sendable, Equatable {
    public var kind: Resource
    public var id: String
    public var used: Double
    public var available: Double
}

/// What a plan's status says: what is proven of it, or that it was stopped early.
public enum PlanStatus: String, Codable, Sendable, CustomStringConvertible {
    case provenOptimal = "proven optimal"
    /// Within the gap ``Plan/proof`` states of the best possible plan.
    case withinGap = "within gap"
    case noProof = "no proof"
    /// Stopped early (Ctrl-C); the best plan so far.
    case interrupted

    public var description: String { rawValue }
}

/// People and places whose time a plan uses.
public enum Resource: String, Codable, Sendable, CaseIterable {
    case facilitator, adviser, venue
}

/// The terms of the objective, in the order reports list them.
public enum CostTerm: String, Codable, CodingKeyRepresentable, CaseIterable, Sendable {
    case participantTravel, facilitatorTravel, adviserTravel, venueHire, facilitatorDays, adviserDays,
         loadImbalance, brokenContinuity, unmetDemand, eventsApart,
         schoolRelease, schoolDayClashes, avoidDays, sessionSpacing, weekdayChanges,
         assessorTime, assessorTravel

    /// The terms the choice of dates decides (supply cover follows from who is served, whatever the dates).
    public static let fromDates: [CostTerm] = [.schoolDayClashes, .avoidDays, .sessionSpacing, .weekdayChanges]

    /// The term in a planner's words.
    public var words: String {
        switch self {
        case .participantTravel: "Participants' travel"
        case .facilitatorTravel: "Facilitators' travel"
        case .adviserTravel: "Advisers' travel"
        case .venueHire: "Venue hire"
        case .facilitatorDays: "Facilitators' days"
        case .adviserDays: "Advisers' days"
        case .loadImbalance: "Uneven workloads (penalty)"
        case .brokenContinuity: "Broken continuity (penalty)"
        case .unmetDemand: "Unmet demand (penalty)"
        case .eventsApart: "Events held apart (penalty)"
        case .schoolRelease: "Supply cover for teachers out"
        case .schoolDayClashes: "Two cohorts out of one school on a day (penalty)"
        case .avoidDays: "Teachers out on days schools avoid (penalty)"
        case .sessionSpacing: "Sessions too close or too far apart (penalty)"
        case .weekdayChanges: "Sessions off a cohort's usual weekday (penalty)"
        case .assessorTime: "Appropriate Body assessors' time"
        case .assessorTravel: "Appropriate Body assessors' travel"
        }
    }
}
