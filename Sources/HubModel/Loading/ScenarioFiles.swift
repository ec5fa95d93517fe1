/// The files of a scenario folder and their columns; `scenarios/README.md` documents each.
enum ScenarioFiles {
    static let yaml = "scenario.yaml"

    static let schools = ("schools.csv", [c("id"), c("name"), c("authority"), c("town"), c("phase"), c("latitude"), c("longitude")])
    static let enrolment = ("enrolment.csv", [c("school"), c("programme"), c("participants"), c("intake", false)])
    /// Without the intake column, as written when no row has a late intake.
    static let enrolmentAtStart = ("enrolment.csv", [c("school"), c("programme"), c("participants")])
    static let facilitators = ("facilitators.csv", [
        c("id"), c("name"), c("home_town"), c("latitude"), c("longitude"), c("qualifications"),
        c("days_per_half_term"), c("days_per_year"), c("day_rate"), c("employer_school", false),
    ])
    static let advisers = ("advisers.csv", [
        c("id"), c("name"), c("home_town"), c("latitude"), c("longitude"), c("authorities"), c("capacity_days"), c("day_rate"),
    ])
    static let assessors = ("assessors.csv", [
        c("id"), c("name"), c("home_town"), c("latitude"), c("longitude"), c("hours_per_half_term"), c("hourly_rate"),
    ])
    static let focusSchools = ("focus_schools.csv", [c("school"), c("audit_days"), c("days_per_half_term")])
    static let venues = ("venues.csv", [
        c("id"), c("name"), c("authority"), c("town"), c("address", false), c("latitude"), c("longitude"),
        c("day_cost"), c("weekdays", false), c("step_free", false),
    ])
    static let rooms = ("rooms.csv", [c("venue"), c("room"), c("capacity")])
    static let calendar = ("calendar.csv", [c("authority"), c("half_term"), c("first_day"), c("last_day")])
    static let closures = ("closures.csv", [c("date"), c("authority", false), c("kind"), c("description", false), c("phase", false), c("school", false)])
    static let unavailability = ("unavailability.csv", [c("who"), c("from"), c("to"), c("reason", false)])
    static let history = ("history.csv", [c("year"), c("authority"), c("programme"), c("participants")])

    private static func c(_ name: String, _ required: Bool = true) -> ColumnSpec { ColumnSpec(name: name, required: required) }
}
