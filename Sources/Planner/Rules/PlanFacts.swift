import HubModel

/// A plan and its scenario, indexed for the rules' checks. Built from the
/// scenario's data and the plan alone (not from the planner's context), so the
/// checks share no logic with the models or the dating pass.
public struct PlanFacts {
    public let scenario: Scenario
    public let plan: Plan
    /// Last year's plan, when the plan continues its cohorts.
    public let lastYear: Plan?
    let programmes: [String: Programme]
    let schools: [String: School]
    let venues: [String: Venue]
    let facilitators: [String: Facilitator]
    let advisers: [String: ExpertAdviser]
    let cohorts: [String: PlanCohort]

    /// A session with its cohort, programme and the pattern it delivers.
    struct Delivery {
        let cohort: PlanCohort
        let programme: Programme
        let pattern: SessionPattern
        let session: PlanSession
        var label: String { "cohort \(cohort.id) session \(session.session)" }
    }

    /// Every session whose cohort, programme and pattern are known, by cohort and number.
    let deliveries: [Delivery]

    /// A meeting of a forum series the scenario asks for: one per scope and half-term.
    struct ForumMeeting {
        let series: ForumSeries
        let scope: String
        let authorities: [String]
        let halfTerm: HalfTerm
        var label: String { "\(series.id) \(scope) \(halfTerm.rawValue)" }
    }

    let forumMeetings: [ForumMeeting]

