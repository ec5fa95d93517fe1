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

    public init() {}
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
