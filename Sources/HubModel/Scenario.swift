/// Everything HubPlan knows about one hub's year: the input of planning and forecasting.
public struct Scenario: Sendable, Equatable {
    public var name: String
    /// Start year of the academic year being planned (2026 for 2026-27).
    public var year: Int
    public var authorities: [LocalAuthority]
    public var schools: [School]
    public var programmes: [Programme]
    public var enrolment: [Enrolment]
    public var facilitators: [Facilitator]
    public var advisers: [ExpertAdviser]
    public var focusSchools: [FocusSchoolNeed]
    public var venues: [Venue]
    public var forums: [ForumSeries]
    public var calendar: AcademicCalendar
    public var unavailability: [Unavailability]
    public var history: [HistoryRecord]
    public var weights: ObjectiveWeights
    public var solver: SolverSettings
    /// Last year's plan.json, whose cohorts the continuing programmes carry on, as
    /// scenario.yaml writes it (relative to the scenario's folder); nil for none.
    public var continueFrom: String? = nil
    /// Appropriate Body assessors (assessors.csv; none when the file is absent).
    public var assessors: [Assessor] = []
    /// What each induction needs of the Appropriate Body (scenario.yaml `appropriateBody`).
    public var appropriateBody = AppropriateBodyWork()

    public init(name: String, year: Int, authorities: [LocalAuthority], schools: [School], programmes: [Programme],
                enrolment: [Enrolment], facilitators: [Facilitator], advisers: [ExpertAdviser],
                focusSchools: [FocusSchoolNeed], venues: [Venue], forums: [ForumSeries], calendar: AcademicCalendar,
                unavailability: [Unavailability], history: [HistoryRecord], weights: ObjectiveWeights,
                solver: SolverSettings) {
        self.name = name
        self.year = year
        self.authorities = authorities
        self.schools = schools
        self.programmes = programmes
        self.enrolment = enrolment
        self.facilitators = facilitators
        self.advisers = advisers
        self.focusSchools = focusSchools
        self.venues = venues
        self.forums = forums
        self.calendar = calendar
        self.unavailability = unavailability
        self.history = history
        self.weights = weights
        self.solver = solver
    }

    /// `2026-27` for 2026.
    public var yearLabel: String { AcademicYear.label(year) }

    public func school(_ id: String) -> School? { schools.first { $0.id == id } }
    public func programme(_ id: String) -> Programme? { programmes.first { $0.id == id } }

    /// Whether someone (facilitator, adviser or venue) is unavailable on a day.
    public func isUnavailable(_ who: String, on day: Day) -> Bool {
        unavailability.contains { $0.who == who && $0.contains(day) }
    }
}

/// Academic years are written `2026-27`.
public enum AcademicYear {
    public static func label(_ startYear: Int) -> String {
        let next = (startYear + 1) % 100
        return "\(startYear)-\(next < 10 ? "0" : "")\(next)"
    }

    /// 1 August to 31 July: the days a scenario of the year may date anything.
    public static func range(_ startYear: Int) -> DayRange {
        DayRange(first: Day(year: startYear, month: 8, day: 1)!, last: Day(year: startYear + 1, month: 7, day: 31)!)
    }

    /// Parses `2026-27` (or `2026/27`); the second part must follow the first.
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "/", with: "-")
        let parts = t.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let a = Int(parts[0]), let b = Int(parts[1]), (a + 1) % 100 == b, (1990...2100).contains(a) else { return nil }
        return a
    }
}

import Foundation