    public init(scenario: Scenario, plan: Plan, lastYear: Plan? = nil) {
        self.scenario = scenario
        self.plan = plan
        self.lastYear = lastYear
        func index<T>(_ items: [T], _ id: (T) -> String) -> [String: T] {
            Dictionary(items.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
        }
        programmes = index(scenario.programmes, \.id)
        schools = index(scenario.schools, \.id)
        venues = index(scenario.venues, \.id)
        facilitators = index(scenario.facilitators, \.id)
        advisers = index(scenario.advisers, \.id)
        cohorts = index(plan.cohorts, \.id)
        var deliveries: [Delivery] = []
        let byCohort = Dictionary(grouping: plan.sessions, by: \.cohort)
        for c in plan.cohorts {
            guard let p = programmes[c.programme] else { continue }
            for s in (byCohort[c.id] ?? []).sorted(by: { $0.session < $1.session }) {
                guard let pat = p.sessions.first(where: { $0.number == s.session }) else { continue }
                deliveries.append(Delivery(cohort: c, programme: p, pattern: pat, session: s))
            }
        }
        self.deliveries = deliveries
        forumMeetings = scenario.forums.flatMap { series in
            let scopes: [(String, [String])] = series.scope == .hub
                ? [("hub", scenario.authorities.map(\.id))] : scenario.authorities.map { ($0.id, [$0.id]) }
            return scopes.flatMap { scope, las in
                series.halfTerms.map { ForumMeeting(series: series, scope: scope, authorities: las, halfTerm: $0) }
            }
        }
    }

    /// The sessions of each cohort's programme that the plan does not hold.
    var unplannedSessions: [(cohort: PlanCohort, pattern: SessionPattern)] {
        let planned = Set(plan.sessions.map { "\($0.cohort)|\($0.session)" })
        return plan.cohorts.flatMap { c in
            (programmes[c.programme]?.sessions ?? [])
                .filter { pattern in !planned.contains("\(c.id)|\(pattern.number)") && c.starts.map { pattern.halfTerm >= $0 } ?? true }.map { (c, $0) }
        }
    }

    /// The plan's meetings for one the scenario asks for.
    func held(_ m: ForumMeeting) -> [PlanForum] {
        plan.forums.filter { $0.forum == m.series.id && $0.scope == m.scope && $0.halfTerm == m.halfTerm }
    }

    /// A cohort's places whose members are at its sessions in a half-term: everyone but late
    /// joiners whose intake (`from`) is later.
    func members(_ c: PlanCohort, at ht: HalfTerm) -> [SchoolPlaces] {
        c.schools.filter { place in place.from == nil || place.from! <= ht }
    }

    /// The authorities of a cohort's schools.
    func authorities(of c: PlanCohort) -> [String] { Set(c.schools.compactMap { schools[$0.school]?.authority }).sorted() }

    /// The amount listed as unmet for subjects that match.
    func listedUnmet(_ matches: (UnmetSubject) -> Bool) -> Double? {
        let items = plan.unmet.filter { matches($0.subject) }
        return items.isEmpty ? nil : items.reduce(0) { $0 + $1.amount }
    }

    /// Why a day is not a usable teaching day of the authority's half-term, or nil if it is.
    func notTeaching(_ day: Day, authority: String, halfTerm: HalfTerm) -> String? {
        guard let range = scenario.calendar.halfTerms[authority]?[halfTerm] else { return "no \(halfTerm.rawValue) dates" }
        if day < range.first || day > range.last { return "outside \(halfTerm.rawValue) (\(range.first) to \(range.last))" }
        if day == range.first || day == range.last { return "first or last day of term" }
        if day.weekday == .saturday || day.weekday == .sunday { return "a weekend" }
        if let c = scenario.calendar.closures.first(where: { $0.closesTeaching && $0.day == day && ($0.authority == nil || $0.authority == authority) }) {
            return "closed (\(c.kind.rawValue)\(c.description.isEmpty ? "" : ": \(c.description)"))"
        }
        return nil
    }

    func unavailable(_ who: String, _ day: Day) -> Bool {
        scenario.unavailability.contains { $0.who == who && $0.from <= day && day <= $0.to }
    }

    /// The centre of a school's town: the mean position of the authority's schools in that town.
    func townCentre(_ school: School) -> GeoPoint {
        let same = scenario.schools.filter { $0.authority == school.authority && $0.town == school.town }
        let n = Double(max(1, same.count))
        return GeoPoint(latitude: same.reduce(0) { $0 + $1.location.latitude } / n,
                        longitude: same.reduce(0) { $0 + $1.location.longitude } / n)
    }

    /// What one person does on one day: the parts of the day it takes and the staff days it counts.
    struct Work {
        let who: String
        let day: Day
        let parts: DayParts
        let days: Double
        let what: String
    }

    /// The deliveries that book people and rooms: every cohort's own session, and each
    /// event once (its first cohort's session), with the event's participants in all.
    var bookings: [(delivery: Delivery, attendees: Int)] {
        var seen: Set<String> = []
        let eventSize = Dictionary(grouping: deliveries.filter { $0.session.event != nil }, by: { $0.session.event ?? "" })
            .mapValues { $0.reduce(0) { $0 + $1.session.participants } }
        return deliveries.compactMap { d in
            guard let e = d.session.event else { return (d, d.session.participants) }
            return seen.insert(e).inserted ? (d, eventSize[e] ?? d.session.participants) : nil
        }
    }

    /// Everyone's work: session facilitators (an event's once), forum chairs and advisers on visits.
    var work: [Work] {
        bookings.map(\.delivery).flatMap { d in
            d.session.facilitators.filter { facilitators[$0] != nil }.map {
                Work(who: $0, day: d.session.date, parts: DayParts(start: d.session.start, hours: d.session.hours),
                     days: d.pattern.facilitatorDays, what: d.session.event.map { "event \($0)" } ?? "\(d.cohort.id) session \(d.session.session)")
            }
        } + plan.forums.map {
            Work(who: $0.chair, day: $0.date, parts: DayParts(start: $0.start, hours: $0.hours), days: StaffDays(hours: $0.hours).days,
                 what: "chairing \($0.forum) \($0.scope)")
        } + plan.adviserAssignments.compactMap { a in
            guard advisers[a.adviser] != nil, schools[a.school] != nil, let d = a.date else { return nil }
            return Work(who: a.adviser, day: d, parts: a.parts, days: a.days, what: "visit to \(a.school)")
        }
    }

    /// For items grouped by `key` (a person's or a room's day), each part of the day
    /// that two or more of them share, with those items.
    func clashes<T>(_ items: [T], by key: (T) -> String, parts: (T) -> DayParts) -> [(key: String, part: DayParts, items: [T])] {
        Dictionary(grouping: items, by: key).flatMap { k, group in
            DayParts.allParts.compactMap { part in
                let clash = group.filter { parts($0).contains(part) }
                return clash.count > 1 ? (k, part, clash) : nil
            }
        }
    }

    /// A room's bookings on one day: in-person sessions and forums.
    struct RoomUse {
        let venue: String
        let room: String
        let day: Day
        let parts: DayParts
        let attendees: Int
        let what: String
    }

    var roomUses: [RoomUse] {
        bookings.compactMap { d, attendees in
            guard d.pattern.mode == .inPerson, let v = d.session.venue, let r = d.session.room else { return nil }
            return RoomUse(venue: v, room: r, day: d.session.date, parts: DayParts(start: d.session.start, hours: d.session.hours),
                           attendees: attendees, what: d.session.event.map { "event \($0)" } ?? "\(d.cohort.id) session \(d.session.session)")
        } + plan.forums.map {
            RoomUse(venue: $0.venue, room: $0.room, day: $0.date, parts: DayParts(start: $0.start, hours: $0.hours), attendees: $0.attendees,
                    what: "forum \($0.forum) \($0.scope)")
        }
    }
}
