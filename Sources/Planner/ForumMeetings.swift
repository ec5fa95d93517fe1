import HubModel

/// A forum meeting the scenario asks for (one per series, scope and half-term) and
/// every (venue, chair) pair the checker would accept for it, priced, dates aside.
/// The advisers' model chooses among the pairs (a chair's day counts against their
/// capacity); the forum stage dates the choice.
struct ForumMeeting {
    let series: ForumSeries
    /// An authority id, or `hub`.
    let scope: String
    let authorities: [String]
    let halfTerm: HalfTerm
    /// The Focus Schools whose CPD leads attend.
    let schools: [School]
    var size: Int { schools.count + series.extraAttendees }
    /// The chair's days it takes.
    var chairDays: Double { StaffDays(hours: series.hours).days }
    /// The parts of the day it takes.
    var parts: DayParts { DayParts(start: series.start, hours: series.hours) }
    /// Venues in scope seating everyone, chairs the checker allows (any adviser for the hub), cheapest first.
    let pairs: [Pair]

    var key: String { "\(series.id)|\(scope)|\(halfTerm.rawValue)" }

    struct Pair {
        let venue: Venue
        let chair: ExpertAdviser
        let cost: Double
    }

    static func all(_ ctx: PlanningContext) -> [ForumMeeting] {
        ctx.scenario.forums.flatMap { f -> [ForumMeeting] in
            let units: [(String, [String])] = f.scope == .hub
                ? [("hub", ctx.scenario.authorities.map(\.id))] : ctx.scenario.authorities.map { ($0.id, [$0.id]) }
            return units.flatMap { scope, authorities -> [ForumMeeting] in
                let schools = ctx.scenario.focusSchools.compactMap { ctx.schoolById[$0.school] }.filter { authorities.contains($0.authority) }
                let size = schools.count + f.extraAttendees
                let venues = ctx.scenario.venues.filter { (f.scope == .hub || authorities.contains($0.authority)) && $0.largestRoom >= size }
                let chairs = ctx.scenario.advisers.filter { a in f.scope == .hub || authorities.allSatisfy { a.authorities.contains($0) } }
                let pairs = venues.flatMap { v in chairs.map { Pair(venue: v, chair: $0, cost: cost(f, venue: v, chair: $0, schools: schools, ctx)) } }
                    .sorted { ($0.cost, $0.venue.id, $0.chair.id) < ($1.cost, $1.venue.id, $1.chair.id) }
                return f.halfTerms.map { ForumMeeting(series: f, scope: scope, authorities: authorities, halfTerm: $0, schools: schools, pairs: pairs) }
            }
        }
    }

    /// The cost of holding one meeting at a venue with a chair: hire, the leads' travel, the chair's travel and day.
    static func cost(_ f: ForumSeries, venue: Venue, chair: ExpertAdviser, schools: [School], _ ctx: PlanningContext) -> Double {
        let w = ctx.scenario.weights
        let travel = schools.reduce(0.0) { $0 + (ctx.origin(ofSchool: $1.id) ?? $1.location).travelMinutes(to: venue.location) }
        return venue.dayCost * w.venueHire + travel * w.participantTravelPerMinute
            + chair.home.travelMinutes(to: venue.location) * w.staffTravelPerMinute
            + StaffDays(hours: f.hours).days * chair.dayRate * w.staffDays
    }
}
