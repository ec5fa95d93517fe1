/// One CPD Leaders Forum series: one meeting per listed half-term, per authority or hub-wide.
public struct ForumSeries: Sendable, Equatable, Codable, Identifiable {
    public enum Scope: String, Sendable, Codable, CaseIterable {
        /// One meeting per authority per half-term, in that authority.
        case authority
        /// One meeting per half-term for the whole hub.
        case hub
    }
    public var id: String
    public var name: String
    public var scope: Scope
    public var halfTerms: [HalfTerm]
    public var hours: Double
    /// Start time, `HH:MM`.
    public var start: String
    /// Attendees besides the CPD leads of the Focus Schools in scope.
    public var extraAttendees: Int

    public init(id: String, name: String, scope: Scope, halfTerms: [HalfTerm], hours: Double, start: String, extraAttendees: Int) {
        self.id = id
        self.name = name
        self.scope = scope
        self.halfTerms = halfTerms
        self.hours = hours
        self.start = start
        self.extraAttendees = extraAttendees
    }
}

/// Weights of the soft costs, in £ or £-equivalents.
public struct ObjectiveWeights: Sendable, Equatable, Codable {
    /// Per participant-minute of travel (one way) to an in-person session.
    public var participantTravelPerMinute: Double = 0.15
    /// Per facilitator or adviser minute of travel (one way).
    public var staffTravelPerMinute: Double = 0.5
    /// Multiplies venue day costs.
    public var venueHire: Double = 1
    /// Multiplies facilitator and adviser day rates.
    public var staffDays: Double = 1
    /// Per facilitator day above the mean load.
    public var loadImbalance: Double = 40
    /// Per Focus School whose support is split between advisers (only where continuity cannot be kept).
    public var brokenContinuity: Double = 500
    /// Per participant (or support day, or forum) that cannot be served.
    public var unmet: Double = 20_000
    /// Per participant whose event (a pattern that `gathers`) meets apart from the rest:
    /// the conference or launch they miss. High enough that a plan holds an event apart
    /// only when it cannot gather it, and that the bound can count on it (docs/model.md, "Events").
    public var eventApart: Double = 100

    // What makes a date good or bad (docs/model.md, "Dates").
    /// Supply cover per participant per day out of school: in-person sessions that start before 15:00,
    /// pro rata for half days; twilights and online sessions need none. 0 leaves it out of the objective
    /// (the hub does not pay it); set it (roughly £150–£250) to weigh schools' costs too.
    public var releasePerDay: Double = 0
    /// Per school-day on which a second (third, …) cohort takes teachers out of the same school.
    public var schoolDayClash: Double = 150
    /// Per participant called out of school on a day their school asked to avoid (exam seasons, test weeks, INSET).
    public var avoidDay: Double = 100
    /// Per day that two sessions of a cohort fall closer than `minSpacingDays` or further apart than `maxSpacingDays`.
    public var spacingPerDay: Double = 5
    /// The fewest calendar days wanted between two sessions of a cohort.
    public var minSpacingDays: Double = 14
    /// The most calendar days wanted between two sessions of a cohort (holidays included).
    public var maxSpacingDays: Double = 84
    /// Per session of a cohort not on the weekday most of its sessions fall on.
    public var weekdayChange: Double = 20

    public init() {}

    /// Every weight's key in scenario.yaml and overlays, its field and its largest value: the loader,
    /// the overlay reader and the writer all go through this one list. (Key paths are immutable;
    /// this toolchain does not mark them Sendable.)
    nonisolated(unsafe) public static let fields: [(key: String, path: WritableKeyPath<ObjectiveWeights, Double>, max: Double)] = [
        ("participantTravelPerMinute", \.participantTravelPerMinute, 1e7),
        ("staffTravelPerMinute", \.staffTravelPerMinute, 1e7),
        ("venueHire", \.venueHire, 1e7),
        ("staffDays", \.staffDays, 1e7),
        ("loadImbalance", \.loadImbalance, 1e7),
        ("brokenContinuity", \.brokenContinuity, 1e7),
        ("unmet", \.unmet, 1e7),
        ("eventApart", \.eventApart, 1e7),
        ("releasePerDay", \.releasePerDay, 1e5),
        ("schoolDayClash", \.schoolDayClash, 1e7),
        ("avoidDay", \.avoidDay, 1e7),
        ("spacingPerDay", \.spacingPerDay, 1e7),
        ("minSpacingDays", \.minSpacingDays, 366),
        ("maxSpacingDays", \.maxSpacingDays, 366),
        ("weekdayChange", \.weekdayChange, 1e7),
    ]
}

/// Solver settings a scenario may set (the command line overrides them).
public struct SolverSettings: Sendable, Equatable, Codable {
    /// Seconds for the whole plan.
    public var timeLimit: Double = 60
    /// Relative gap between the plan and its proven bound at which it counts as optimal.
    public var gap: Double = 0.01
    /// Longest one-way travel, minutes, a participant is asked to make.
    public var maxTravelMinutes: Double = 45

    public init() {}
}

/// What the Appropriate Body does for each induction in a year: a progress review at the
/// end of the autumn and spring terms and a formal assessment at the end of the summer
/// term, each due by the end of its half-term and done in its last `windowDays` teaching days.
public struct AppropriateBodyWork: Sendable, Equatable, Codable {
    public var reviewHours: Double = 0.5
    public var assessmentHours: Double = 1.5
    public var windowDays: Int = 15
    /// Hours an assessor works in a day at most.
    public var hoursPerDay: Double = 6.5

    public init() {}

    /// The half-terms whose end has a review or an assessment, and the hours each induction takes then.
    public var reviews: [(halfTerm: HalfTerm, hours: Double, kind: String)] {
        [(.ht2, reviewHours, "progress review"), (.ht4, reviewHours, "progress review"), (.ht6, assessmentHours, "formal assessment")]
    }
}
